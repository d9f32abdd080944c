import RealtimeEvents
import Testing

@testable import Simulation

@Suite struct SimulatorTests {
  @Test func matchesTheGenericEngine() throws {
    var scenario = try ScenarioLoader.load(path: TestPaths.scenario("home-robot.yaml"))
    scenario.horizon = 86_400_000_000
    let trace = WorldGenerator(scenario: scenario).generate()
    let policy = Simulator.Policy(settings: scenario.policy)
    #expect(policy == .timeout(TimeoutPolicy(timeout: 300_000_000, interval: 30_000_000)))
    var viaSimulator: [TimedEvent] = []
    let stats = Simulator.run(scenario: scenario, trace: trace, policy: policy) { viaSimulator.append($0) }
    let (recorder, expected) = run(scenario, trace, TimeoutPolicy(timeout: 300_000_000, interval: 30_000_000))
    #expect(stats == expected)
    #expect(viaSimulator == recorder.events)
    #expect(Simulator.Policy(settings: PolicySettings()) == .never)
  }
}
