public import Billing
public import RealtimeEvents
public import SessionGuard
public import Simulation

/// Runs a policy grid over many simulated worlds of one scenario (common random numbers).
///
/// World `w` is generated once from seed `worldSeed(base, w)` and run under every policy, so the
/// difference between two policies in a world is due to the policies alone. Worlds are
/// independent, so they run in parallel and shard across machines without changing any number.
public struct ScenarioForecast: Sendable {
  public var scenario: Scenario
  /// The name printed in reports (the scenario file as given).
  public var input: String
  public var priceCard: PriceCard
  /// The input-transcription price card when the scenario transcribes.
  public var transcriptionCard: TranscriptionPriceCard?
  public var policies: [GuardSettings]
  public var baseline: Int
  public var worlds: Int
  public var seed: UInt64
  /// A world given instead of generated (a recording's, re-simulated): every index runs it.
  public var fixedTrace: WorldTrace?

  public init(
    scenario: Scenario, input: String, priceCard: PriceCard, transcriptionCard: TranscriptionPriceCard?,
    policies: [GuardSettings], baseline: Int, worlds: Int, seed: UInt64
  ) {
    self.scenario = scenario
    self.input = input
    self.priceCard = priceCard
    self.transcriptionCard = transcriptionCard
    self.policies = policies
    self.baseline = baseline
    self.worlds = worlds
    self.seed = seed
  }

  /// The run's identity, shared by every shard.
  public var identity: ForecastResults.Identity {
    .init(
      input: input, model: priceCard.model, seed: seed, horizon: scenario.horizon, totalWorlds: worlds,
      policies: policies, baseline: baseline)
  }

  /// The seed of world `index`: SplitMix64's output for `base + index·γ`, so neighbouring worlds
  /// and neighbouring base seeds give unrelated worlds.
  public static func worldSeed(base: UInt64, index: Int) -> UInt64 {
    var generator = SplitMix64(seed: base &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
    return generator.next()
  }

  /// Runs the worlds in `range` (all of them by default) on `jobs` threads.
  public func run(
    worlds range: Range<Int>? = nil, jobs: Int = 1, progress: (@Sendable (Int) -> Void)? = nil
  ) throws -> ForecastResults {
    let range = range ?? 0..<worlds
    let computed = try ParallelWorlds.map(range, jobs: jobs, progress: progress) { index in
      try ForecastResults.World(index: index, metrics: runWorld(index))
    }
    return ForecastResults(identity: identity, worlds: computed)
  }

  /// One world under every policy of the grid.
  public func runWorld(_ index: Int) throws -> [RunMetrics] {
    let trace =
      fixedTrace
      ?? WorldGenerator(scenario: scenario).generate(seed: Self.worldSeed(base: seed, index: index))
    return try policies.map { policy in
      var scenario = scenario
      scenario.policy = policy
      let stats = Simulator.run(
        scenario: scenario, trace: trace, policy: Simulator.Policy(settings: policy), priceCard: priceCard,
        transcriptionCard: transcriptionCard, consumer: { _ in })
      return try metrics(stats)
    }
  }

  /// Prices an engine run and copies the counts a forecast reports.
  public func metrics(_ stats: EngineStats) throws -> RunMetrics {
    let costs = try priceCard.cost(of: stats.tokens)
    // The never-cached bound bills the cached input uncached; the always-cached one is the engine's.
    var uncached = stats.tokens
    uncached.textIn += uncached.textInCached
    uncached.audioIn += uncached.audioInCached
    uncached.imageIn += uncached.imageInCached
    uncached.textInCached = 0
    uncached.audioInCached = 0
    uncached.imageInCached = 0
    let neverCached = try priceCard.cost(of: uncached).checkedTotal()
    let alwaysCached = try priceCard.cost(of: stats.alwaysCachedTokens).checkedTotal()
    var transcription = Money.zero
    if let transcriptionCard {
      let usage: TranscriptionUsage =
        switch transcriptionCard.rate {
        case .perMinute: .duration(microseconds: stats.transcribedDuration)
        case .perToken:
          .tokens(
            inputTokens: stats.transcriptionAudioTokens, outputTokens: stats.transcriptionTextTokens,
            textIn: 0,
            audioIn: stats.transcriptionAudioTokens)
        }
      transcription = try transcriptionCard.cost(of: usage)
    }
    return RunMetrics(
      costByCategory: costs, transcription: transcription, genuineTurns: stats.genuineTurns,
      noiseBursts: stats.noiseBurstsHeard + stats.noiseBurstsMissed,
      responsesGenuine: stats.responses[Int(ResponseOrigin.genuine.rawValue)],
      responsesNoise: stats.responses[Int(ResponseOrigin.noise.rawValue)],
      responsesReprompt: stats.responses[Int(ResponseOrigin.reprompt.rawValue)],
      idleDisconnects: stats.idleDisconnects, reconnects: stats.reconnects, failedReconnects: 0,
      delayedTurnLatencies: stats.delays, conversationsWithMemoryLost: stats.conversationsMemoryLost,
      warningsFired: stats.warningsFired, alertsFired: stats.alertsFired, firstAlertAt: stats.firstAlertAt,
      budgetDisconnects: stats.budgetDisconnects,
      events: stats.events, neverCached: neverCached, alwaysCached: alwaysCached, tokens: stats.tokens)
  }
}
