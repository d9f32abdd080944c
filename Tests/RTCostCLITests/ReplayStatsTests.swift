import Foundation
import TestSupport
import Testing

/// `rtcost replay --stats FILE` adds each recording's billed usage to a stats file, as an app's
/// UsageStore does after a session, and `rtcost dashboard` reads it back.
@Suite struct ReplayStatsTests {
  func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rtcost-stats-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func replaysAccumulateInTheStatsFile() async throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let stats = dir.appendingPathComponent("usage_stats.json").path
    let files = ["fixtures/recordings/ga-timed-pcm16.jsonl", "fixtures/recordings/barge-in.jsonl"]
    // The second run adds the same recordings again on purpose (a repeat is skipped without the flag).
    for extra in [[], ["--record-again"]] {
      let result = await CommandRunner.run(
        ["replay"] + files + ["--stats", stats, "--format", "json"] + extra)
      #expect(result.status == 0, "\(result.stderr)")
    }
    let dashboard = await CommandRunner.run(["dashboard", stats, "--format", "json"])
    #expect(dashboard.status == 0, "\(dashboard.stderr)")
    // Two replays of two recordings: four sessions.
    #expect(dashboard.stdout.contains(#""total_sessions": 4"#), "\(dashboard.stdout)")
    // Billed: 2 × ($0.0092512 + $0.00812) = $0.0347424 (fixtures/recordings/README.md).
    #expect(dashboard.stdout.contains(#""billed_usd": 0.0347424"#))
  }

  @Test func aCorruptStatsFileIsRefusedAndLeftAlone() async throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let stats = dir.appendingPathComponent("usage_stats.json").path
    let output = dir.appendingPathComponent("report.json").path
    try "{ not json".write(toFile: stats, atomically: true, encoding: .utf8)
    let result = await CommandRunner.run([
      "replay", "fixtures/recordings/ga-timed-pcm16.jsonl", "--stats", stats, "--output", output,
    ])
    #expect(result.status != 0)
    #expect(result.stderr.contains(stats))
    #expect(try String(contentsOfFile: stats, encoding: .utf8) == "{ not json")
    #expect(!FileManager.default.fileExists(atPath: output))
  }
}
