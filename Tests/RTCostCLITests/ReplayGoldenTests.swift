import Foundation
import TestSupport
import Testing

@testable import RTCostCLI

/// Golden table and JSON reports of two fixtures (record with RTCOST_RECORD_GOLDEN=1).
@Suite struct ReplayGoldenTests {
  typealias H = ReplayHarness

  /// The report with the package root removed from paths, so the golden file holds no machine path.
  private func report(_ arguments: [String]) throws -> String {
    try H.run(arguments).replacingOccurrences(of: TestPaths.packageRoot.path + "/", with: "")
  }

  @Test func alwaysStreamingMicTable() throws {
    let text = try report([
      H.fixture("always-streaming-mic.jsonl"), "--idle-timeout", "60s", "--check-interval", "10s",
    ])
    try Golden.check(text, named: "replay-always-streaming-mic.txt")
  }

  @Test func alwaysStreamingMicJSON() throws {
    let text = try report([
      H.fixture("always-streaming-mic.jsonl"), "--idle-timeout", "60s", "--check-interval", "10s",
      "--format", "json",
    ])
    try Golden.check(text, named: "replay-always-streaming-mic.json")
  }

  @Test func twoFilesTable() throws {
    let text = try report([H.fixture("ga-timed-pcm16.jsonl"), H.fixture("beta-bare-g711.jsonl")])
    try Golden.check(text, named: "replay-two-files.txt")
  }

  @Test func twoFilesJSON() throws {
    let text = try report([
      H.fixture("ga-timed-pcm16.jsonl"), H.fixture("beta-bare-g711.jsonl"), "--format", "json", "--warn",
      "0.005",
    ])
    try Golden.check(text, named: "replay-two-files.json")
  }

  @Test func bargeInMarkdown() throws {
    try Golden.check(
      try report([H.fixture("barge-in.jsonl"), "--format", "md"]), named: "replay-barge-in.md")
  }
}
