internal import Billing
internal import RealtimeEvents
internal import SessionGuard

/// The summable part of one or several replayed recordings: what the report's billed sections show.
struct ReplayAggregate: Sendable, Equatable {
  var responses = ResponseCounts()
  var functionCalls = 0
  var tokens = TokenCounts.zero
  var costs = CategoryCosts.zero
  var transcriptionCost = Money.zero
  var transcriptions = 0
  var seedEstimate = Money.zero
  var unpriced = 0
  var audioIn = AudioTally()
  var audioOut = AudioTally()
  /// Timed recordings only.
  var duration: Micros = 0
  var connected: Micros = 0
  var disconnects = 0
  var reconnects = 0
  var alerts = 0
  var notBilled = Money.zero
  var responsesNotBilled = 0

  /// Billed money: responses plus transcription.
  var total: Money { costs.total + transcriptionCost }

  /// The seed estimate over the billed total (nil when nothing was billed).
  var seedRatio: Double? {
    total > .zero ? Double(seedEstimate.picoUSD) / Double(total.picoUSD) : nil
  }

  init() {}

  init(_ result: ReplayFileResult) {
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
  mutating func add(_ other: ReplayAggregate) {
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
  }
}
