public import Billing
public import RealtimeEvents

/// The lifetime stats file: the seed's eight keys plus rtcost's exact meters (a JSON superset).
///
/// The seed keys keep their meaning so that the seed's dashboard still reads the file:
/// `audio_input_seconds`, `audio_output_seconds`, `text_input_tokens`, `text_output_tokens`,
/// `total_sessions`, `total_duration_seconds`, `function_calls`, `estimated_cost_usd` (the seed's
/// meter, which never priced input audio). rtcost adds `rtcost_stats_version` and the exact meters
/// under `rtcost_meters`; keys it does not know are kept, in order, through every rewrite.
public struct UsageStats: Sendable, Equatable {
  /// The version rtcost writes.
  public static let currentVersion = 1

  public var audioInputSeconds: Double = 0
  public var audioOutputSeconds: Double = 0
  public var textInputTokens: Int64 = 0
  public var textOutputTokens: Int64 = 0
  public var totalSessions: Int64 = 0
  public var totalDurationSeconds: Double = 0
  public var functionCalls: Int64 = 0
  public var estimatedCostUSD: Double = 0
  /// The file's `rtcost_stats_version`: 0 for a file the seed wrote (no version key).
  public var version: Int = UsageStats.currentVersion
  /// rtcost's exact meters; nil in a file the seed wrote.
  public var meters: StatsMeters?
  /// The recordings `rtcost replay --stats` added, by content digest (`rtcost_replayed`), so that a
  /// repeat is skipped rather than counted twice.
  public var replayed: [ReplayedRecording] = []
  /// Keys neither the seed nor rtcost knows, in file order, kept verbatim.
  public var extraKeys: [(key: String, value: StatsJSON)] = []

  public init() {}

  public static func == (lhs: UsageStats, rhs: UsageStats) -> Bool {
    lhs.audioInputSeconds == rhs.audioInputSeconds && lhs.audioOutputSeconds == rhs.audioOutputSeconds
      && lhs.textInputTokens == rhs.textInputTokens && lhs.textOutputTokens == rhs.textOutputTokens
      && lhs.totalSessions == rhs.totalSessions && lhs.totalDurationSeconds == rhs.totalDurationSeconds
      && lhs.functionCalls == rhs.functionCalls && lhs.estimatedCostUSD == rhs.estimatedCostUSD
      && lhs.version == rhs.version && lhs.meters == rhs.meters && lhs.replayed == rhs.replayed
      && lhs.extraKeys.map(\.key) == rhs.extraKeys.map(\.key)
      && lhs.extraKeys.map(\.value) == rhs.extraKeys.map(\.value)
  }

  /// Adds a tracker's totals the way `mode` does.
  ///
  /// Real mode fills every seed key with its measured value and adds the exact meters. Seed mode
  /// reproduces the seed: input audio stays 0 (defect 4), the duration is never updated (defect 9),
  /// and no exact meters are kept.
  public mutating func add(_ totals: UsageTotals, mode: GuardMode) {
    audioOutputSeconds += totals.seedEstimate.outputAudioSeconds
    textInputTokens += totals.seedEstimate.inputTokens
    textOutputTokens += totals.seedEstimate.outputTokens
    totalSessions += Int64(totals.sessions)
    functionCalls += Int64(totals.functionCalls)
    estimatedCostUSD += totals.seedEstimate.cost.approximateUSD
    guard mode == .real else { return }
    audioInputSeconds += Double(totals.inputAudioMicros) / Double(Micros.perSecond)
    totalDurationSeconds += Double(totals.connectedMicros) / Double(Micros.perSecond)
    var meters = self.meters ?? StatsMeters()
    meters.add(totals)
    self.meters = meters
    version = UsageStats.currentVersion
  }
}

/// rtcost's exact lifetime meters (`rtcost_meters` in the stats file).
public struct StatsMeters: Sendable, Equatable {
  public var tokens = TokenCounts.zero
  public var costs = CategoryCosts.zero
  public var transcriptionCost = Money.zero
  /// GPT-Live session time and delegated backend tokens (`live_cost_usd`, written when not zero).
  public var liveCost = Money.zero
  /// The seed's estimate, exact (the seed key `estimated_cost_usd` is its float rounding).
  public var seedEstimate = Money.zero
  public var responses = ResponseCounts()
  public var functionCalls: Int64 = 0
  public var sessions: Int64 = 0
  public var connectedMicros: Micros = 0
  public var inputAudioMicros: Micros = 0
  public var outputAudioMicros: Micros = 0
  public var pricingWarnings: Int64 = 0
  public var unpricedResponses: Int64 = 0

  public init() {}

  /// Billed money: responses plus transcription plus GPT-Live session time and backend tokens.
  public var billed: Money { costs.total + transcriptionCost + liveCost }

  /// Adds a tracker's totals.
  public mutating func add(_ totals: UsageTotals) {
    tokens.add(totals.tokens)
    costs.add(totals.costs)
    transcriptionCost = transcriptionCost + totals.transcriptionCost
    liveCost = liveCost + totals.live.total.sum
    seedEstimate = seedEstimate + totals.seedEstimate.cost
    responses.add(totals.responses)
    functionCalls += Int64(totals.functionCalls)
    sessions += Int64(totals.sessions)
    connectedMicros += totals.connectedMicros
    inputAudioMicros += totals.inputAudioMicros
    outputAudioMicros += totals.outputAudioMicros
    pricingWarnings += Int64(totals.pricingWarnings)
    unpricedResponses += Int64(totals.unpricedResponses)
  }
}

extension UsageTracker.LifetimeStart {
  /// The lifetime amounts a stats file holds, to start a tracker from what was loaded at start.
  ///
  /// A seed-written file has no exact meters: its billed amount is unknown (zero here) and its
  /// estimate is `estimated_cost_usd` rounded to the pico-dollar.
  public init(stats: UsageStats) {
    if let meters = stats.meters {
      self.init(billed: meters.billed, seedEstimate: meters.seedEstimate)
    } else {
      let pico = (stats.estimatedCostUSD * Double(Money.picoPerUSD)).rounded()
      self.init(billed: .zero, seedEstimate: Money(picoUSD: pico < 9.0e18 ? Int64(pico) : Int64.max))
    }
  }
}
