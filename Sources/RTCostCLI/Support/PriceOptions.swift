public import ArgumentParser
public import Billing
internal import Simulation

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
    do {
      return PriceBook.bundled.overlaid(with: try PriceFileLoader.load(path: prices))
    } catch {
      throw CLIError(error.description)
    }
  }
}

extension CalendarDay: ExpressibleByArgument {
  public init?(argument: String) { self.init(argument) }
}
