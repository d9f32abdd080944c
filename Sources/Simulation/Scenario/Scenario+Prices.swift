public import Billing

/// The prices a scenario runs at.
extension Scenario {
  /// The price cards of the scenario's model and its transcription model on its start day.
  public struct PriceCards: Sendable, Equatable {
    public var model: PriceCard
    /// Nil when the scenario does not transcribe.
    public var transcription: TranscriptionPriceCard?
  }

  /// `base` (the bundled book or one laid over with `--prices`) with the scenario's own price file
  /// (`prices:`) laid over it.
  public func priceBook(over base: PriceBook) throws(PriceFileError) -> PriceBook {
    guard let pricesFile else { return base }
    return base.overlaid(with: try PriceFileLoader.load(path: pricesFile))
  }

  /// The cards the scenario is priced with, from its own book over `base` (with the data-residency
  /// uplift when `residency`); an unknown model is an error naming the scenario, never $0.
  public func priceCards(over base: PriceBook, residency: Bool = false) throws(ScenarioPricingError)
    -> PriceCards
  {
    var book: PriceBook
    do {
      book = try priceBook(over: base)
    } catch {
      throw .priceFile(error)
    }
    if residency {
      do {
        book = try book.withDataResidency()
      } catch {
        throw .price(error)
      }
    }
    do {
      return PriceCards(
        model: try book.card(for: model, on: startDay),
        transcription: try session.transcriptionModel.map { model throws(PriceBookError) in
          try book.transcriptionCard(for: model, on: startDay)
        })
    } catch {
      throw .price(error)
    }
  }
}

/// Why a scenario cannot be priced: its price file, or a model no book prices.
public enum ScenarioPricingError: Error, Sendable, Equatable, CustomStringConvertible {
  case priceFile(PriceFileError)
  case price(PriceBookError)

  public var description: String {
    switch self {
    case .priceFile(let error): error.description
    case .price(let error): error.description
    }
  }
}
