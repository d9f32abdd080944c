public import Billing
public import RealtimeEvents

/// Runs a world under one of the module's own policies through a non-generic entry point.
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
    /// ``TimeoutPolicy``: the simple stand-in, kept for tests and benchmark comparisons.
    case timeout(TimeoutPolicy)
    /// The real SessionGuard (``GuardPolicy``) configured by these settings.
    case guarded(PolicySettings)

    /// The scenario's policy settings: the real SessionGuard when an idle timeout, a warning or an
    /// alert is set, else ``never``.
    public init(settings: PolicySettings) {
      if settings.idleTimeout == nil, settings.warn == nil, settings.alert == nil {
        self = .never
      } else {
        self = .guarded(settings)
      }
    }
  }

  /// Runs `trace` under `policy`, delivering every event to `consumer`.
  ///
  /// - Parameters:
  ///   - priceCard: what the guard's UsageTracker prices `response.done` usage with (its alerts
  ///     depend on it); nil prices with `scenario.model` from the bundled price book on
  ///     `scenario.startDay`. Pass the card when the scenario has a price file of its own.
  ///   - transcriptionCard: the input-transcription card for the guard's meter; nil when unpriced.
  ///   - detail: ``EventDetail/coalesced`` (the default: same stats, far fewer events) or
  ///     ``EventDetail/full`` for a consumer that records the events.
  public static func run(
    scenario: Scenario, trace: WorldTrace, policy: Policy, priceCard: PriceCard? = nil,
    transcriptionCard: TranscriptionPriceCard? = nil, detail: EventDetail = .coalesced,
    consumer: (TimedEvent) -> Void
  ) -> EngineStats {
    switch policy {
    case .never:
      var engine = Engine(scenario: scenario, trace: trace, policy: NeverDisconnectPolicy(), detail: detail)
      return engine.run(consumer)
    case .timeout(let timeout):
      var engine = Engine(scenario: scenario, trace: trace, policy: timeout, detail: detail)
      return engine.run(consumer)
    case .guarded(let settings):
      let card =
        priceCard ?? defaultCard(for: scenario, needed: settings.warn != nil || settings.alert != nil)
      let guardPolicy = GuardPolicy(settings: settings, priceCard: card, transcriptionCard: transcriptionCard)
      var engine = Engine(scenario: scenario, trace: trace, policy: guardPolicy, detail: detail)
      return engine.run(consumer)
    }
  }

  /// The scenario model's card from the bundled book. A model the book does not know is a
  /// programming error when alerts need prices (callers pass `priceCard:` for user price files);
  /// without thresholds no decision depends on prices, and an unpriced card keeps the run going.
  static func defaultCard(for scenario: Scenario, needed: Bool) -> PriceCard {
    if let card = try? PriceBook.bundled.card(for: scenario.model, on: scenario.startDay) { return card }
    precondition(
      !needed, "\(scenario.model) is not in the bundled price book: pass priceCard: to Simulator.run")
    return PriceCard(
      model: scenario.model, effectiveFrom: scenario.startDay ?? CalendarDay(year: 2025, month: 1, day: 1),
      textIn: .zero, textInCached: nil, textOut: .zero, audioIn: .zero, audioInCached: nil, audioOut: .zero,
      source: "unpriced: no alert thresholds, so no decision depends on prices")
  }
}
