/// The per-token prices of one model from one effective date, in pico-dollars per token.
///
/// A price quoted as USD per 1M tokens is the same number of micro-dollars per token, so
/// $32.00 / 1M is 32,000,000 pico-dollars per token. A `nil` cached price means that cached
/// input was billed at the full input price (the launch row); a `nil` image price means the
/// model has no image input, and image tokens on it are an error rather than $0.
public struct PriceCard: Sendable, Equatable {
  /// The dated model name, such as `gpt-realtime-2025-08-28`.
  public var model: String
  /// The first day these prices applied.
  public var effectiveFrom: CalendarDay
  public var textIn: Money
  public var textInCached: Money?
  public var textOut: Money
  public var audioIn: Money
  public var audioInCached: Money?
  public var audioOut: Money
  public var imageIn: Money?
  public var imageInCached: Money?
  /// Where the numbers come from (prices and the model facts below), with what is uncertain.
  public var source: String
  /// The day the model was released (nil: not recorded). A price change keeps the release day.
  public var released: CalendarDay?
  /// The context window in tokens (input and output together), nil when not recorded.
  public var contextWindow: Int?
  /// The most output tokens one response can have, nil when not recorded.
  public var maxOutputTokens: Int?
  /// The reasoning efforts the model accepts (`minimal` … `xhigh`); empty for a model that does not
  /// reason. Reasoning tokens are billed as text output (they arrive inside `text_tokens`).
  public var reasoningEfforts: [String]
  /// The effort used when a session sets none; nil for a model that does not reason.
  public var defaultReasoningEffort: String?
  /// When the model stops being served, if announced.
  public var shutdown: ModelShutdown?
  /// The surcharge in percent on data-residency endpoints (10 for models released on or after
  /// 2026-03-05); nil when none applies. See ``withDataResidency()``.
  public var residencyUpliftPercent: Int?
  /// Whether ``residencyUpliftPercent`` has been applied to the prices of this card.
  public var isDataResidencyPriced: Bool

  /// Whether the model reasons (accepts a reasoning effort).
  public var reasons: Bool { !reasoningEfforts.isEmpty }

  public init(
    model: String, effectiveFrom: CalendarDay, textIn: Money, textInCached: Money?, textOut: Money,
    audioIn: Money, audioInCached: Money?, audioOut: Money, imageIn: Money? = nil,
    imageInCached: Money? = nil, source: String, released: CalendarDay? = nil, contextWindow: Int? = nil,
    maxOutputTokens: Int? = nil, reasoningEfforts: [String] = [], defaultReasoningEffort: String? = nil,
    shutdown: ModelShutdown? = nil, residencyUpliftPercent: Int? = nil, isDataResidencyPriced: Bool = false
  ) {
    self.model = model
    self.effectiveFrom = effectiveFrom
    self.textIn = textIn
    self.textInCached = textInCached
    self.textOut = textOut
    self.audioIn = audioIn
    self.audioInCached = audioInCached
    self.audioOut = audioOut
    self.imageIn = imageIn
    self.imageInCached = imageInCached
    self.source = source
    self.released = released
    self.contextWindow = contextWindow
    self.maxOutputTokens = maxOutputTokens
    self.reasoningEfforts = reasoningEfforts
    self.defaultReasoningEffort = defaultReasoningEffort
    self.shutdown = shutdown
    self.residencyUpliftPercent = residencyUpliftPercent
    self.isDataResidencyPriced = isDataResidencyPriced
  }

  /// The price per token of `category`; cached input without a cached price falls back to the
  /// full input price, and image input without an image price is nil (not billable here).
  public func perToken(_ category: TokenCategory) -> Money? {
    switch category {
    case .textIn: textIn
    case .textInCached: textInCached ?? textIn
    case .audioIn: audioIn
    case .audioInCached: audioInCached ?? audioIn
    case .imageIn: imageIn
    case .imageInCached: imageInCached ?? imageIn
    case .textOut: textOut
    case .audioOut: audioOut
    }
  }

  /// The price of `category` in USD per 1M tokens, as exact decimal text ("—" when unpriced).
  public func perMillionText(_ category: TokenCategory) -> String {
    guard let price = perToken(category) else { return "—" }
    return DecimalText.format(price.picoUSD, scale: 6, keepTrailingZeros: false).paddedCents
  }
}

extension String {
  /// `"4"` → `"4.00"`, `"0.4"` → `"0.40"`, `"0.006"` unchanged: prices read like a price list.
  public var paddedCents: String {
    guard let dot = firstIndex(of: ".") else { return self + ".00" }
    let decimals = distance(from: dot, to: endIndex) - 1
    return decimals >= 2 ? self : self + String(repeating: "0", count: 2 - decimals)
  }
}
