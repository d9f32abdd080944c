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
