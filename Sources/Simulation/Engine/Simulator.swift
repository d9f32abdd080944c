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
  public static func run(
    scenario: Scenario, trace: WorldTrace, policy: Policy, cards: Scenario.PriceCards,
    epochAtZero: Micros = 0,
    detail: EventDetail = .coalesced, consumer: (TimedEvent) -> Void
  ) -> EngineStats {
    let api: VoiceAPI =
      switch cards.billing {
      case .tokens: .realtime
      case .live(let card): .live(scenario.live, initialization: card.initializationCharge)
      }
    switch policy {
    case .never:
      var engine = Engine(
        scenario: scenario, trace: trace, policy: NeverDisconnectPolicy(), detail: detail, api: api)
      return engine.run(consumer)
    case .guarded(let settings):
      let guardPolicy = GuardPolicy(settings: settings, cards: cards, epochAtZero: epochAtZero)
      var engine = Engine(scenario: scenario, trace: trace, policy: guardPolicy, detail: detail, api: api)
      return engine.run(consumer)
    }
  }
}
