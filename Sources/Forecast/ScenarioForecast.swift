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
  /// One model (or API) the grid runs on: its name as given and the cards it is priced with.
  public struct Model: Sendable, Equatable {
    public var name: String
    public var cards: Scenario.PriceCards

    public init(name: String, cards: Scenario.PriceCards) {
      self.name = name
      self.cards = cards
    }
  }

  public var scenario: Scenario
  /// The name printed in reports (the scenario file as given).
  public var input: String
  /// The models compared (`forecast --models`), the first the baseline's; every (model × policy)
  /// runs on the same worlds.
  public var models: [Model]
  public var policies: [GuardSettings]
  /// The baseline policy, on the first model.
  public var baseline: Int
  public var worlds: Int
  public var seed: UInt64
  /// A world given instead of generated (a recording's, re-simulated): every index runs it.
  public var fixedTrace: WorldTrace?
  /// A recording's bill as replayed: when set, every run is anchored to it
  /// (``RunMetrics/anchored(to:baseline:)``), so the baseline policy bills exactly this.
  public var recordedBill: RecordedBill?
  /// For a recording: whether it had timestamps (without them no timing policy can act on it).
  public var recordingIsTimed = true

  /// A forecast of `models` × `policies` on `worlds` worlds of `scenario`.
  public init(
    scenario: Scenario, input: String, models: [Model], policies: [GuardSettings], baseline: Int,
    worlds: Int, seed: UInt64
  ) {
    precondition(!models.isEmpty, "a forecast needs a model")
    self.scenario = scenario
    self.input = input
    self.models = models
    self.policies = policies
    self.baseline = baseline
    self.worlds = worlds
    self.seed = seed
  }

  /// A forecast of one Realtime model.
  public init(
    scenario: Scenario, input: String, priceCard: PriceCard, transcriptionCard: TranscriptionPriceCard?,
    policies: [GuardSettings], baseline: Int, worlds: Int, seed: UInt64
  ) {
    self.init(
      scenario: scenario, input: input,
      models: [
        Model(name: priceCard.model, cards: .init(model: priceCard, transcription: transcriptionCard))
      ],
      policies: policies, baseline: baseline, worlds: worlds, seed: seed)
  }

  /// The run's identity, shared by every shard.
  public var identity: ForecastResults.Identity {
    .init(
      input: input, models: models.map(\.cards.billing.model), seed: seed, horizon: scenario.horizon,
      totalWorlds: worlds, policies: policies, baseline: baseline)
  }

  /// The seed of world `index`: SplitMix64's output for `base + index·γ`, so neighbouring worlds
  /// and neighbouring base seeds give unrelated worlds.
  public static func worldSeed(base: UInt64, index: Int) -> UInt64 {
    var generator = SplitMix64(seed: base &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
    return generator.next()
  }

  /// How the runs of a world are made; every approach gives the same results but where said.
  public enum Approach: Sendable, Equatable {
    /// Runs that policies have in common are simulated once (``runWorld(_:)``).
    case sharedRuns
    /// Every policy simulated in every world (``runWorldUnshared(_:)``): the same results, byte
    /// for byte; for the test that the two agree.
    case everyPolicy
    /// The previous approach, kept for the forecast benchmark: every policy simulated, and a check
    /// by a rule that counts streaming reports the streams first. Every figure is the same but the
    /// events simulated, which are more.
    case previous
  }

  /// Runs the worlds in `range` (all of them by default) on `jobs` threads.
  public func run(
    worlds range: Range<Int>? = nil, jobs: Int = 1, approach: Approach = .sharedRuns,
    progress: (@Sendable (Int) -> Void)? = nil
  ) throws -> ForecastResults {
    let range = range ?? 0..<worlds
    let computed = try ParallelWorlds.map(range, jobs: jobs, progress: progress) { index in
      let metrics =
        switch approach {
        case .sharedRuns: try runWorld(index)
        case .everyPolicy: try runWorldUnshared(index)
        case .previous: try runWorldUnshared(index, checksReportStreams: true)
        }
      return ForecastResults.World(index: index, metrics: metrics)
    }
    return ForecastResults(identity: identity, worlds: computed)
  }

  /// One world under every (model × policy), model-major.
  ///
  /// The world is drawn from the same seed for every model: the same user, the same noise, the same
  /// random draws. A model's own facts (a reasoning model's slower first audio) shift when the user
  /// speaks next, so each model's trace is generated with them; the draws stay common, and the
  /// differences between models are paired.
  ///
  /// Runs that policies have in common are simulated once (``runWorldUnshared(_:)`` simulates every
  /// policy, for the benchmark and the test that the two agree):
  /// - every policy first watches one run as a shadow (``Simulation/ShadowGuards``); a policy that
  ///   never asks to act in it (no timeout, or a timeout the activity rule never lets expire, such as
  ///   the seed rule's under a streaming mic) would have had exactly that run, and takes it;
  /// - a policy that differs from an earlier one only in its alert action takes the earlier one's
  ///   run when that fired no alert: until an alert fires the two guards decide alike;
  /// - the rest are simulated one by one.
  public func runWorld(_ index: Int) throws -> [RunMetrics] {
    let siblings = Self.alertActionSiblings(policies)
    let shadowed = siblings.indices.filter { siblings[$0] == nil }
    var metrics: [RunMetrics] = []
    metrics.reserveCapacity(models.count * policies.count)
    for model in models {
      let (adopted, trace) = world(index, model: model)
      let shadowRuns = Simulator.runShadowed(
        scenario: adopted, trace: trace, settings: shadowed.map { policies[$0] }, cards: model.cards)
      var shadowRun = [EngineStats?](repeating: nil, count: policies.count)
      for (position, policyIndex) in shadowed.enumerated() { shadowRun[policyIndex] = shadowRuns[position] }
      let first = metrics.count
      for (policyIndex, policy) in policies.enumerated() {
        if let sibling = siblings[policyIndex], metrics[first + sibling].alertsFired == 0 {
          metrics.append(metrics[first + sibling])
        } else if let stats = shadowRun[policyIndex] {
          metrics.append(try Self.metrics(stats, cards: model.cards))
        } else {
          metrics.append(try Self.simulate(adopted, trace: trace, policy: policy, cards: model.cards))
        }
      }
      anchor(&metrics, from: first)
    }
    return metrics
  }

  /// World `index` as `model` sees it: the scenario with the model's facts and its trace (the
  /// recording's own, when forecasting one), drawn from the same seed for every model.
  private func world(_ index: Int, model: Model) -> (Scenario, WorldTrace) {
    let adopted = scenario.adoptingModelFacts(of: model.cards)
    let trace =
      fixedTrace
      ?? WorldGenerator(scenario: adopted).generate(seed: Self.worldSeed(base: seed, index: index))
    return (adopted, trace)
  }

  /// Anchors the runs from `first` on (one model's) to the recording's bill, when forecasting one.
  private func anchor(_ metrics: inout [RunMetrics], from first: Int) {
    guard let recordedBill else { return }
    let baselineRun = metrics[first + baseline]
    for index in first..<metrics.count {
      metrics[index] = metrics[index].anchored(to: recordedBill, baseline: baselineRun)
    }
  }

  /// ``runWorld(_:)`` with every (model × policy) simulated, none shared; `checksReportStreams`:
  /// the previous approach (``Approach/previous``).
  public func runWorldUnshared(_ index: Int, checksReportStreams: Bool = false) throws -> [RunMetrics] {
    var metrics: [RunMetrics] = []
    metrics.reserveCapacity(models.count * policies.count)
    for model in models {
      let first = metrics.count
      let (adopted, trace) = world(index, model: model)
      for policy in policies {
        metrics.append(
          try Self.simulate(
            adopted, trace: trace, policy: policy, cards: model.cards,
            checksReportStreams: checksReportStreams))
      }
      anchor(&metrics, from: first)
    }
    return metrics
  }

  /// One engine run of `trace` under `policy`, priced with `cards`.
  static func simulate(
    _ scenario: Scenario, trace: WorldTrace, policy: GuardSettings, cards: Scenario.PriceCards,
    checksReportStreams: Bool = false
  ) throws -> RunMetrics {
    var run = scenario
    run.policy = policy
    let stats = Simulator.run(
      scenario: run, trace: trace, policy: Simulator.Policy(settings: policy), cards: cards,
      checksReportStreams: checksReportStreams, consumer: { _ in })
    return try metrics(stats, cards: cards)
  }

  /// For each policy, the first earlier policy equal to it but for the alert action, if any.
  ///
  /// Such two guards see the same events and decide alike until an alert fires (the alert action
  /// is the only difference, and it acts only when an alert fires), so a world in which the earlier
  /// one fired no alert gives both the same run.
  /// - Complexity: O(p²) comparisons for p policies (a grid has tens).
  public static func alertActionSiblings(_ policies: [GuardSettings]) -> [Int?] {
    policies.enumerated().map { index, policy in
      var normalized = policy
      normalized.alertAction = .log
      return policies[..<index].firstIndex { other in
        var other = other
        other.alertAction = .log
        return other == normalized
      }
    }
  }

  /// Prices an engine run with `cards` and copies the counts a forecast reports.
  public static func metrics(_ stats: EngineStats, cards: Scenario.PriceCards) throws -> RunMetrics {
    var costs = CategoryCosts.zero
    var neverCached: Money? = nil
    var alwaysCached: Money? = nil
    var live = LiveBill()
    var backend = Money.zero
    switch cards.billing {
    case .tokens(let card):
      costs = try card.cost(of: stats.tokens)
      // The never-cached bound bills the cached input uncached; the always-cached one is the engine's.
      var uncached = stats.tokens
      uncached.textIn += uncached.textInCached
      uncached.audioIn += uncached.audioInCached
      uncached.imageIn += uncached.imageInCached
      uncached.textInCached = 0
      uncached.audioInCached = 0
      uncached.imageInCached = 0
      neverCached = try card.cost(of: uncached).checkedTotal()
      alwaysCached = try card.cost(of: stats.alwaysCachedTokens).checkedTotal()
    case .live(let card):
      let standby = min(stats.liveStandbyTime, stats.liveSessionTime)
      live = try card.cost(
        of: LiveUsage(activeMicros: stats.liveSessionTime - standby, standbyMicros: standby))
      if let backendCard = cards.backend { backend = try backendCard.cost(ofBackend: stats.backendTokens) }
    }
    var transcription = Money.zero
    if let transcriptionCard = cards.transcription {
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
    var metrics = RunMetrics(
      costByCategory: costs, transcription: transcription, genuineTurns: stats.genuineTurns,
      noiseBursts: stats.noiseBurstsHeard + stats.noiseBurstsMissed,
      responsesGenuine: stats.responses[Int(ResponseOrigin.genuine.rawValue)],
      responsesNoise: stats.responses[Int(ResponseOrigin.noise.rawValue)],
      responsesReprompt: stats.responses[Int(ResponseOrigin.reprompt.rawValue)],
      idleDisconnects: stats.idleDisconnects, reconnects: stats.reconnects, failedReconnects: 0,
      delayedTurnLatencies: stats.delays, conversationsWithMemoryLost: stats.conversationsMemoryLost,
      warningsFired: stats.warningsFired, alertsFired: stats.alertsFired, firstAlertAt: stats.firstAlertAt,
      budgetDisconnects: stats.budgetDisconnects,
      events: stats.events, neverCached: neverCached, alwaysCached: alwaysCached,
      tokens: cards.billing.isLive ? .zero : stats.tokens)
    metrics.liveSessionPico = live.total.picoUSD
    metrics.liveBackendPico = backend.picoUSD
    metrics.liveSessionMicros = stats.liveSessionTime
    metrics.liveStandbyMicros = stats.liveStandbyTime
    if let transcriptionCard = cards.transcription {
      if transcriptionCard.billsByDuration {
        metrics.transcriptionMicros = stats.transcribedDuration
      } else {
        metrics.transcriptionAudioTokens = stats.transcriptionAudioTokens
        metrics.transcriptionTextTokens = stats.transcriptionTextTokens
      }
    }
    if cards.billing.isLive, cards.backend != nil {
      metrics.backendInputTokens = stats.backendTokens.inputTokens
      metrics.backendCachedTokens = stats.backendTokens.cachedInputTokens
      metrics.backendOutputTokens = stats.backendTokens.outputTokens
    }
    return metrics
  }
}
