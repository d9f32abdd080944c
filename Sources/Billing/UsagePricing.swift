/// One usage block split into billing categories and priced by the billing identity of DESIGN §1.
public struct PricedUsage: Sendable, Equatable {
  /// Tokens per category; cached input is counted apart from uncached input.
  public var tokens: TokenCounts
  /// Money per category.
  public var costs: CategoryCosts
  /// Things about the block that a reader must know: assumptions made, parts that did not add up.
  public var warnings: [UsageWarning]

  /// The cost of the block.
  public var total: Money { costs.total }
}

/// A flagged irregularity in a usage block that still allowed an exact, documented price.
public enum UsageWarning: Sendable, Equatable, CustomStringConvertible {
  /// `cached_tokens` had no `cached_tokens_details`: the cached prefix was attributed to text first
  /// (it starts with the instructions and tools, which are text), then audio, then image.
  case cachedSplitAssumed(cached: Int64, text: Int64, audio: Int64, image: Int64)
  /// Token details were missing or malformed: input and output were priced as uncached text,
  /// a lower bound when the real tokens were audio.
  case totalsOnly(malformedFields: [String])
  /// `text + audio + image` input details differ from `input_tokens`; the details were billed.
  case inputPartsMismatch(detailsSum: Int64, inputTokens: Int64)
  /// `text + audio` output details differ from `output_tokens`; the details were billed.
  case outputPartsMismatch(detailsSum: Int64, outputTokens: Int64)
  /// `cached_tokens_details` parts differ from `cached_tokens`; the parts were billed.
  case cachedPartsMismatch(detailsSum: Int64, cachedTokens: Int64)
  /// `input_tokens + output_tokens` differs from `total_tokens`.
  case totalMismatch(sum: Int64, totalTokens: Int64)

  public var description: String {
    switch self {
    case .cachedSplitAssumed(let cached, let text, let audio, let image):
      "cached_tokens \(cached) had no cached_tokens_details: attributed to text first "
        + "(text \(text), audio \(audio), image \(image))"
    case .totalsOnly(let fields):
      "token details missing"
        + (fields.isEmpty ? "" : " or malformed (\(fields.joined(separator: ", ")))")
        + ": priced from totals as uncached text, a lower bound if any tokens were audio"
    case .inputPartsMismatch(let sum, let input):
      "input details add up to \(sum) but input_tokens is \(input): billed the details"
    case .outputPartsMismatch(let sum, let output):
      "output details add up to \(sum) but output_tokens is \(output): billed the details"
    case .cachedPartsMismatch(let sum, let cached):
      "cached_tokens_details add up to \(sum) but cached_tokens is \(cached): billed the details"
    case .totalMismatch(let sum, let total):
      "input_tokens + output_tokens = \(sum) but total_tokens is \(total)"
    }
  }
}

/// A usage block that cannot be priced without guessing.
public enum UsageError: Error, Sendable, Equatable, CustomStringConvertible {
  case negative(field: String, value: Int64)
  case cachedExceedsInput(kind: String, cached: Int64, input: Int64)
  case categoryNotPriced(model: String, category: TokenCategory, tokens: Int64)
  /// The cost would not fit the exact money range (±$9,223,372): absurd token counts or prices.
  case overflow(category: TokenCategory, tokens: Int64)

  public var description: String {
    switch self {
    case .negative(let field, let value): "usage field \(field) is negative (\(value))"
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

extension ResponseUsage {
  /// Splits the block into billing categories, with warnings for what had to be assumed.
  public func tokenCounts() throws(UsageError) -> (tokens: TokenCounts, warnings: [UsageWarning]) {
    try checkNonNegative()
    var warnings: [UsageWarning] = []
    var counts = TokenCounts.zero

    // Input: text, audio, image; cached is a subset of each.
    var text: Int64 = 0
    var audio: Int64 = 0
    var image: Int64 = 0
    let hasInputParts =
      input.map { $0.textTokens != nil || $0.audioTokens != nil || $0.imageTokens != nil } ?? false
    if hasInputParts, let input {
      text = input.textTokens ?? 0
      audio = input.audioTokens ?? 0
      image = input.imageTokens ?? 0
      if let inputTokens, inputTokens != text + audio + image {
        warnings.append(.inputPartsMismatch(detailsSum: text + audio + image, inputTokens: inputTokens))
      }
    } else if let inputTokens, inputTokens > 0 {
      text = inputTokens
      warnings.append(.totalsOnly(malformedFields: malformedFields))
    }

    var cachedText: Int64 = 0
    var cachedAudio: Int64 = 0
    var cachedImage: Int64 = 0
    if let cached = input?.cached {
      cachedText = cached.textTokens ?? 0
      cachedAudio = cached.audioTokens ?? 0
      cachedImage = cached.imageTokens ?? 0
      let sum = cachedText + cachedAudio + cachedImage
      if let cachedTokens = input?.cachedTokens, cachedTokens != sum {
        warnings.append(.cachedPartsMismatch(detailsSum: sum, cachedTokens: cachedTokens))
      }
    } else if let cachedTokens = input?.cachedTokens, cachedTokens > 0 {
      var rest = cachedTokens
      cachedText = min(rest, text)
      rest -= cachedText
      cachedAudio = min(rest, audio)
      rest -= cachedAudio
      cachedImage = min(rest, image)
      rest -= cachedImage
      if rest > 0 {
        throw .cachedExceedsInput(kind: "input", cached: cachedTokens, input: text + audio + image)
      }
      warnings.append(
        .cachedSplitAssumed(cached: cachedTokens, text: cachedText, audio: cachedAudio, image: cachedImage))
    }
    if cachedText > text { throw .cachedExceedsInput(kind: "text", cached: cachedText, input: text) }
    if cachedAudio > audio { throw .cachedExceedsInput(kind: "audio", cached: cachedAudio, input: audio) }
    if cachedImage > image { throw .cachedExceedsInput(kind: "image", cached: cachedImage, input: image) }
    counts.textIn = text - cachedText
    counts.textInCached = cachedText
    counts.audioIn = audio - cachedAudio
    counts.audioInCached = cachedAudio
    counts.imageIn = image - cachedImage
    counts.imageInCached = cachedImage

    // Output: text and audio.
    if let output, output.textTokens != nil || output.audioTokens != nil {
      counts.textOut = output.textTokens ?? 0
      counts.audioOut = output.audioTokens ?? 0
      if let outputTokens, outputTokens != counts.textOut + counts.audioOut {
        warnings.append(
          .outputPartsMismatch(detailsSum: counts.textOut + counts.audioOut, outputTokens: outputTokens))
      }
    } else if let outputTokens, outputTokens > 0 {
      counts.textOut = outputTokens
      if !warnings.contains(where: { if case .totalsOnly = $0 { true } else { false } }) {
        warnings.append(.totalsOnly(malformedFields: malformedFields))
      }
    }

    if let totalTokens, let inputTokens, let outputTokens, totalTokens != inputTokens + outputTokens {
      warnings.append(.totalMismatch(sum: inputTokens + outputTokens, totalTokens: totalTokens))
    }
    return (counts, warnings)
  }

  private func checkNonNegative() throws(UsageError) {
    let fields: [(String, Int64?)] = [
      ("total_tokens", totalTokens), ("input_tokens", inputTokens), ("output_tokens", outputTokens),
      ("input_token_details.text_tokens", input?.textTokens),
      ("input_token_details.audio_tokens", input?.audioTokens),
      ("input_token_details.image_tokens", input?.imageTokens),
      ("input_token_details.cached_tokens", input?.cachedTokens),
      ("input_token_details.cached_tokens_details.text_tokens", input?.cached?.textTokens),
      ("input_token_details.cached_tokens_details.audio_tokens", input?.cached?.audioTokens),
      ("input_token_details.cached_tokens_details.image_tokens", input?.cached?.imageTokens),
      ("output_token_details.text_tokens", output?.textTokens),
      ("output_token_details.audio_tokens", output?.audioTokens),
    ]
    for (field, value) in fields {
      if let value, value < 0 { throw .negative(field: field, value: value) }
    }
  }
}

extension PriceCard {
  /// The cost of `tokens` at this card's prices: `Σ count × price per token`, exact; a product or
  /// sum beyond the money range is an error, never a trap.
  public func cost(of tokens: TokenCounts) throws(UsageError) -> CategoryCosts {
    var costs = CategoryCosts.zero
    var total: Int64 = 0
    for category in TokenCategory.allCases {
      let count = tokens[category]
      guard count != 0 else { continue }
      guard let price = perToken(category) else {
        throw .categoryNotPriced(model: model, category: category, tokens: count)
      }
      let (product, productOverflow) = price.picoUSD.multipliedReportingOverflow(by: count)
      let (sum, sumOverflow) = total.addingReportingOverflow(product)
      guard !productOverflow, !sumOverflow else { throw .overflow(category: category, tokens: count) }
      total = sum
      costs[category] = Money(picoUSD: product)
    }
    return costs
  }

  /// Prices a `response.done` usage block.
  public func price(_ usage: ResponseUsage) throws(UsageError) -> PricedUsage {
    let (tokens, warnings) = try usage.tokenCounts()
    return PricedUsage(tokens: tokens, costs: try cost(of: tokens), warnings: warnings)
  }
}
