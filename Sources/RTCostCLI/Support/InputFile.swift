internal import Foundation

/// Reads a small input file (a shard, a price file) the user named, with one clear error.
enum InputFile {
  /// The largest small input file read whole (64 MiB): a shard of a million worlds is far smaller.
  static let maximumBytes = 64 << 20

  /// The file's bytes; a missing file, a folder, an unreadable or oversized file is an error naming it.
  static func read(_ path: String) throws -> [UInt8] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw CLIError("\(path): no such file")
    }
    guard !isDirectory.boolValue else { throw CLIError("\(path): is a folder, not a file") }
    guard let handle = FileHandle(forReadingAtPath: path) else { throw CLIError("\(path): cannot be read") }
    defer { try? handle.close() }
    let data: Data
    do {
      data = try handle.read(upToCount: maximumBytes + 1) ?? Data()
    } catch {
      throw CLIError("\(path): cannot be read: \(error.localizedDescription)")
    }
    guard data.count <= maximumBytes else {
      throw CLIError("\(path): larger than \(maximumBytes >> 20) MiB; not a file rtcost reads whole")
    }
    return [UInt8](data)
  }
}
