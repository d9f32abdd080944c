public import Billing
import Foundation
import RealtimeEvents
import Yams

/// Reads user price files.
public enum PriceFileLoader {
  /// Decodes the price file at `path` (YAML, of which JSON is a subset); errors name the file and key.
  public static func load(path: String) throws(PriceFileError) -> PriceFile {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw PriceFileError("\(path): cannot read the price file")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw PriceFileError("\(path): the price file is not UTF-8 text")
    }
    guard text.contains(where: { !$0.isWhitespace }) else {
      throw PriceFileError("\(path): the price file is empty (expected models:, aliases: or transcription:)")
    }
    do throws(YAMLPreflight.Problem) {
      try YAMLPreflight.check(text)
    } catch {
      throw PriceFileError("\(path):\(error.line): \(error.message)")
    }
    do {
      return try YAMLDecoder().decode(PriceFile.self, from: text)
    } catch let error as DecodingError {
      throw PriceFileError("\(path): \(DecodingErrorText.describe(error))")
    } catch {
      throw PriceFileError("\(path): not valid YAML or JSON: \(error)")
    }
  }
}

/// A price file that cannot be read, in one sentence naming the file and key.
public struct PriceFileError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
