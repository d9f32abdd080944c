public import Billing
public import RealtimeEvents
public import SessionGuard

/// Runs a world under a policy through a non-generic entry point.
///
/// `Engine` is generic over its policy, and a generic called from another module may run
/// unspecialised (about 40 % slower, docs/simulation.md). Here each policy kind instantiates the
/// engine with a concrete type inside this module, so callers that run many worlds (a forecast) get
/// the specialised loop, with no existential in the hot loop.
public enum Simulator {
  /// The policies the module can run specialised.
  public enum Policy: Sendable, Equatable {
    /// The baseline: never disconnect, no alerts.
    case never
    /// The real SessionGuard (``GuardPolicy``) configured by these settings.
    case guarded(GuardSettings)

    /// The real SessionGuard when the settings set an idle timeout or a threshold, else ``never``
    /// (a guard that can change nothing changes no number, and costs time).
    public init(settings: GuardSettings) {
      self = settings.isActive ? .guarded(settings) : .never
    }
  }

  /// Runs `trace` under `policy`, delivering every event to `consumer`.
  ///
  /// - Parameters:
  ///   - priceCard: the card of the scenario's model (from the book the scenario is priced with):
  ///     the guard's usage tracker meters with it, so its alerts are judged at those prices.
  ///   - transcriptionCard: the input-transcription card for the guard's meter; nil when unpriced.
  ///   - epochAtZero: Unix µs of time 0 (the day windows of alerts are UTC days).
  ///   - detail: ``EventDetail/coalesced`` (the default: same stats, far fewer events) or
  ///     ``EventDetail/full`` for a consumer that records the events.
  public static func run(
    scenario: Scenario, trace: WorldTrace, policy: Policy, priceCard: PriceCard,
    transcriptionCard: TranscriptionPriceCard? = nil, epochAtZero: Micros = 0,
    detail: EventDetail = .coalesced, consumer: (TimedEvent) -> Void
  ) -> EngineStats {
    run(
      scenario: scenario, trace: trace, policy: policy,
      cards: Scenario.PriceCards(model: priceCard, transcription: transcriptionCard),
      epochAtZero: epochAtZero,
      detail: detail, consumer: consumer)
  }

  /// Runs `trace` under `policy` priced with `cards`: a GPT-Live model's sessions speak GPT-Live
  /// (``VoiceAPI/live(_:initialization:)`` with the scenario's `live:` model), and the guard meters
  /// session time; a Realtime model's meter tokens.
  ///
  /// `checksReportStreams` is the previous approach, kept for the forecast benchmark: a coalesced
  /// check by a rule that counts streaming reports the streams first (more events; every other
  /// number the same).
  public static func run(
    scenario: Scenario, trace: WorldTrace, policy: Policy, cards: Scenario.PriceCards,
    epochAtZero: Micros = 0,
    detail: EventDetail = .coalesced, checksReportStreams: Bool = false, consumer: (TimedEvent) -> Void
  ) -> EngineStats {
    let api = api(of: scenario, cards: cards)
    switch policy {
    case .never:
      var engine = Engine(
        scenario: scenario, trace: trace, policy: NeverDisconnectPolicy(), detail: detail, api: api)
      engine.checksReportStreams = checksReportStreams
      return engine.run(consumer)
    case .guarded(let settings):
      let guardPolicy = GuardPolicy(settings: settings, cards: cards, epochAtZero: epochAtZero)
      var engine = Engine(scenario: scenario, trace: trace, policy: guardPolicy, detail: detail, api: api)
      engine.checksReportStreams = checksReportStreams
      return engine.run(consumer)
    }
  }

  /// Runs `trace` once with a shadow of each policy in `settings` (``ShadowGuards``) and returns,
  /// for each, the stats of its own run when it never asked to act (the same counts, its own
  /// alerts), or nil when it did, or cannot be shadowed: simulate those with
  /// ``run(scenario:trace:policy:cards:epochAtZero:detail:consumer:)``. Every number is the one its
  /// own run gives.
  ///
  /// Settings that set no timeout and no threshold never act (``Policy/never``): their run is this
  /// one. On GPT-Live a guard that counts streaming as activity has its checks report the streams
  /// (the billing clock counts what it is shown), which changes the run: it is not shadowed.
  public static func runShadowed(
    scenario: Scenario, trace: WorldTrace, settings: [GuardSettings], cards: Scenario.PriceCards,
    epochAtZero: Micros = 0
  ) -> [EngineStats?] {
    let api = api(of: scenario, cards: cards)
    /// What each policy's run is taken from.
    enum Role {
      /// No timeout and no threshold: the shadows' run itself.
      case neverActs
      /// The shadow at this index.
      case shadow(Int)
      /// Not shadowed: simulated apart.
      case alone
    }
    var guards: [GuardPolicy] = []
    var roles: [Role] = []
    for item in settings {
      guard case .guarded(let guarded) = Policy(settings: item) else {
        roles.append(.neverActs)
        continue
      }
      let shadow = GuardPolicy(settings: guarded, cards: cards, epochAtZero: epochAtZero)
      if case .live = api, shadow.streamingIsActivity {
        roles.append(.alone)
        continue
      }
      roles.append(.shadow(guards.count))
      guards.append(shadow)
    }
    let neverActs = roles.contains { if case .neverActs = $0 { true } else { false } }
    guard neverActs || !guards.isEmpty else { return roles.map { _ in nil } }
    var engine = Engine(
      scenario: scenario, trace: trace, policy: ShadowGuards(guards, runIsWanted: neverActs),
      detail: .coalesced, api: api)
    let stats = engine.run { _ in }
    return roles.map { role -> EngineStats? in
      switch role {
      case .neverActs: stats
      case .shadow(let index): engine.policy.stats(ofGuard: index, in: stats)
      case .alone: nil
      }
    }
  }

  /// The API a run of `scenario` priced with `cards` speaks.
  static func api(of scenario: Scenario, cards: Scenario.PriceCards) -> VoiceAPI {
    switch cards.billing {
    case .tokens: .realtime
    case .live(let card): .live(scenario.live, initialization: card.initializationCharge)
    }
  }
}
