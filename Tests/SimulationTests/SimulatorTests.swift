import Billing
import RealtimeEvents
import SessionGuard
import TestSupport
import Testing

@testable import Simulation

@Suite struct SimulatorTests {
  @Test func matchesTheGenericEngine() throws {
    var scenario = try ScenarioLoader.load(path: TestPaths.scenario("home-robot.yaml"))
    scenario.horizon = 86_400_000_000
    let trace = WorldGenerator(scenario: scenario).generate()
    let settings = GuardSettings(idleTimeout: .minutes(5), checkInterval: .seconds(30))
    let timeout = GuardPolicy(settings: settings, priceCard: bundledCard(scenario.model))
    var viaSimulator: [TimedEvent] = []
    let stats = Simulator.run(scenario: scenario, trace: trace, policy: .guarded(settings), detail: .full) {
      viaSimulator.append($0)
    }
    let (recorder, expected) = run(scenario, trace, timeout)
    #expect(stats == expected)
    #expect(viaSimulator.count == recorder.events.count)
    #expect(viaSimulator == recorder.events, "event streams differ")
  }

  @Test func settingsChooseTheRealGuard() throws {
    let scenario = try ScenarioLoader.load(path: TestPaths.scenario("home-robot.yaml"))
    #expect(Simulator.Policy(settings: scenario.policy) == .guarded(scenario.policy))
    #expect(Simulator.Policy(settings: GuardSettings()) == .never)
    var alertOnly = GuardSettings()
    alertOnly.alert = Money(usd: "1")!
    #expect(Simulator.Policy(settings: alertOnly) == .guarded(alertOnly))
  }

  /// The guarded policy through the entry point equals the generic engine over ``GuardPolicy``
  /// priced with the bundled card of the scenario's model.
  @Test func guardedMatchesTheGenericEngineOverGuardPolicy() throws {
    var scenario = try ScenarioLoader.load(path: TestPaths.scenario("home-robot.yaml"))
    scenario.horizon = 86_400_000_000
    let trace = WorldGenerator(scenario: scenario).generate(seed: 5)
    let card = try PriceBook.bundled.card(for: scenario.model, on: scenario.startDay)
    let stats = Simulator.run(
      scenario: scenario, trace: trace, policy: .guarded(scenario.policy), detail: .full, consumer: { _ in })
    let (_, expected) = run(scenario, trace, GuardPolicy(settings: scenario.policy, priceCard: card))
    #expect(stats == expected)
    #expect(stats.idleDisconnects > 0)
  }
}
