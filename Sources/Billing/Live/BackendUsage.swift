/// The token usage of a GPT-Live session's backend Responses model (delegated reasoning and
/// tools): the `usage` object of a Responses API response, as nested in a GPT-Live `response.event`.
///
/// `cachedInputTokens` is a subset of `inputTokens`; `reasoningTokens` is a subset of
/// `outputTokens` (the Responses API counts reasoning as output).
public struct BackendUsage: Sendable, Equatable, Hashable {
  public var inputTokens: Int64
  public var cachedInputTokens: Int64
  public var outputTokens: Int64
  public var reasoningTokens: Int64

  public init(
    inputTokens: Int64, cachedInputTokens: Int64 = 0, outputTokens: Int64, reasoningTokens: Int64 = 0
  ) {
    self.inputTokens = inputTokens
    self.cachedInputTokens = cachedInputTokens
    self.outputTokens = outputTokens
    self.reasoningTokens = reasoningTokens
  }

  /// Adds `other`, saturating at the largest count (token counts are checked on decoding).
  public mutating func add(_ other: BackendUsage) {
    func plus(_ a: Int64, _ b: Int64) -> Int64 {
      let (sum, overflow) = a.addingReportingOverflow(b)
      return overflow ? .max : sum
    }
    inputTokens = plus(inputTokens, other.inputTokens)
    cachedInputTokens = plus(cachedInputTokens, other.cachedInputTokens)
    outputTokens = plus(outputTokens, other.outputTokens)
    reasoningTokens = plus(reasoningTokens, other.reasoningTokens)
  }
}

extension PriceCard {
  /// The cost of a backend Responses usage at this card's text prices: uncached input at
  /// `text_in`, cached input at `text_in_cached` (the full price when the card has none), output
  /// (reasoning included) at `text_out`.
  ///
  /// - Throws: ``UsageError`` for negative counts, cached above input, or a cost beyond the range.
  public func cost(ofBackend usage: BackendUsage) throws(UsageError) -> Money {
    for (field, value) in [
      ("input_tokens", usage.inputTokens), ("cached_tokens", usage.cachedInputTokens),
      ("output_tokens", usage.outputTokens), ("reasoning_tokens", usage.reasoningTokens),
    ] {
      guard value >= 0 else { throw .negative(field: field, value: value) }
      guard value <= ResponseUsage.maximumTokens else { throw .implausibleCount(field: field, value: value) }
    }
    guard usage.cachedInputTokens <= usage.inputTokens else {
      throw .cachedExceedsInput(kind: "text", cached: usage.cachedInputTokens, input: usage.inputTokens)
    }
    let parts: [(TokenCategory, Money, Int64)] = [
      (.textIn, textIn, usage.inputTokens - usage.cachedInputTokens),
      (.textInCached, textInCached ?? textIn, usage.cachedInputTokens),
      (.textOut, textOut, usage.outputTokens),
    ]
    var total = Money.zero
    for (category, price, tokens) in parts {
      guard let cost = try? price.multiplied(by: tokens), let sum = try? total.adding(cost) else {
        throw .overflow(category: category, tokens: tokens)
      }
      total = sum
    }
    return total
  }
}
