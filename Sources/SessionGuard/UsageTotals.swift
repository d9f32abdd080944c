public import Billing
public import RealtimeEvents

/// Responses counted by final status.
public struct ResponseCounts: Sendable, Equatable {
  public var completed = 0
  public var cancelled = 0
  public var failed = 0
  public var incomplete = 0
  public var inProgress = 0
  /// Cancelled responses that still cost money (barge-in after generation started).
  public var cancelledBilled = 0

  public init() {}

  /// All responses.
  public var total: Int { completed + cancelled + failed + incomplete + inProgress }

  /// The count for `status`.
  public subscript(status: ResponseStatus) -> Int {
    get {
      switch status {
      case .completed: completed
      case .cancelled: cancelled
      case .failed: failed
      case .incomplete: incomplete
      case .inProgress: inProgress
      }
    }
    set {
      switch status {
      case .completed: completed = newValue
      case .cancelled: cancelled = newValue
      case .failed: failed = newValue
      case .incomplete: incomplete = newValue
      case .inProgress: inProgress = newValue
      }
    }
  }

  /// Adds another set of counts.
  public mutating func add(_ other: ResponseCounts) {
    for status in ResponseStatus.allCases { self[status] += other[status] }
    cancelledBilled += other.cancelledBilled
  }
}

/// Everything the tracker meters over one window (a session, the lifetime, an unsaved delta).
///
/// The authoritative meter is ``tokens`` / ``costs`` (from `response.done` usage) plus
/// ``transcriptionCost``; ``seedEstimate`` is the original design's meter, kept apart.
public struct UsageTotals: Sendable, Equatable {
  /// Billed tokens per category (cached counted apart).
  public var tokens = TokenCounts.zero
  /// Billed money per category.
  public var costs = CategoryCosts.zero
  /// Input transcription, priced from its own rate card.
  public var transcriptionCost = Money.zero
  /// Transcription usage blocks priced.
  public var transcriptions = 0
  /// The seed's duration + text-rate meter.
  public var seedEstimate = SeedEstimate()
  public var responses = ResponseCounts()
  /// Tool calls the model requested.
  public var functionCalls = 0
  /// Connections opened.
  public var sessions = 0
  /// Time connected, in microseconds (closed sessions plus, for live windows, the open one).
  public var connectedMicros: Micros = 0
  /// Decoded bytes of `input_audio_buffer.append` payloads.
  public var inputAudioBytes: Int64 = 0
  /// Input audio duration in microseconds, by the session's input format.
  public var inputAudioMicros: Micros = 0
  /// Output audio duration in microseconds, by the session's output format.
  public var outputAudioMicros: Micros = 0
  /// Usage blocks priced with a warning (an assumption was made).
  public var pricingWarnings = 0
  /// Usage blocks that could not be priced (counted, never priced at $0 silently).
  public var unpricedResponses = 0
  /// Usage blocks whose `cached_tokens` came without `cached_tokens_details`: each was billed at
  /// the most expensive consistent split (text first on bundled cards), an upper bound.
  public var cachedSplitAssumed = 0
  /// Over those blocks, the sum of what the billed split costs above the cheapest consistent split
  /// (audio first on bundled cards): the as-billed total less this is the cheapest reading.
  public var cachedSplitSlack = Money.zero
  /// Usage blocks billed at their totals: details missing or malformed, or adding up to less than
  /// the totals (the rest billed as text, the cheapest kind on bundled cards). Each leaves the cost
  /// unbounded above.
  public var billedAtTotals = 0
  /// `response.done` events that carried no usage block: what they cost is unknown.
  public var responsesWithoutUsage = 0
  /// `conversation.item.input_audio_transcription.completed` events without usage (whisper-1 on the
  /// beta API sends none): what they cost is unknown.
  public var transcriptionsWithoutUsage = 0
  /// GPT-Live session time and backend tokens (zero for Realtime sessions).
  public var live = LiveTotals()
  /// Whether a money sum left the exact range (about $9.2M) and was held at its end (see ``isExact``).
  public var overflowed = false

  /// Whether every amount, the billed total included, is exact: false when a sum left the money
  /// range, and a report must then refuse the totals rather than print them.
  public var isExact: Bool {
    let (responses, overflow) = costs.saturatedTotal
    let (tokensAndTranscription, overflowTranscription) = responses.addingSaturated(transcriptionCost)
    let (live, overflowLive) = self.live.total
    return !overflowed && !overflow && !overflowTranscription && !overflowLive
      && !tokensAndTranscription.addingSaturated(live).overflow
  }

  public init() {}

  /// Whether the billed total may be below the true cost by an unknown amount (DESIGN §7.3): a
  /// `response.done` or a transcription came without usage, a block was billed at its totals, or a
  /// block could not be priced.
  public var isLowerBound: Bool {
    responsesWithoutUsage > 0 || transcriptionsWithoutUsage > 0 || billedAtTotals > 0
      || unpricedResponses > 0
  }

  /// The least the metered usage can have cost: ``billed`` less ``cachedSplitSlack``.
  public var lowerBound: Money {
    billed.addingSaturated(Money(picoUSD: -cachedSplitSlack.picoUSD)).sum
  }

  /// The most the metered usage can have cost (``billed``); nil when ``isLowerBound``.
  public var upperBound: Money? { isLowerBound ? nil : billed }

  /// Billed money: responses plus transcription plus GPT-Live session time and backend tokens (held
  /// at the range's end when ``overflowed``).
  public var billed: Money {
    let (responses, overflow) = costs.saturatedTotal
    let (live, liveOverflow) = self.live.total
    return overflow || liveOverflow
      ? .max : responses.addingSaturated(transcriptionCost).sum.addingSaturated(live).sum
  }

  /// Adds another window's totals.
  public mutating func add(_ other: UsageTotals) {
    tokens.add(other.tokens)
    let exactCosts = costs.addSaturated(other.costs)
    let (transcription, overflow) = transcriptionCost.addingSaturated(other.transcriptionCost)
    transcriptionCost = transcription
    let liveOverflow = live.add(other.live)
    let (slack, slackOverflow) = cachedSplitSlack.addingSaturated(other.cachedSplitSlack)
    cachedSplitSlack = slack
    if !exactCosts || overflow || liveOverflow || slackOverflow || other.overflowed { overflowed = true }
    transcriptions += other.transcriptions
    seedEstimate.add(other.seedEstimate)
    responses.add(other.responses)
    functionCalls += other.functionCalls
    sessions += other.sessions
    connectedMicros += other.connectedMicros
    inputAudioBytes += other.inputAudioBytes
    inputAudioMicros += other.inputAudioMicros
    outputAudioMicros += other.outputAudioMicros
    pricingWarnings += other.pricingWarnings
    unpricedResponses += other.unpricedResponses
    cachedSplitAssumed += other.cachedSplitAssumed
    billedAtTotals += other.billedAtTotals
    responsesWithoutUsage += other.responsesWithoutUsage
    transcriptionsWithoutUsage += other.transcriptionsWithoutUsage
  }
}
