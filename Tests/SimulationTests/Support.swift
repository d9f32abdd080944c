import Billing
import RealtimeEvents
import SessionGuard
import TestSupport

@testable import Simulation

/// The real guard as an idle-timeout policy (no thresholds), metering at the scenario model's
/// bundled prices: what the engine tests run where an idle policy is needed.
func idlePolicy(
  timeout: Micros, interval: Micros, activity: ActivityRule = .real, model: String = "gpt-realtime"
)
  -> GuardPolicy
{
  GuardPolicy(
    settings: GuardSettings(idleTimeout: timeout, checkInterval: interval, activity: activity),
    priceCard: bundledCard(model))
}

extension Simulator {
  /// `run` priced with the bundled card of the scenario's model (tests whose scenarios use
  /// bundled models).
  static func run(
    scenario: Scenario, trace: WorldTrace, policy: Policy, detail: EventDetail = .coalesced,
    consumer: (TimedEvent) -> Void
  ) -> EngineStats {
    let card = try! PriceBook.bundled.card(for: scenario.model, on: scenario.startDay)
    return run(
      scenario: scenario, trace: trace, policy: policy, priceCard: card, detail: detail, consumer: consumer)
  }
}

/// Guard settings from the parts tests vary.
func settings(
  idleTimeout: Micros? = nil, checkInterval: Micros = .seconds(30), activity: ActivityRule = .real,
  warn: Money? = nil, alert: Money? = nil, alertAction: AlertActionKind = .log
) -> GuardSettings {
  var settings = GuardSettings(idleTimeout: idleTimeout, checkInterval: checkInterval, activity: activity)
  settings.setThreshold(.warning, in: .session, to: warn)
  settings.setThreshold(.alert, in: .session, to: alert)
  settings.alertAction = alertAction
  return settings
}
