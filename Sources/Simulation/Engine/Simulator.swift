public import RealtimeEvents

/// Runs a world under one of the module's own policies through a non-generic entry point.
///
/// `Engine` is generic over its policy, and a generic called from another module may run
/// unspecialised (about 40 % slower, docs/simulation.md). Here each policy kind instantiates the
/// engine with a concrete type inside this module, so callers that run many worlds (a forecast) get
/// the specialised loop. The real SessionGuard policies join this list after their merge.
public enum Simulator {
  /// The policies the module can run specialised.
  public enum Policy: Sendable, Equatable {
    /// The baseline: never disconnect.
    case never
    /// ``TimeoutPolicy``.
    case timeout(TimeoutPolicy)

    /// The scenario's own idle settings: ``timeout(_:)`` when `idle_timeout` is set, else ``never``.
    public init(settings: PolicySettings) {
      self = TimeoutPolicy(settings: settings).map(Policy.timeout) ?? .never
    }
  }

  /// Runs `trace` under `policy`, delivering every event to `consumer`.
  public static func run(
    scenario: Scenario, trace: WorldTrace, policy: Policy, consumer: (TimedEvent) -> Void
  ) -> EngineStats {
    switch policy {
    case .never:
      var engine = Engine(scenario: scenario, trace: trace, policy: NeverDisconnectPolicy())
      return engine.run(consumer)
    case .timeout(let timeout):
      var engine = Engine(scenario: scenario, trace: trace, policy: timeout)
      return engine.run(consumer)
    }
  }
}
