public import ArgumentParser
public import Billing
internal import Foundation
internal import Yams

/// `--prices FILE`: a JSON or YAML price file laid over the bundled price book.
public struct PriceOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp("A JSON or YAML price file that adds or overrides models.", valueName: "file"))
  public var prices: String?

  public init() {}

  /// The bundled price book, overlaid with `--prices` when given.
  public func priceBook() throws -> PriceBook {
    guard let prices else { return .bundled }
    return PriceBook.bundled.overlaid(with: try PriceFileLoader.load(path: prices))
  }
}

/// Reads user price files.
public enum PriceFileLoader {
  /// Decodes the price file at `path` (YAML, of which JSON is a subset); errors name the file and key.
  public static func load(path: String) throws -> PriceFile {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw CLIError("\(path): cannot read the price file")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw CLIError("\(path): the price file is not UTF-8 text")
    }
    guard text.contains(where: { !$0.isWhitespace }) else {
      throw CLIError("\(path): the price file is empty (expected models:, aliases: or transcription:)")
    }
    do {
      return try YAMLDecoder().decode(PriceFile.self, from: text)
    } catch let error as DecodingError {
      throw CLIError("\(path): \(DecodingErrorText.describe(error))")
    } catch {
      throw CLIError("\(path): not valid YAML or JSON: \(error)")
    }
  }
}

extension CalendarDay: ExpressibleByArgument {
  public init?(argument: String) { self.init(argument) }
}
