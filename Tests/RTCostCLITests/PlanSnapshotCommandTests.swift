import Foundation
import TestSupport
import Testing

/// `rtcost breakdown --fleet`, `diff` and `gate` on fleet plans, end to end, in process.
@Suite struct PlanSnapshotCommandTests {
  /// A one-group fleet of 50 home robots (the bundled scenario, copied beside it) whose policy has
  /// the idle timeout `timeout` and a log-only alert.
  static func fleet(_ folder: URL, timeout: String) throws -> String {
    let scenario = folder.appendingPathComponent("home-robot.yaml").path
    if !FileManager.default.fileExists(atPath: scenario) {
      try FileManager.default.copyItem(atPath: TestPaths.scenario("home-robot.yaml"), toPath: scenario)
    }
    let path = folder.appendingPathComponent("fleet.yaml").path
    try """
    name: test-fleet
    month: 2026-03
    tier: 4
    budget: 1000
    seed: 7
    groups:
      - name: robots
        count: 50
        scenario: home-robot.yaml
        utc_offset: 0
        policy: { idle_timeout: \(timeout), check_interval: 30s, activity: real, warn: 2.00, alert: 5.00, alert_action: log }
    """.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  static func breakdown(_ fleet: String, to path: String, _ extra: [String] = []) async throws {
    let result = await CommandRunner.run(
      [
        "breakdown", "--fleet", fleet, "--plan-worlds", "2", "--world-days", "1", "--months", "12", "-o",
        path,
      ]
        + extra)
    try #require(result.status == 0, "\(result.stderr)")
  }

  static func plan(_ diff: String) throws -> [String: Any] {
    let json = try #require(try JSONSerialization.jsonObject(with: Data(diff.utf8)) as? [String: Any])
    return try #require((json["plans"] as? [[String: Any]])?.first)
  }

  static func mean(_ plan: [String: Any], _ component: String) -> Double? {
    ((plan["components"] as? [String: Any])?[component] as? [String: Any])?["mean_usd"] as? Double
  }

  @Test func aPlanAgainstItselfIsZeroWithAZeroInterval() async throws {
    let folder = try TestPaths.scratchFolder("plan-snapshot-self")
    let snapshot = folder.appendingPathComponent("base.json").path
    try await Self.breakdown(try Self.fleet(folder, timeout: "5m"), to: snapshot)
    let diff = await CommandRunner.run(["diff", snapshot, snapshot, "--format", "json"])
    let plan = try Self.plan(diff.stdout)
    #expect(plan["months"] as? Int == 12)
    #expect((plan["base_usd_per_month"] as? Double ?? 0) > 0)
    let change = try #require(plan["change"] as? [String: Any])
    #expect(change["mean_usd"] as? Double == 0 && change["interval_usd"] as? [Double] == [0, 0])
    let gate = await CommandRunner.run([
      "gate", "--compare-to", snapshot, snapshot, "--max-increase-usd-per-month", "0",
    ])
    #expect(gate.status == 0)
  }

  @Test func doubledPricesOnAPlanArePriceBookAndFailTheGate() async throws {
    let folder = try TestPaths.scratchFolder("plan-snapshot-price")
    let fleet = try Self.fleet(folder, timeout: "5m")
    // Every price of the robot's model and of its whisper-1 transcription doubled: each device-day
    // costs exactly twice as much (whisper-1 at $0.012/min is 200 pico-dollars a µs, no rounding),
    // so each month's bill doubles and the whole change is price book.
    let prices = folder.appendingPathComponent("prices.yaml").path
    try """
    models:
      - model: gpt-realtime-2025-08-28
        from: 2025-08-28
        text_in: 8
        text_in_cached: 0.8
        text_out: 32
        audio_in: 64
        audio_in_cached: 0.8
        audio_out: 128
        image_in: 10
        image_in_cached: 1
        source: test (the bundled prices doubled)
    transcription:
      - { model: whisper-1, from: 2023-03-01, per_minute: 0.012, source: test (doubled) }
    """.write(toFile: prices, atomically: true, encoding: .utf8)
    let base = folder.appendingPathComponent("base.json").path
    let head = folder.appendingPathComponent("head.json").path
    try await Self.breakdown(fleet, to: base)
    try await Self.breakdown(fleet, to: head, ["--prices", prices])
    let plan = try Self.plan(await CommandRunner.run(["diff", base, head, "--format", "json"]).stdout)
    let baseMean = try #require(plan["base_usd_per_month"] as? Double)
    let change = try #require((plan["change"] as? [String: Any])?["mean_usd"] as? Double)
    #expect(abs(change - baseMean) < 1e-6)
    #expect(abs((Self.mean(plan, "price_book") ?? 0) - baseMean) < 1e-6)
    #expect(Self.mean(plan, "workload") == 0 && Self.mean(plan, "policy") == 0)
    let gate = await CommandRunner.run(["gate", base, head, "--max-increase-usd-per-month", "1"])
    #expect(gate.status == 3)
    #expect(gate.stderr.contains("the fleet's cost rose by at least $"))
    #expect(gate.stderr.contains("sampled months), above --max-increase-usd-per-month 1.0"))
  }

  @Test func aPolicyChangeOnAPlanIsPolicy() async throws {
    let folder = try TestPaths.scratchFolder("plan-snapshot-policy")
    let base = folder.appendingPathComponent("base.json").path
    let head = folder.appendingPathComponent("head.json").path
    try await Self.breakdown(try Self.fleet(folder, timeout: "5m"), to: base)
    try await Self.breakdown(try Self.fleet(folder, timeout: "30s"), to: head)
    let plan = try Self.plan(await CommandRunner.run(["diff", base, head, "--format", "json"]).stdout)
    let change = try #require((plan["change"] as? [String: Any])?["mean_usd"] as? Double)
    // The same baseline (no idle timeout) on both sides: the change is the policy's, exactly.
    #expect(change != 0)
    #expect(Self.mean(plan, "policy") == change)
    #expect(Self.mean(plan, "workload") == 0 && Self.mean(plan, "price_book") == 0)
  }

  @Test func plansThatCannotBePairedAreOneClearError() async throws {
    let folder = try TestPaths.scratchFolder("plan-snapshot-unpaired")
    let fleet = try Self.fleet(folder, timeout: "5m")
    let base = folder.appendingPathComponent("base.json").path
    let head = folder.appendingPathComponent("head.json").path
    try await Self.breakdown(fleet, to: base)
    try await Self.breakdown(fleet, to: head, ["--seed", "8"])
    let diff = await CommandRunner.run(["diff", base, head])
    #expect(diff.status == 1)
    #expect(diff.stderr.contains("\(fleet): the plans cannot be paired (base: seed 7, 12 months of 2026-03"))
  }
}
