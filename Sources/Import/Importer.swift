public import AudioIO
public import Billing
import Foundation

/// The tools whose logs rtcost imports.
public enum ImportSourceKind: String, Sendable, CaseIterable {
  case helicone, litellm, livekit
}

/// Reads another tool's log file into an ``ImportedRecording``.
public enum Importer {
  /// The largest log read whole (256 MiB): a session's log is far smaller.
  public static let maximumBytes = 256 << 20

  /// Imports `path` as a log of `kind`. For LiveKit, `audio` is the session's `audio.ogg` (nil: the
  /// `audio.ogg` beside the report when there is one, else none).
  public static func read(
    _ kind: ImportSourceKind, path: String, audio: String? = nil, book: PriceBook = .bundled
  ) throws(ImportError) -> ImportedRecording {
    let bytes = try contents(path)
    switch kind {
    case .helicone: return try HeliconeImporter.read(bytes, name: path)
    case .litellm: return try LiteLLMImporter.read(bytes, name: path)
    case .livekit:
      let beside = ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(
        "audio.ogg")
      let audioPath = audio ?? (FileManager.default.fileExists(atPath: beside) ? beside : nil)
      var analysis: ChannelSpeechAnalysis?
      if let audioPath {
        do {
          analysis = try ChannelSpeechAnalysis.analyze(path: audioPath)
        } catch {
          throw ImportError(error.description)
        }
      }
      return try LiveKitImporter.read(bytes, name: path, audio: analysis, book: book)
    }
  }

  /// The bytes of `path`, or an error naming it.
  static func contents(_ path: String) throws(ImportError) -> [UInt8] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw ImportError("\(path): no such file")
    }
    guard !isDirectory.boolValue else { throw ImportError("\(path): is a folder, not a file") }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw ImportError("\(path): cannot be read")
    }
    defer { try? handle.close() }
    let data: Data
    do {
      data = try handle.read(upToCount: maximumBytes + 1) ?? Data()
    } catch {
      throw ImportError("\(path): cannot be read: \(error.localizedDescription)")
    }
    guard data.count <= maximumBytes else { throw ImportError("\(path): larger than 256 MiB") }
    return [UInt8](data)
  }
}
