import Foundation
import Testing

@testable import Simulation

@Suite struct EngineBenchmarkTests {
  /// Not a timed test: it checks the measurement runs and reports the rates (run it in release:
  /// `swift test -c release --filter EngineBenchmarkTests`).
  @Test func measuresTheHomeRobotBesideABareHeapLoop() throws {
    let scenario = try ScenarioLoader.load(path: TestPaths.scenario("home-robot.yaml"))
    let trace = WorldGenerator(scenario: scenario).generate()
    let result = EngineBenchmark.measure(scenario: scenario, trace: trace, idleTimeout: nil)
    #expect(result.events > 500_000)
    #expect(result.engineNanoseconds > 0 && result.heapNanoseconds > 0)
    print(
      "engine: \(result.events) events, \(Int(result.eventsPerSecond)) events/s;",
      "bare heap: \(Int(result.heapOperationsPerSecond)) push+pop/s;",
      "ratio \(String(format: "%.2f", result.heapOperationsPerSecond / result.eventsPerSecond))")
  }
}
