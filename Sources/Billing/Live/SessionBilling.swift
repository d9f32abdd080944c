/// How a voice session is billed: by tokens (the Realtime API) or by session time (GPT-Live).
public enum SessionBilling: Sendable, Equatable {
  /// A Realtime session: `response.done` usage priced per token with the model's card.
  case tokens(PriceCard)
  /// A GPT-Live session: session time priced per second with the model's card; delegated backend
  /// tokens are priced by ``BackendPricing``.
  case live(LivePriceCard)

  /// The model billed.
  public var model: String {
    switch self {
    case .tokens(let card): card.model
    case .live(let card): card.model
    }
  }

  /// The token card of a Realtime session; nil for GPT-Live.
  public var tokenCard: PriceCard? {
    if case .tokens(let card) = self { card } else { nil }
  }

  /// The session-time card of a GPT-Live session; nil for Realtime.
  public var liveCard: LivePriceCard? {
    if case .live(let card) = self { card } else { nil }
  }

  /// Whether the session is billed by session time.
  public var isLive: Bool { liveCard != nil }
}

/// How the delegated backend tokens of a GPT-Live session are priced: at the text prices of a card
/// (a Responses model's tokens cost what the book's row for that model charges for text).
public struct BackendPricing: Sendable, Equatable {
  /// Prices every backend token regardless of the model the events name (`--backend-model`, or
  /// the simulator's backend model); nil: the named model's card is looked up in ``cards``.
  public var override: PriceCard?
  /// Cards by the exact model names they price (dated names and aliases alike).
  public var cards: [String: PriceCard]

  /// No backend pricing: every backend token is counted and reported unpriced.
  public static let none = BackendPricing()

  public init(override: PriceCard? = nil, cards: [String: PriceCard] = [:]) {
    self.override = override
    self.cards = cards
  }

  /// The card for tokens of `model` (nil when the event names none); nil when none applies.
  public func card(for model: String?) -> PriceCard? {
    if let override { return override }
    return model.flatMap { cards[$0] }
  }
}
