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
    if !exactCosts || overflow || liveOverflow || other.overflowed { overflowed = true }
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
  }
}
