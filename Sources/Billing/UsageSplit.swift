/// A kind of input that can be cached: the order in which a `cached_tokens` total without details
/// is attributed decides which consistent split is billed.
public enum CachedInputKind: String, Sendable, CaseIterable {
  case text, audio, image
}

/// Text, audio and image input counts (stored inline: pricing runs once per simulated response).
struct InputCounts {
  var text: Int64 = 0
  var audio: Int64 = 0
  var image: Int64 = 0

  subscript(kind: CachedInputKind) -> Int64 {
    get {
      switch kind {
      case .text: text
      case .audio: audio
      case .image: image
      }
    }
    set {
      switch kind {
      case .text: text = newValue
      case .audio: audio = newValue
      case .image: image = newValue
      }
    }
  }

  var sum: Int64 { text + audio + image }
}

/// A usage block split into billing categories under one attribution of undetailed cached tokens.
struct UsageSplit {
  var tokens: TokenCounts
  var warnings: [UsageWarning]
  /// The cached total that had to be attributed (no `cached_tokens_details`), if any.
  var assumedCached: Int64?
  /// Whether the block leaves the cost unbounded above (totals only, or details below the totals).
  var unboundedAbove: Bool
}

extension ResponseUsage {
  /// Splits the block into billing categories, with warnings for what had to be assumed.
  ///
  /// A `cached_tokens` total without `cached_tokens_details` is attributed to text first, then
  /// audio, then image (``UsageWarning/cachedSplitAssumed(cached:text:audio:image:)``). Details that
  /// add up to less than `input_tokens` or `output_tokens` never lower the bill: the missing tokens
  /// are counted as uncached text input or text output (``UsageWarning/inputResidual(detailsSum:inputTokens:)``).
  /// Unknown keys such as `reasoning_tokens` are not part of the block: reasoning tokens are
  /// already inside `output_token_details.text_tokens` and are never added again.
  public func tokenCounts() throws(UsageError) -> (tokens: TokenCounts, warnings: [UsageWarning]) {
    let split = try split(cachedOrder: [.text, .audio, .image])
    return (split.tokens, split.warnings)
  }

  /// The split with undetailed cached tokens attributed to the kinds in `cachedOrder`, in turn.
  func split(cachedOrder: [CachedInputKind]) throws(UsageError) -> UsageSplit {
    try checkPlausible()
    var warnings: [UsageWarning] = []
    var counts = TokenCounts.zero
    var unboundedAbove = false

    // Input: text, audio, image; cached is a subset of each; a residual below input_tokens is text.
    var given = InputCounts()
    var residualText: Int64 = 0
    let hasInputParts =
      input.map { $0.textTokens != nil || $0.audioTokens != nil || $0.imageTokens != nil } ?? false
    if hasInputParts, let input {
      given = InputCounts(
        text: input.textTokens ?? 0, audio: input.audioTokens ?? 0, image: input.imageTokens ?? 0)
      let sum = given.sum
      if let inputTokens, inputTokens > sum {
        residualText = inputTokens - sum
        unboundedAbove = true
        warnings.append(.inputResidual(detailsSum: sum, inputTokens: inputTokens))
      } else if let inputTokens, inputTokens < sum {
        warnings.append(.inputPartsMismatch(detailsSum: sum, inputTokens: inputTokens))
      }
    } else if let inputTokens, inputTokens > 0 {
      given[.text] = inputTokens
      unboundedAbove = true
      warnings.append(.totalsOnly(malformedFields: malformedFields))
    }

    var cached = InputCounts()
    var assumedCached: Int64?
    if let details = input?.cached {
      cached = InputCounts(
        text: details.textTokens ?? 0, audio: details.audioTokens ?? 0, image: details.imageTokens ?? 0)
      let sum = cached.sum
      if let cachedTokens = input?.cachedTokens, cachedTokens != sum {
        warnings.append(.cachedPartsMismatch(detailsSum: sum, cachedTokens: cachedTokens))
      }
    } else if let cachedTokens = input?.cachedTokens, cachedTokens > 0 {
      var rest = cachedTokens
      for kind in cachedOrder {
        cached[kind] = min(rest, given[kind])
        rest -= cached[kind]
      }
      if rest > 0 {
        throw .cachedExceedsInput(kind: "input", cached: cachedTokens, input: given.sum)
      }
      assumedCached = cachedTokens
      warnings.append(
        .cachedSplitAssumed(cached: cachedTokens, text: cached.text, audio: cached.audio, image: cached.image)
      )
    }
    for kind in CachedInputKind.allCases where cached[kind] > given[kind] {
      throw .cachedExceedsInput(kind: kind.rawValue, cached: cached[kind], input: given[kind])
    }
    counts.textIn = given.text - cached.text + residualText
    counts.textInCached = cached.text
    counts.audioIn = given.audio - cached.audio
    counts.audioInCached = cached.audio
    counts.imageIn = given.image - cached.image
    counts.imageInCached = cached.image

    // Output: text (reasoning included) and audio; a residual below output_tokens is text output.
    if let output, output.textTokens != nil || output.audioTokens != nil {
      counts.textOut = output.textTokens ?? 0
      counts.audioOut = output.audioTokens ?? 0
      let sum = counts.textOut + counts.audioOut
      if let outputTokens, outputTokens > sum {
        counts.textOut += outputTokens - sum
        unboundedAbove = true
        warnings.append(.outputResidual(detailsSum: sum, outputTokens: outputTokens))
      } else if let outputTokens, outputTokens < sum {
        warnings.append(.outputPartsMismatch(detailsSum: sum, outputTokens: outputTokens))
      }
    } else if let outputTokens, outputTokens > 0 {
      counts.textOut = outputTokens
      unboundedAbove = true
      if !warnings.contains(where: { if case .totalsOnly = $0 { true } else { false } }) {
        warnings.append(.totalsOnly(malformedFields: malformedFields))
      }
    }

    if let totalTokens, let inputTokens, let outputTokens, totalTokens != inputTokens + outputTokens {
      warnings.append(.totalMismatch(sum: inputTokens + outputTokens, totalTokens: totalTokens))
    }
    return UsageSplit(
      tokens: counts, warnings: warnings, assumedCached: assumedCached, unboundedAbove: unboundedAbove)
  }

  /// Every field present, as (JSON path, value).
  private var fields: [(String, Int64?)] {
    [
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
  }

  /// Refuses negative counts and counts above ``maximumTokens`` (decoding refuses them already;
  /// this covers blocks built in code), which also keeps every sum below far from overflowing.
  private func checkPlausible() throws(UsageError) {
    for (field, value) in fields {
      guard let value else { continue }
      if value < 0 { throw .negative(field: field, value: value) }
      if value > Self.maximumTokens { throw .implausibleCount(field: field, value: value) }
    }
  }
}
