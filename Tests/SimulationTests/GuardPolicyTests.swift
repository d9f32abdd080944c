import Billing
import RealtimeEvents
import SessionGuard
import TestSupport
import Testing

@testable import Simulation

@Suite struct GuardPolicyTests {
  static let card = try! PriceBook.bundled.card(for: "gpt-realtime")

  func homeRobot(days: Int64 = 1) throws -> Scenario {
    var scenario = try ScenarioLoader.load(path: TestPaths.scenario("home-robot.yaml"))
    scenario.horizon = days * 86_400_000_000
    return scenario
  }

  /// Defect 1: with the seed's every-event rule an always-on mic (an append every second) keeps the
  /// session busy forever, so the 5-minute timeout never fires; the real classifier does.
  @Test func seedActivityNeverIdlesAnAlwaysOnMic() throws {
    let scenario = try homeRobot()
    let trace = WorldGenerator(scenario: scenario).generate(seed: 2)
    var settings = GuardSettings()
    settings.idleTimeout = 300_000_000
    let real = Simulator.run(scenario: scenario, trace: trace, policy: .guarded(settings)) { _ in }
    settings.activity = .seed
    let seed = Simulator.run(scenario: scenario, trace: trace, policy: .guarded(settings)) { _ in }
    #expect(real.idleDisconnects > 0)
    #expect(seed.idleDisconnects == 0)
    #expect(seed.sessions == 1 + seed.expiries)  // only the length cap reconnects
  }

  /// A $0.01 alert with the disconnect action closes the session the moment the session's billed
  /// total reaches it, as a budget disconnect; the warning fires first, once per session.
  @Test func alertDisconnectClosesTheSession() throws {
    let scenario = try homeRobot()
    let trace = WorldGenerator(scenario: scenario).generate(seed: 2)
    var settings = GuardSettings()
    settings.warn = Money(usd: "0.005")!
    settings.alert = Money(usd: "0.01")!
    settings.alertAction = .disconnect
    var closes: [Micros] = []
    let stats = Simulator.run(
      scenario: scenario, trace: trace, policy: .guarded(settings), priceCard: Self.card, detail: .full
    ) { event in
      if case .sessionClosed = event.event { closes.append(event.time!) }
    }
    #expect(stats.budgetDisconnects > 0)
    #expect(stats.alertsFired == stats.budgetDisconnects)
    #expect(stats.warningsFired >= stats.alertsFired)
    #expect(stats.idleDisconnects == 0)
    let alerts = stats.alerts.filter { $0.level == .alert }
    #expect(stats.firstAlertAt == alerts.first?.time)
    // Every alert is at or above its threshold and closes the session at its own time.
    for alert in alerts {
      #expect(alert.amount >= Money(usd: "0.01")!)
      #expect(alert.window == .session)
      #expect(closes.contains(alert.time))
    }
    // With the log action nothing closes and the alert fires once per session that crosses.
    settings.alertAction = .log
    let logged = Simulator.run(scenario: scenario, trace: trace, policy: .guarded(settings)) { _ in }
    #expect(logged.budgetDisconnects == 0)
    #expect(logged.alertsFired <= logged.sessions)
    #expect(logged.alertsFired >= 1)
  }

  /// The guard's own meter over the engine's events equals the engine's billed tokens priced with
  /// the same card (the guard meters only while it holds the connection, which it always does
  /// without a timeout).
  @Test func theGuardMetersWhatTheEngineBilled() throws {
    let scenario = try homeRobot()
    let trace = WorldGenerator(scenario: scenario).generate(seed: 9)
    var settings = GuardSettings()
    settings.alert = Money(usd: "1000")!
    var engine = Engine(
      scenario: scenario, trace: trace, policy: GuardPolicy(settings: settings, priceCard: Self.card))
    let stats = engine.run { _ in }
    let expected = try Self.card.cost(of: stats.tokens).total
    #expect(engine.policy.guardState.usage.run.costs.total == expected)
    #expect(engine.policy.guardState.usage.run.responses.total == stats.responses.reduce(0, +))
  }

  /// Waking only when a check can fire changes nothing: the same run with a wake-up at every
  /// check interval gives the same stats (events included: checks emit nothing).
  @Test(arguments: [ActivityRule.real, .seed])
  func skippingChecksThatCannotFireChangesNothing(_ activity: ActivityRule) throws {
    let scenario = try homeRobot(days: 2)
    let trace = WorldGenerator(scenario: scenario).generate(seed: 4)
    for timeout: Micros in [10_000_000, 60_000_000, 300_000_000] {
      var settings = GuardSettings()
      settings.idleTimeout = timeout
      settings.activity = activity
      settings.warn = Money(usd: "0.05")!
      settings.alert = Money(usd: "0.10")!
      var every = GuardPolicy(settings: settings, priceCard: Self.card)
      every.skipsChecksThatCannotFire = false
      var skipping = Engine(
        scenario: scenario, trace: trace, policy: GuardPolicy(settings: settings, priceCard: Self.card))
      var checking = Engine(scenario: scenario, trace: trace, policy: every)
      let skipped = skipping.run { _ in }
      let checked = checking.run { _ in }
      #expect(skipped == checked, "timeout \(timeout) activity \(activity)")
      // The monitor still runs every check (the skipped ones inside `advance(to:)`), so its
      // counters agree too; only the engine's wake-ups are fewer.
      #expect(skipping.policy.guardState.idle.counters == checking.policy.guardState.idle.counters)
    }
  }
}
