import Billing
import Foundation
import TestSupport
import Testing

@testable import Simulation

@Suite struct EngineBenchmarkTests {
  /// Not a timed test: it checks the measurement runs and prints the rates, engine beside a bare heap
  /// loop of the same number of push/pop pairs in the same run (`scripts/bench-engine.sh` runs it
  /// in release).
  @Test func measuresTheHomeRobotBesideABareHeapLoop() throws {
    let scenario = try ScenarioLoader.load(path: TestPaths.scenario("home-robot.yaml"))
    let trace = WorldGenerator(scenario: scenario).generate()
    let card = try PriceBook.bundled.card(for: scenario.model, on: scenario.startDay)
    var guarded = scenario.policy
    guarded.warn = nil
    guarded.alert = nil
    let runs: [(String, Simulator.Policy, EventDetail)] = [
      ("no idle timeout, full events", .never, .full),
      ("5m real SessionGuard, no alerts, full events", .guarded(guarded), .full),
      ("5m real SessionGuard + $0.50/$1 alerts, full events", .guarded(scenario.policy), .full),
      ("5m real SessionGuard + $0.50/$1 alerts, coalesced", .guarded(scenario.policy), .coalesced),
    ]
    for (label, policy, detail) in runs {
      let result = EngineBenchmark.measure(
        scenario: scenario, trace: trace, policy: policy, priceCard: card, detail: detail)
      #expect(result.events > 0)
      #expect(result.engineNanoseconds > 0 && result.heapNanoseconds > 0)
      print(
        "BENCH \(label): \(result.events) events; engine \(Int(result.eventsPerSecond)) events/s;",
        "bare heap \(Int(result.heapOperationsPerSecond)) push+pop/s;",
        "ratio \(String(format: "%.2f", result.heapOperationsPerSecond / result.eventsPerSecond))")
    }
  }
}
