import Foundation
import TestSupport
import Testing

@testable import RTCostCLI

/// `plan` never says a tier holds while peak concurrent sessions exceed the ~100 it quotes.
@Suite struct PlanTierVerdictTests {
  /// 300 always-on robots: RPM and TPM fit tier 4, 300 sessions are open at once.
  static func fleet() throws -> String {
    let scenarios = TestPaths.packageRoot.appendingPathComponent("scenarios").path
    let text = """
      name: big
      month: 2026-02
      tier: 4
      budget: 100000
      seed: 5
      groups:
        - { name: robots, count: 300, scenario: \(scenarios)/home-robot.yaml, utc_offset: 0 }
      """
    let path = try TestPaths.scratchFolder("plan-tier").appendingPathComponent("big.yaml").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  static func plan(_ arguments: [String]) async throws -> String {
    let result = await CommandRunner.run(
      ["plan", try fleet(), "--worlds", "2", "--world-days", "1", "--months", "20"] + arguments)
    #expect(result.status == 0, "\(result.stderr)")
    return result.stdout
  }

  @Test func concurrencyBindsTheTierInEveryFormat() async throws {
    let table = try await Self.plan([])
    #expect(table.contains("concurrent sessions      300 (day 1 06:38 UTC)"))
    #expect(
      table.contains(
        "lowest tier whose rate limits hold: T4; tier 4 does NOT hold; what binds: concurrent sessions 300 > ~100 "
          + "(reported at Tier 5 launch; unpublished per tier); rate-limit headroom 39.7%\n"))
    #expect(!table.contains("tier 4 holds"))
    let json = try await Self.plan(["--format", "json"])
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
    let variant = (object["policies"] as! [[String: Any]])[0]
    #expect(variant["tier_holds"] as? Bool == false)
    #expect(
      variant["binding"] as? [String] == [
        "concurrent sessions 300 > ~100 (reported at Tier 5 launch; unpublished per tier)"
      ])
    let csv = try await Self.plan(["--format", "csv"])
    #expect(
      csv.contains(",false,concurrent sessions 300 > ~100 (reported at Tier 5 launch; unpublished per tier),")
    )
  }
}
