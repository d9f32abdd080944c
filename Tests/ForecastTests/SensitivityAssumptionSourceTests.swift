import Forecast
import Simulation
import TestSupport
import Testing

/// Issue 11 item 16: the sources a decision report prints for its assumptions point to the
/// repository's docs/sources.md, not to a design note outside the repository.
@Suite struct SensitivityAssumptionSourceTests {
  @Test func everySourceIsInTheRepository() throws {
    let scenario = try ScenarioLoader.load(path: TestPaths.scenario("home-robot.yaml"))
    let assumptions = SensitivityAssumption.widest(for: scenario)
    #expect(!assumptions.isEmpty)
    for assumption in assumptions {
      #expect(!assumption.source.contains("DESIGN"), "\(assumption.key): \(assumption.source)")
      #expect(!assumption.source.isEmpty, "\(assumption.key)")
    }
    #expect(assumptions.filter { $0.source.contains("docs/sources.md") }.count == 3)
  }
}
