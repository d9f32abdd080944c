public import Billing

/// The prices a scenario runs at.
extension Scenario {
  /// The price cards of the scenario's model and its transcription model on its start day.
  public struct PriceCards: Sendable, Equatable {
    /// How the model bills: its token card (Realtime) or its session-time card (GPT-Live).
    public var billing: SessionBilling
    /// GPT-Live: the card of the backend model (`live.backend_model`), whose text prices price
    /// delegated tokens; nil for Realtime.
    public var backend: PriceCard?
    /// Nil when the scenario does not transcribe.
    public var transcription: TranscriptionPriceCard?

    public init(
      billing: SessionBilling, backend: PriceCard? = nil, transcription: TranscriptionPriceCard? = nil
    ) {
      self.billing = billing
      self.backend = backend
      self.transcription = transcription
    }

    /// A Realtime model's cards.
    public init(model: PriceCard, transcription: TranscriptionPriceCard? = nil) {
      self.init(billing: .tokens(model), transcription: transcription)
    }

    /// The Realtime model's token card; nil for GPT-Live.
    public var model: PriceCard? { billing.tokenCard }

    /// How the guard's meter prices backend tokens.
    public var backendPricing: BackendPricing { BackendPricing(override: backend) }
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
    try priceCards(of: model, over: base, residency: residency)
  }

  /// ``priceCards(over:residency:)`` for `model` instead of the scenario's (`forecast --models`).
  public func priceCards(of model: String, over base: PriceBook, residency: Bool = false)
    throws(ScenarioPricingError) -> PriceCards
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
      let transcription = try session.transcriptionModel.map { model throws(PriceBookError) in
        try book.transcriptionCard(for: model, on: startDay)
      }
      if book.isLiveModel(model) {
        // GPT-Live transcribes as part of the session: no separate transcription bill.
        return PriceCards(
          billing: .live(try book.liveCard(for: model, on: startDay)),
          backend: try book.card(for: live.backendModel, on: startDay), transcription: nil)
      }
      return PriceCards(
        billing: .tokens(try book.card(for: model, on: startDay)), transcription: transcription)
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
