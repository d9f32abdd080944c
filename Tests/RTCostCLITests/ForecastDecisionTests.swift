import Billing
import Forecast
import Foundation
import RealtimeEvents
import SessionGuard
import TestSupport
import Testing

@testable import RTCostCLI

/// The recommendation and the sensitivity in the reports and on the command line.
@Suite struct ForecastDecisionTests {
  @Test func theTableLeadsWithTheAnswerAndCollapsesIdenticalPolicies() {
    // The fixture's 5m seed policy runs exactly like the baseline in every world.
    let text = ForecastReport.render(ForecastReportTests.results(), format: .table)
    #expect(text.contains("No limits given (set --max-added-wait-p95"))
    #expect(text.contains("Recommended: `timeout=2m check=30s activity=real warn=$0.5 alert=$1 action=log`"))
    #expect(
      text.contains(
        "activity=seed warn=$0.5 alert=$1 action=log, timeout 5m: identical to `timeout=off activity=real` (the baseline)"
      ))
    #expect(text.contains("timeout=off activity=real (baseline) [+1 identical]"))
    #expect(!text.contains("timeout=5m check=30s activity=seed warn=$0.5 alert=$1 action=log  "))
  }

  @Test func aLimitRulesOutTheCheapestAndTheTableSaysWhich() {
    // The 2m policy delays 2 turns a world, 5m one: at most 1.5 a day keeps only 5m and the baseline.
    let text = ForecastReport.render(
      ForecastReportTests.results(), format: .table, limits: DecisionLimits(delayedTurnsPerDay: 1.5))
    #expect(
      text.contains("Limits: turns delayed/day ≤ 1.50. Recommended: `timeout=5m check=30s activity=real"))
    #expect(text.contains("breaks turns delayed/day 2.00"))
  }

  /// Two one-day worlds in which every policy loses a conversation's memory.
  static func losingEverywhere() -> ForecastResults {
    var costs = CategoryCosts.zero
    costs.audioIn = Money(picoUSD: Money.picoPerUSD)
    let run = RunMetrics(costByCategory: costs, conversationsWithMemoryLost: 1)
    return ForecastResults(
      identity: .init(
        input: "losing", models: ["gpt-realtime-2025-08-28"], seed: 1, horizon: .days(1), totalWorlds: 2,
        policies: [GuardSettings(), GuardSettings(idleTimeout: .minutes(1))], baseline: 0),
      worlds: [.init(index: 0, metrics: [run, run]), .init(index: 1, metrics: [run, run])])
  }

  @Test func allPoliciesRuledOutIsAStatementAndExitsZero() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rtcost-decide-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let part = folder.appendingPathComponent("part.json").path
    try ForecastShardFile.encode(Self.losingEverywhere(), shard: "0/1").write(
      toFile: part, atomically: true, encoding: .utf8)
    let result = await CommandRunner.run(["merge", part, "--max-memory-lost-per-day", "0"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout.contains(
        "Limits: memory lost/day ≤ 0.00. No policy keeps every limit: each of the 1 distinct policies "
          + "breaks at least one (see the limits column). Loosen a limit or widen the grid."))
    let json = await CommandRunner.run(["merge", part, "--max-memory-lost-per-day", "0", "--format", "json"])
    #expect(json.status == 0)
    #expect(json.stdout.contains("\"recommended\": null"))
  }

  @Test(arguments: [
    (
      ["--max-delayed-turns-per-day", "-1"],
      "Error: The value '-1' is invalid for '--max-delayed-turns-per-day <count>': must be a number of at "
        + "least 0, such as 0.5 or 3, got '-1'\n"
    ),
    (
      ["--max-memory-lost-per-day", "few"],
      "Error: The value 'few' is invalid for '--max-memory-lost-per-day <count>': must be a number of at "
        + "least 0, such as 0.5 or 3, got 'few'\n"
    ),
    (
      ["--max-added-wait-p95", "soon"],
      "'soon' is invalid for '--max-added-wait-p95 <duration>': must be a duration"
    ),
    (
      ["--sensitivity", "--shard", "0/2", "--out", "/tmp/rtcost-never-written.json"],
      "--sensitivity needs every world; run it without --shard"
    ),
  ])
  func badDecisionOptionsAreOneClearError(arguments: [String], message: String) async throws {
    let result = await CommandRunner.run(
      ["forecast", "scenarios/home-robot.yaml", "--worlds", "1"] + arguments)
    #expect(result.status != 0)
    #expect(result.stderr.contains(message), "\(result.stderr)")
    #expect(result.stdout.isEmpty)
  }

  @Test func sensitivityRefusesARecording() async throws {
    let result = await CommandRunner.run([
      "forecast", "fixtures/recordings/always-streaming-mic.jsonl", "--sensitivity",
    ])
    #expect(result.status != 0)
    #expect(
      result.stderr.contains(
        "--sensitivity varies a scenario's world model; a recording is one fixed world (give a scenario)"))
  }

  @Test func sensitivityRunsTheSameWorldsAtEachEnd() async throws {
    let result = await CommandRunner.run([
      "forecast", "scenarios/home-robot.yaml", "--worlds", "2", "--horizon", "1d", "--idle-timeouts",
      "off,1m",
      "--activity", "real", "--alert-action", "log", "--sensitivity", "--format", "json", "--jobs", "2",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let sensitivity = try #require(json["sensitivity"] as? [String: Any])
    let rows = try #require(sensitivity["assumptions"] as? [[String: Any]])
    #expect(
      Set(rows.compactMap { $0["key"] as? String }) == [
        "cache_lifetime", "cache_miss_after_barge_in", "cache_prompt_shared", "cache_warm_across_reconnects",
        "noise.bursts_per_hour", "session.reconnect_latency",
      ])
    // The nominal values are ends of two ranges (a 5m lifetime, warm across reconnects): on the same
    // worlds, those ends reproduce the nominal saving exactly.
    let nominal = try #require(sensitivity["nominal_saving_per_device_day_usd"] as? Double)
    let lifetime = try #require(rows.first { $0["key"] as? String == "cache_lifetime" })
    let warm = try #require(rows.first { $0["key"] as? String == "cache_warm_across_reconnects" })
    #expect((lifetime["low"] as? [String: Any])?["saving_per_device_day_usd"] as? Double == nominal)
    #expect((warm["high"] as? [String: Any])?["saving_per_device_day_usd"] as? Double == nominal)
    let table = await CommandRunner.run([
      "forecast", "scenarios/home-robot.yaml", "--worlds", "2", "--horizon", "1d", "--idle-timeouts",
      "off,1m",
      "--activity", "real", "--alert-action", "log", "--sensitivity", "--jobs", "1",
    ])
    #expect(table.stdout.contains("How sure: the saving of `"))
    #expect(table.stdout.contains("cache_miss_after_barge_in: 0.29…0.96: Clopper–Pearson 95% interval"))
  }
}
