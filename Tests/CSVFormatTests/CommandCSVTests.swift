import Foundation
import TestSupport
import Testing

/// Three decimals, as the reports print added latencies.
enum FixedDecimal3 {
  static func text(_ value: Double) -> String { String(format: "%.3f", value) }
}

/// Every CSV a command writes, read back with SwiftCSV: rows as wide as the header, key cells right.
@Suite(.serialized) struct CommandCSVTests {
  static func folder() throws -> URL { try TestPaths.scratchFolder("csv") }

  static func run(_ arguments: [String]) async throws -> String {
    let result = await CommandRunner.run(arguments)
    #expect(result.status == 0, "\(result.stderr)")
    return result.stdout
  }

  static let forecast = [
    "forecast", "scenarios/home-robot.yaml", "--horizon", "1d", "--worlds", "2", "--idle-timeouts", "off,2m",
    "--activity", "real", "--alert-action", "log",
  ]

  @Test func forecastCSVRowsMatchItsJSON() async throws {
    let csv = try SwiftCSVCheck.rows(try await Self.run(Self.forecast + ["--format", "csv"]))
    #expect(csv.header.count == 37)
    #expect(csv.header.contains("added_wait_seconds"))
    #expect(csv.rows.map { $0["idle_timeout"] } == ["2m", "off"])
    #expect(csv.rows.map { $0["baseline"] } == ["false", "true"])
    let json = try await Self.run(Self.forecast + ["--format", "json"])
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
    let policies = object["policies"] as! [[String: Any]]
    #expect(csv.rows.map { $0["policy"] } == policies.map { $0["policy"] as? String })
    for (row, policy) in zip(csv.rows, policies) {
      // Before the shared writer, every column from added_wait_seconds on held its right neighbour.
      let cost = policy["cost_per_device_day_usd"] as! [String: Any]
      #expect(Double(row["cost_mean"]!) == (cost["mean"] as! NSNumber).doubleValue)
      let perDay = policy["per_device_day"] as! [String: Any]
      #expect(Double(row["turns_delayed"]!) == (perDay["turns_delayed"] as! NSNumber).doubleValue)
      #expect(Double(row["added_wait_seconds"]!) == (perDay["added_wait_seconds"] as! NSNumber).doubleValue)
      let latency = policy["added_latency_seconds"] as! [String: Any]
      #expect(
        row["latency_p50_s"] == (latency["p50"] as? NSNumber).map { FixedDecimal3.text($0.doubleValue) } ?? ""
      )
      let bounds = policy["cost_cache_bounds_per_device_day_usd"] as! [String: Any]
      #expect(Double(row["cost_never_cached"]!) == (bounds["never_cached"] as! NSNumber).doubleValue)
    }
  }

  @Test func mergeCSVEqualsTheUnshardedForecastCSV() async throws {
    let folder = try Self.folder()
    var parts: [String] = []
    for shard in 0..<2 {
      let path = folder.appendingPathComponent("part-\(shard).json").path
      _ = try await Self.run(Self.forecast + ["--shard", "\(shard)/2", "--out", path])
      parts.append(path)
    }
    let merged = try await Self.run(["merge"] + parts + ["--format", "csv"])
    let whole = try await Self.run(Self.forecast + ["--format", "csv"])
    #expect(merged == whole)
    let csv = try SwiftCSVCheck.rows(merged)
    #expect(csv.rows.count == 2)
  }

  @Test func replayCSVHasOneRowPerFileAndATotal() async throws {
    let files = ["barge-in.jsonl", "function-call.jsonl", "transcription.jsonl"].map(TestPaths.fixture)
    let text = try await Self.run(["replay"] + files + ["--format", "csv"])
    let csv = try SwiftCSVCheck.rows(text)
    #expect(csv.rows.map { $0["file"] } == files + ["total"])
    #expect(csv.rows.last?["timed"] == "")
    let json = try await Self.run(["replay", files[2], "--format", "json"])
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
    let single = try SwiftCSVCheck.rows(try await Self.run(["replay", files[2], "--format", "csv"]))
    #expect(single.rows.count == 1)
    let cost = object["cost"] as? [String: Any]
    if let total = cost?["total_usd"] as? String ?? (cost?["total_usd"] as? NSNumber)?.stringValue {
      #expect(Decimal(string: single.rows[0]["usd_total"]!) == Decimal(string: total))
    }
    #expect(single.rows[0]["usd_transcription"].map { Decimal(string: $0)! > 0 } == true)
  }

  /// A 7-device fleet over the bundled scenarios with a two-point grid.
  static func fleet(in folder: URL) throws -> String {
    let scenarios = TestPaths.packageRoot.appendingPathComponent("scenarios").path
    let text = """
      name: small
      month: 2026-02
      tier: 2
      budget: 100
      seed: 5
      groups:
        - { name: robots, count: 4, scenario: \(scenarios)/home-robot.yaml, utc_offset: -5 }
        - { name: kiosks, count: 3, scenario: \(scenarios)/kiosk-push-to-talk.yaml, utc_offset: 1 }
      grid:
        idle_timeout: [off]
      """
    let path = folder.appendingPathComponent("small.yaml").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func planCSVGroupRowsAreAsWideAsTotals() async throws {
    let fleet = try Self.fleet(in: try Self.folder())
    let text = try await Self.run([
      "plan", fleet, "--worlds", "2", "--world-days", "1", "--months", "20", "--format", "csv",
    ])
    let csv = try SwiftCSVCheck.rows(text)
    #expect(csv.header.count == 20)
    // Per variant (configured, off) one total row and one row per group.
    #expect(csv.rows.map { $0["group"] } == ["total", "robots", "kiosks", "total", "robots", "kiosks"])
    #expect(csv.rows.map { $0["devices"] } == ["7", "4", "3", "7", "4", "3"])
    #expect(csv.rows[1]["peak_sessions"] == "" && csv.rows[0]["peak_sessions"] != "")
    #expect(csv.rows[0]["tier_holds"] == "true" || csv.rows[0]["tier_holds"] == "false")
  }
}
