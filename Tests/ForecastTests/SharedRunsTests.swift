import Billing
import Forecast
import RealtimeEvents
import SessionGuard
import Simulation
import TestSupport
import Testing

/// The forecast's shared runs (a policy that differs from an earlier one only in its alert action
/// reuses that run when it fired no alert) give exactly the results of simulating every policy.
@Suite struct SharedRunsTests {
  /// Every timeout off/1m/5m × both activity rules × log/disconnect, with alerts of `alert` a
  /// session: a low one fires in some worlds (those runs must not be shared), a high one in none.
  static func grid(alert: String) throws -> PolicyGrid {
    try PolicyGrid(
      axes: .init(
        idleTimeouts: [nil, .minutes(1), .minutes(5)], checkIntervals: [.seconds(30)],
        activities: [.real, .seed],
        warnings: [(.session, Money(usd: "0.02")!)], alerts: [(.session, Money(usd: alert)!)],
        alertActions: [.log, .disconnect]),
      baselineTimeout: nil)
  }

  static func forecast(_ name: String, grid: PolicyGrid) throws -> ScenarioForecast {
    var scenario = try ScenarioLoader.load(path: TestPaths.scenario(name))
    scenario.horizon = .hours(8)
    let cards = try scenario.priceCards(over: .bundled)
    return ScenarioForecast(
      scenario: scenario, input: name,
      models: [ScenarioForecast.Model(name: cards.billing.model, cards: cards)],
      policies: grid.policies, baseline: grid.baseline, worlds: 3, seed: 7)
  }

  @Test(arguments: ["home-robot.yaml", "kiosk-push-to-talk.yaml", "phone-agent.yaml"], ["0.05", "100"])
  func sharedRunsEqualEveryPolicySimulated(scenario: String, alert: String) throws {
    let forecast = try Self.forecast(scenario, grid: try Self.grid(alert: alert))
    let shared = try forecast.run(jobs: 2, sharing: true)
    let unshared = try forecast.run(jobs: 2, sharing: false)
    #expect(shared.worlds.count == 3)
    #expect(shared == unshared)
  }

  /// The low alert fires in a home-robot world, so that world's disconnect runs are simulated (and
  /// differ from the log runs): the test above covers both branches.
  @Test func aLowAlertFiresAndItsDisconnectRunDiffers() throws {
    let grid = try Self.grid(alert: "0.05")
    let results = try Self.forecast("home-robot.yaml", grid: grid).run(jobs: 2)
    let log = grid.policies.firstIndex { $0.idleTimeout == nil && $0.alertAction == .log }!
    let disconnect = grid.policies.firstIndex { $0.idleTimeout == nil && $0.alertAction == .disconnect }!
    #expect(results.worlds.contains { $0.metrics[log].alertsFired > 0 })
    #expect(results.worlds.contains { $0.metrics[disconnect].budgetDisconnects > 0 })
    #expect(results.worlds.contains { $0.metrics[log] != $0.metrics[disconnect] })
  }

  @Test func siblingsDifferOnlyInTheAlertAction() throws {
    let policies = try Self.grid(alert: "1").policies
    // off (log, disconnect), then per timeout: real log, real disconnect, seed log, seed disconnect.
    #expect(policies.count == 2 + 2 * 4)
    #expect(ScenarioForecast.alertActionSiblings(policies) == [nil, 0, nil, 2, nil, 4, nil, 6, nil, 8])
    // Without an alert threshold the grid has one action, and nothing to share.
    let single = [GuardSettings(), GuardSettings(idleTimeout: .minutes(1))]
    #expect(ScenarioForecast.alertActionSiblings(single) == [nil, nil])
  }
}
