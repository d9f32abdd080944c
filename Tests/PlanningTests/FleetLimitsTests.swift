import Simulation
import Testing

@testable import Planning

/// Issue 11 item 6: a fleet group's device count has the same plausibility cap as every count.
@Suite struct FleetLimitsTests {
  @Test func aFleetGroupHasAtMostOneHundredThousandDevices() throws {
    let scenario = try ScenarioLoader.parse(
      "model: gpt-realtime\nhorizon: 1d\nuser:\n  conversations_per_hour: 2\n")
    func message(_ count: String) -> String {
      let fleet = """
        month: 2026-03
        tier: 4
        budget: 1000
        groups:
          - scenario: s.yaml
            count: \(count)
        """
      do {
        _ = try FleetLoader.parse(fleet, file: "fleet.yaml") { path throws(FleetError) in (path, scenario) }
        return "loaded"
      } catch {
        return error.description
      }
    }
    #expect(message("10000000") == "fleet.yaml:6: groups[0].count: 10000000 exceeds the limit 100000")
    #expect(message("1e7") == "fleet.yaml:6: groups[0].count: 1e7 exceeds the limit 100000")
    #expect(message("100000") == "loaded")
  }
}
