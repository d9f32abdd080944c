import Billing
import Forecast
import RealtimeEvents
import SessionGuard
import Simulation
import TestSupport
import Testing

/// The forecast's shared runs (policies that never act take the one run their shadows watched; a
/// policy that differs from an earlier one only in its alert action reuses that run when it fired no
/// alert) give exactly the results of simulating every policy, and the previous approach's figures.
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
    let shared = try forecast.run(jobs: 2, approach: .sharedRuns)
    let unshared = try forecast.run(jobs: 2, approach: .everyPolicy)
    #expect(shared.worlds.count == 3)
    #expect(shared == unshared)
  }

  /// Both models of `forecast --models` (GPT-Live's seed-rule guards are not shadowed: their checks
  /// report the streams its billing clock counts), seed mode, push-to-talk and a daily threshold.
  @Test(arguments: ["home-robot.yaml", "kiosk-push-to-talk.yaml"])
  func sharedRunsEqualEveryPolicyOnEveryModelAndRule(scenario name: String) throws {
    var scenario = try ScenarioLoader.load(path: TestPaths.scenario(name))
    scenario.startDay = CalendarDay(year: 2026, month: 11, day: 23)
    scenario.horizon = .hours(12)
    let grid = try PolicyGrid(
      axes: .init(
        idleTimeouts: [nil, .seconds(30), .minutes(3)], checkIntervals: [.seconds(10)],
        activities: [.real, .seed, .pushToTalk], modes: [.real, .seed],
        warnings: [(.day, Money(usd: "0.05")!)], alerts: [(.session, Money(usd: "0.2")!)],
        alertActions: [.log, .disconnect]),
      baselineTimeout: nil)
    let models = try ["gpt-realtime-2", "gpt-live-1.1"].map { model in
      ScenarioForecast.Model(name: model, cards: try scenario.priceCards(of: model, over: .bundled))
    }
    let forecast = ScenarioForecast(
      scenario: scenario, input: name, models: models, policies: grid.policies, baseline: grid.baseline,
      worlds: 2, seed: 11)
    let shared = try forecast.run(jobs: 2, approach: .sharedRuns)
    #expect(shared == (try forecast.run(jobs: 2, approach: .everyPolicy)))
  }

  /// The previous approach (checks by the seed rule reported the streams) gives every figure the
  /// same; only the events simulated differ, and only for rules that count streaming, and only
  /// where a check found audio not yet reported (in the home robot's always-open sessions; in these
  /// phone-agent worlds no seed check did).
  @Test(arguments: zip(["home-robot.yaml", "phone-agent.yaml"], [true, false]))
  func thePreviousApproachGivesTheSameFiguresWithMoreEvents(scenario: String, streams: Bool) throws {
    let grid = try Self.grid(alert: "0.05")
    let forecast = try Self.forecast(scenario, grid: grid)
    let shared = try forecast.run(jobs: 2)
    let previous = try forecast.run(jobs: 2, approach: .previous)
    var moreEvents = 0
    for (now, before) in zip(shared.worlds, previous.worlds) {
      for (index, (run, old)) in zip(now.metrics, before.metrics).enumerated() {
        var old = old
        if old.events != run.events {
          // Only a rule that counts streaming had its checks report the streams.
          #expect(grid.policies[index].activity == .seed)
          #expect(old.events > run.events)
          moreEvents += 1
        }
        old.events = run.events
        #expect(old == run)
      }
    }
    #expect((moreEvents > 0) == streams)
  }

  /// One run watched by shadows: no timeout and the seed rule under a streaming mic never act and
  /// take the run; the real rule's one-minute timeout fires and is left to be simulated.
  @Test func shadowsThatNeverActTakeTheRunTheOthersAreSimulated() throws {
    var scenario = try ScenarioLoader.load(path: TestPaths.scenario("home-robot.yaml"))
    scenario.horizon = .hours(6)
    let cards = try scenario.priceCards(over: .bundled)
    let trace = WorldGenerator(scenario: scenario).generate(seed: 3)
    let off = GuardSettings(thresholds: [.init(window: .session, level: .alert, amount: Money(usd: "100")!)])
    var seed = off
    seed.idleTimeout = .minutes(1)
    seed.activity = .seed
    var real = seed
    real.activity = .real
    let runs = Simulator.runShadowed(
      scenario: scenario, trace: trace, settings: [off, seed, real, GuardSettings()], cards: cards)
    #expect(runs.map { $0 != nil } == [true, true, false, true])
    let alone = Simulator.run(
      scenario: scenario, trace: trace, policy: .guarded(seed), cards: cards, consumer: { _ in })
    #expect(runs[1] == alone)
    let never = Simulator.run(
      scenario: scenario, trace: trace, policy: .never, cards: cards, consumer: { _ in })
    #expect(runs[3] == never)
    #expect(alone.idleDisconnects == 0 && alone.events == never.events)
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
