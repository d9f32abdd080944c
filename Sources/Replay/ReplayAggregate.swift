public import Billing
public import RealtimeEvents
public import SessionGuard

/// The summable part of one or several replayed recordings: what the report's billed sections show.
///
/// ```swift
/// var total = ReplayAggregate()
/// for result in results { total.add(ReplayAggregate(result)) }
/// ```
public struct ReplayAggregate: Sendable, Equatable {
  public var responses = ResponseCounts()
  public var functionCalls = 0
  public var tokens = TokenCounts.zero
  public var costs = CategoryCosts.zero
  public var transcriptionCost = Money.zero
  public var transcriptions = 0
  public var seedEstimate = Money.zero
  public var unpriced = 0
  /// Usage blocks billed at the dearest split of an undetailed `cached_tokens` (an upper bound),
  /// and what that split costs above the cheapest one.
  public var cachedSplitAssumed = 0
  public var cachedSplitSlack = Money.zero
  /// Usage blocks billed at their totals (details missing, malformed or short): lower bounds.
  public var billedAtTotals = 0
  /// `response.done` and transcriptions without usage, and lines skipped by `--lenient` that held
  /// one: what they cost is unknown.
  public var responsesWithoutUsage = 0
  public var transcriptionsWithoutUsage = 0
  public var skippedResponseDoneLines = 0
  public var skippedTranscriptionLines = 0
  /// The estimate of the transcriptions without usage (not part of ``total``).
  public var transcriptionEstimate = TranscriptionEstimate()
  public var audioIn = AudioTally()
  public var audioOut = AudioTally()
  /// Timed recordings only.
  public var duration: Micros = 0
  public var connected: Micros = 0
  public var disconnects = 0
  public var reconnects = 0
  public var alerts = 0
  public var notBilled = Money.zero
  public var responsesNotBilled = 0
  /// GPT-Live session time and backend tokens (zero for Realtime recordings).
  public var live = LiveTotals()
  /// GPT-Live recordings among the results.
  public var liveFiles = 0

  /// Billed money: responses plus transcription plus GPT-Live session time and backend tokens.
  public var total: Money {
    costs.total.addingSaturated(transcriptionCost).sum.addingSaturated(live.total.sum).sum
  }

  /// Whether ``total`` may be below the true cost by an unknown amount (see
  /// ``ReplayResult/isLowerBound``).
  public var isLowerBound: Bool {
    unpriced > 0 || billedAtTotals > 0 || responsesWithoutUsage > 0 || transcriptionsWithoutUsage > 0
      || skippedResponseDoneLines > 0 || skippedTranscriptionLines > 0
  }

  /// The least the billed usage can have cost: ``total`` less ``cachedSplitSlack``.
  public var lowerBound: Money { total.addingSaturated(Money(picoUSD: -cachedSplitSlack.picoUSD)).sum }

  /// The most it can have cost (``total``); nil when ``isLowerBound``.
  public var upperBound: Money? { isLowerBound ? nil : total }

  /// The seed estimate over the billed total (nil when nothing was billed).
  public var seedRatio: Double? {
    total > .zero ? Double(seedEstimate.picoUSD) / Double(total.picoUSD) : nil
  }

  public init() {}

  /// The summable part of one result.
  public init(_ result: ReplayResult) {
    responses = result.billed.responses
    functionCalls = result.billed.functionCalls
    tokens = result.billed.tokens
    costs = result.billed.costs
    transcriptionCost = result.transcriptionCost
    transcriptions = result.transcriptions
    seedEstimate = result.seedEstimate
    unpriced = result.unpriced
    cachedSplitAssumed = result.billed.cachedSplitAssumed
    cachedSplitSlack = result.billed.cachedSplitSlack
    billedAtTotals = result.billed.billedAtTotals
    responsesWithoutUsage = result.billed.responsesWithoutUsage
    transcriptionsWithoutUsage = result.billed.transcriptionsWithoutUsage
    skippedResponseDoneLines = result.readStats.skippedResponseDoneLines
    skippedTranscriptionLines = result.readStats.skippedTranscriptionLines
    transcriptionEstimate = result.transcriptionEstimate
    audioIn = result.summary.audioIn
    audioOut = result.summary.audioOut
    live = result.billed.live
    liveFiles = result.isLive ? 1 : 0
    if let outcome = result.guardOutcome {
      duration = result.summary.duration ?? 0
      connected = outcome.connected
      disconnects = outcome.counters.disconnects
      reconnects = outcome.counters.reconnects
      alerts = outcome.alerts.count
      notBilled = outcome.notBilled
      responsesNotBilled = outcome.responsesNotBilled
    }
  }

  /// Adds another aggregate.
  public mutating func add(_ other: ReplayAggregate) {
    responses.add(other.responses)
    functionCalls += other.functionCalls
    tokens.add(other.tokens)
    costs.add(other.costs)
    transcriptionCost = transcriptionCost + other.transcriptionCost
    transcriptions += other.transcriptions
    seedEstimate = seedEstimate + other.seedEstimate
    unpriced += other.unpriced
    cachedSplitAssumed += other.cachedSplitAssumed
    cachedSplitSlack = cachedSplitSlack.addingSaturated(other.cachedSplitSlack).sum
    billedAtTotals += other.billedAtTotals
    responsesWithoutUsage += other.responsesWithoutUsage
    transcriptionsWithoutUsage += other.transcriptionsWithoutUsage
    skippedResponseDoneLines += other.skippedResponseDoneLines
    skippedTranscriptionLines += other.skippedTranscriptionLines
    transcriptionEstimate.add(other.transcriptionEstimate)
    for format in AudioFormat.allCases {
      audioIn.add(bytes: other.audioIn.bytes(format), format: format)
      audioOut.add(bytes: other.audioOut.bytes(format), format: format)
    }
    duration += other.duration
    connected += other.connected
    disconnects += other.disconnects
    reconnects += other.reconnects
    alerts += other.alerts
    notBilled = notBilled + other.notBilled
    responsesNotBilled += other.responsesNotBilled
    live.add(other.live)
    liveFiles += other.liveFiles
  }
}

extension ReplayAggregate {
  /// The sum of several results.
  public init(_ results: [ReplayResult]) {
    self.init()
    for result in results { add(ReplayAggregate(result)) }
  }
}
