import Foundation
import TestSupport
import Testing

/// `replay --stats` records what the report bills: transcription and GPT-Live session time included.
@Suite struct ReplayStatsBillTests {
  /// The report, and the stats file's text (its money is exact decimal text, compared as text).
  static func meters(after recording: String) async throws -> (report: String, meters: String) {
    let stats = try TestPaths.scratchFolder("stats-bill").appendingPathComponent("\(UUID().uuidString).json")
      .path
    let result = await CommandRunner.run(["replay", TestPaths.fixture(recording), "--stats", stats])
    #expect(result.status == 0, "\(result.stderr)")
    return (result.stdout, try String(contentsOfFile: stats, encoding: .utf8))
  }

  /// The report bills $0.00152 of responses plus $0.0005925 of transcription = $0.0021125; the stats
  /// file held $0.00152 before.
  @Test func transcriptionIsRecorded() async throws {
    let (report, meters) = try await Self.meters(after: "transcription.jsonl")
    #expect(report.contains("as billed: $0.0021125 (responses $0.00152, transcription $0.0005925)"))
    #expect(meters.contains(#""billed_cost_usd": 0.0021125,"#), "\(meters)")
    #expect(meters.contains(#""transcription_cost_usd": 0.0005925,"#), "\(meters)")
  }

  /// 640 s of GPT-Live session time at $3/h = $0.533333333333 (to the picodollar), no tokens.
  @Test func gptLiveSessionTimeIsRecorded() async throws {
    let (report, meters) = try await Self.meters(after: "live-idle-robot.jsonl")
    #expect(report.contains("as billed: $0.533333333333 ("))
    #expect(meters.contains(#""billed_cost_usd": 0.533333333333,"#), "\(meters)")
    #expect(meters.contains(#""live_cost_usd": 0.533333333333,"#), "\(meters)")
  }

  /// A Realtime recording writes no `live_cost_usd` key: files stay as they were.
  @Test func realtimeStatsHaveNoLiveKey() async throws {
    let (_, meters) = try await Self.meters(after: "ga-timed-pcm16.jsonl")
    #expect(!meters.contains("live_cost_usd"))
    #expect(meters.contains(#""billed_cost_usd": 0.0092512,"#), "\(meters)")
  }
}
