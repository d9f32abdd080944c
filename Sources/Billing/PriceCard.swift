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
  /// Where the numbers come from.
  public var source: String

  public init(
    model: String, effectiveFrom: CalendarDay, textIn: Money, textInCached: Money?, textOut: Money,
    audioIn: Money, audioInCached: Money?, audioOut: Money, imageIn: Money? = nil,
    imageInCached: Money? = nil, source: String
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

extension Money {
  /// A price quoted in USD per 1M tokens (`"0.40"`), as pico-dollars per token. Traps on bad text:
  /// for the bundled table only; user files go through ``PriceFile``.
  static func perMillion(_ text: String) -> Money {
    Money(picoUSD: DecimalText.scaledInteger(text, scale: 6)!)
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
