public import ArgumentParser
public import Billing
internal import Simulation

/// `--prices FILE` (a JSON or YAML price file laid over the bundled price book) and `--residency`
/// (the prices of a data-residency endpoint).
public struct PriceOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp("A JSON or YAML price file that adds or overrides models.", valueName: "file"))
  public var prices: String?

  @Flag(
    name: .long,
    help: "Price as a data-residency project: +10 % for models released on or after 2026-03-05, exactly.")
  public var residency = false

  public init() {}

  /// The bundled price book overlaid with `--prices`, before the residency uplift (a scenario lays
  /// its own price file over it first: ``book(over:)``).
  public func baseBook() throws -> PriceBook {
    guard let prices else { return .bundled }
    do {
      return PriceBook.bundled.overlaid(with: try PriceFileLoader.load(path: prices))
    } catch {
      throw CLIError(error.description)
    }
  }

  /// The book commands price with: ``baseBook()`` with the residency uplift when asked.
  public func priceBook() throws -> PriceBook { try applyingResidency(to: baseBook()) }

  /// `book` with the residency uplift when `--residency` is given.
  func applyingResidency(to book: PriceBook) throws -> PriceBook {
    guard residency else { return book }
    do {
      return try book.withDataResidency()
    } catch {
      throw CLIError(error.description)
    }
  }
}

extension CalendarDay: ExpressibleByArgument {
  public init?(argument: String) { self.init(argument) }
}
