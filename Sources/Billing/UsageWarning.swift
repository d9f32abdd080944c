/// A flagged irregularity in a usage block that still allowed an exact, documented price.
public enum UsageWarning: Sendable, Equatable, CustomStringConvertible {
  /// `cached_tokens` had no `cached_tokens_details`: the cached prefix was attributed to text first
  /// (it starts with the instructions and tools, which are text), then audio, then image. Emitted by
  /// the card-independent ``ResponseUsage/tokenCounts()``.
  case cachedSplitAssumed(cached: Int64, text: Int64, audio: Int64, image: Int64)
  /// `cached_tokens` had no `cached_tokens_details` (the oldest beta payloads): the block was billed
  /// at the most expensive consistent split (the given split, attributed to `first` first; text
  /// first on every bundled card), which is the `upper` bound; attributing the cached tokens to the
  /// kinds whose caching saves most (audio first) gives the `lower` bound. Emitted by
  /// ``PriceCard/price(_:)``.
  case cachedSplitBounded(
    cached: Int64, text: Int64, audio: Int64, image: Int64, first: String, lower: Money, upper: Money)
  /// Token details were missing or malformed: input and output were priced as uncached text,
  /// a lower bound when the real tokens were audio.
  case totalsOnly(malformedFields: [String])
  /// `text + audio + image` input details exceed `input_tokens`; the details were billed.
  case inputPartsMismatch(detailsSum: Int64, inputTokens: Int64)
  /// `text + audio` output details exceed `output_tokens`; the details were billed.
  case outputPartsMismatch(detailsSum: Int64, outputTokens: Int64)
  /// Input details add up to less than `input_tokens`: the missing tokens were billed as uncached
  /// text, so the bill is never below what the totals say (a lower bound if they were audio).
  case inputResidual(detailsSum: Int64, inputTokens: Int64)
  /// Output details add up to less than `output_tokens`: the missing tokens were billed as text
  /// output (a lower bound if they were audio).
  case outputResidual(detailsSum: Int64, outputTokens: Int64)
  /// `cached_tokens_details` parts differ from `cached_tokens`; the parts were billed.
  case cachedPartsMismatch(detailsSum: Int64, cachedTokens: Int64)
  /// `input_tokens + output_tokens` differs from `total_tokens`.
  case totalMismatch(sum: Int64, totalTokens: Int64)

  /// Whether the warning means the true cost may be higher than the bill by an unknown amount.
  public var leavesCostUnboundedAbove: Bool {
    switch self {
    case .totalsOnly, .inputResidual, .outputResidual: true
    default: false
    }
  }

  public var description: String {
    switch self {
    case .cachedSplitAssumed(let cached, let text, let audio, let image):
      "cached_tokens \(cached) had no cached_tokens_details: attributed to text first "
        + "(text \(text), audio \(audio), image \(image))"
    case .cachedSplitBounded(let cached, let text, let audio, let image, let first, let lower, let upper):
      "cached_tokens \(cached) had no cached_tokens_details: attributed to \(first) first "
        + "(text \(text), audio \(audio), image \(image)), the most expensive consistent split; "
        + (lower == upper
          ? "every split costs the same (\(upper))"
          : "billed \(upper) as the upper bound; the cheapest consistent split (on bundled cards audio "
            + "first) would cost \(lower), the lower bound")
    case .totalsOnly(let fields):
      "token details missing"
        + (fields.isEmpty ? "" : " or malformed (\(fields.joined(separator: ", ")))")
        + ": priced from totals as uncached text, a lower bound if any tokens were audio"
    case .inputPartsMismatch(let sum, let input):
      "input details add up to \(sum) but input_tokens is \(input): billed the details"
    case .outputPartsMismatch(let sum, let output):
      "output details add up to \(sum) but output_tokens is \(output): billed the details"
    case .inputResidual(let sum, let input):
      "input details add up to \(sum) but input_tokens is \(input): the \(input - sum) missing tokens "
        + "were billed as uncached text, a lower bound if they were audio"
    case .outputResidual(let sum, let output):
      "output details add up to \(sum) but output_tokens is \(output): the \(output - sum) missing "
        + "tokens were billed as text output, a lower bound if they were audio"
    case .cachedPartsMismatch(let sum, let cached):
      "cached_tokens_details add up to \(sum) but cached_tokens is \(cached): billed the details"
    case .totalMismatch(let sum, let total):
      "input_tokens + output_tokens = \(sum) but total_tokens is \(total)"
    }
  }
}
