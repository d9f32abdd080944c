/// A usage block that cannot be priced without guessing.
public enum UsageError: Error, Sendable, Equatable, CustomStringConvertible {
  case negative(field: String, value: Int64)
  /// A count above ``ResponseUsage/maximumTokens``: a corrupt block, not a plausible response.
  case implausibleCount(field: String, value: Int64)
  case cachedExceedsInput(kind: String, cached: Int64, input: Int64)
  case categoryNotPriced(model: String, category: TokenCategory, tokens: Int64)
  /// The cost would not fit the exact money range (±$9,223,372): absurd token counts or prices.
  case overflow(category: TokenCategory, tokens: Int64)

  public var description: String {
    switch self {
    case .negative(let field, let value): "usage field \(field) is negative (\(value))"
    case .implausibleCount(let field, let value):
      "usage field \(field) = \(value) tokens is not plausible (at most \(ResponseUsage.maximumTokens))"
    case .cachedExceedsInput(let kind, let cached, let input):
      "inconsistent usage: \(cached) cached \(kind) tokens but only \(input) \(kind) input tokens "
        + "(cached tokens are a subset of input tokens)"
    case .categoryNotPriced(let model, let category, let tokens):
      "\(tokens) \(category.rawValue) tokens but \(model) has no \(category.rawValue) price"
    case .overflow(let category, let tokens):
      "\(tokens) \(category.rawValue) tokens cost more than rtcost's exact money range (about $9.2M): "
        + "the usage block or the price is not plausible"
    }
  }
}
