import Foundation
import RealtimeEvents
import SessionGuard
import Simulation
import TestSupport
import Testing

/// Issue 11 items 6, 7 and 14: inputs that once grew to gigabytes, trapped or said the wrong thing
/// get one clear line, quickly, and a non-zero exit below 128.
@Suite struct BadInputTests {
  static func scratch() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "bad-input-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  @Test func replayOfDevZeroStopsAtTheLineCap() async {
    let result = await CommandRunner.run(["replay", "/dev/zero"])
    #expect(result.status == 1)
    #expect(result.stderr == "Error: /dev/zero:1: the line is longer than 64 MiB: not a recording\n")
  }

  @Test func dashboardOfDevZeroStopsAtTheSizeCap() async {
    let result = await CommandRunner.run(["dashboard", "/dev/zero"])
    #expect(result.status == 1)
    #expect(result.stderr == "Error: /dev/zero: larger than 16 MiB: not a stats file\n")
  }

  @Test func aFolderGivenAsARecordingSaysSo() async throws {
    let folder = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = await CommandRunner.run(["replay", folder.path])
    #expect(result.status == 1)
    #expect(result.stderr == "Error: \(folder.path): is a directory, not a recording\n")
  }

  /// A stats file near the Int64 range: refused naming the file and key, and left untouched.
  @Test func aStatsFileNearTheInt64RangeIsRefused() async throws {
    let folder = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: folder) }
    let stats = folder.appendingPathComponent("usage_stats.json")
    let text =
      #"{"audio_input_seconds": 1, "audio_output_seconds": 1, "text_input_tokens": 9223372036854775807, "#
      + #""text_output_tokens": 1, "total_sessions": 1, "total_duration_seconds": 1, "function_calls": 0, "#
      + #""estimated_cost_usd": 0}"#
    try text.write(to: stats, atomically: true, encoding: .utf8)
    let result = await CommandRunner.run(["dashboard", stats.path])
    #expect(result.status == 1)
    #expect(
      result.stderr
        == "Error: \(stats.path): key text_input_tokens: 9223372036854775807 exceeds the limit "
        + "1000000000000000 (the file is damaged); the file was left untouched\n")
    #expect(try String(contentsOf: stats, encoding: .utf8) == text)
  }

  @Test(arguments: [
    ("estimated_cost_usd", "1e300", "1e300 exceeds the limit 100000000000"),
    ("audio_input_seconds", "200000000000", "200000000000 exceeds the limit 100000000000"),
    ("total_sessions", "1000000000000001", "1000000000000001 exceeds the limit 1000000000000000"),
  ])
  func everyStatsValueHasACap(key: String, value: String, message: String) async throws {
    let folder = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: folder) }
    let stats = folder.appendingPathComponent("usage_stats.json")
    var members = [
      "audio_input_seconds": "1", "audio_output_seconds": "1", "text_input_tokens": "1",
      "text_output_tokens": "1", "total_sessions": "1", "total_duration_seconds": "1", "function_calls": "0",
      "estimated_cost_usd": "0",
    ]
    members[key] = value
    let text =
      "{" + members.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ")
      + "}"
    try text.write(to: stats, atomically: true, encoding: .utf8)
    let result = await CommandRunner.run(["dashboard", stats.path])
    #expect(result.status == 1)
    #expect(
      result.stderr
        == "Error: \(stats.path): key \(key): \(message) (the file is damaged); the file was left untouched\n"
    )
  }
}

/// Issue 11 item 15: `--emit-events` estimates the recording's size before writing a byte.
@Suite struct EmitEventsSizeTests {
  @Test func anAlwaysOnDayIsRefusedBeforeAnythingIsWritten() async throws {
    let folder = try BadInputTests.scratch()
    defer { try? FileManager.default.removeItem(at: folder) }
    let target = folder.appendingPathComponent("day.jsonl")
    let result = await CommandRunner.run([
      "simulate", "--horizon", "1d", "--idle-timeout", "2m", "--activity", "seed", "--emit-events",
      target.path,
    ])
    #expect(result.status == 1)
    // 86,377 s streamed × 48,000 B/s × 4/3 = 5.53 GB of base64, plus 160 B per append and event.
    #expect(
      result.stderr
        == "Error: --emit-events would write about 5.6 GB (86377 s of microphone audio as base64); "
        + "the limit is 2 GB: shorten --horizon, or give --allow-large-output\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
  }

  @Test func theEstimateIsTheBase64OfTheAudioPlusTheLines() {
    var usage = UsageTotals()
    usage.inputAudioMicros = 3_600_000_000
    usage.outputAudioMicros = 60_000_000
    // 3,600 s × 48,000 B/s × 4/3 = 230,400,000; 60 s × 8,000 × 4/3 = 640,000;
    // lines: 10 events + 3,600 appends (1 s) + 600 deltas (100 ms) = 4,210 × 160 = 673,600.
    #expect(
      EmittedRecordingSize.estimate(
        usage: usage, events: 10, input: .pcm16, output: .g711Ulaw, appendInterval: 1_000_000,
        deltaDuration: 100_000) == 231_713_600)
  }
}

/// Issue 11 item 9: a run whose work estimate is past the budget is refused before it starts.
@Suite struct WorkBudgetTests {
  static let tail =
    "; the limit is 100000000000 (about half an hour): run fewer worlds or a shorter horizon, "
    + "or give --allow-long-run\n"

  @Test func aForecastPastTheBudgetIsRefusedBeforeRunning() async {
    let result = await CommandRunner.run(["forecast", "--worlds", "100000", "--horizon", "30d"])
    #expect(result.status == 1)
    // 100,000 worlds × 26 policies × 1 model × 2,592,000 s = 6,739,200,000,000 world-seconds.
    #expect(
      result.stderr
        == "Error: this run would simulate 6739200000000 world-seconds "
        + "(100000 worlds × 26 policies × 1 models × 30d)" + Self.tail)
  }

  @Test func aSimulatedWorldLongerThanThirtyDaysIsRefusedBeforeRunning() async {
    // 60 days is only 5.2 × 10^6 world-seconds (far within the budget) but one world in full detail.
    let result = await CommandRunner.run(["simulate", "--horizon", "60d"])
    #expect(result.status == 1)
    #expect(
      result.stderr
        == "Error: --horizon 60d: one simulated world is at most 30d (it runs every event on one "
        + "core): shorten --horizon, or give --allow-long-run\n")
  }

  @Test func anExactPlanOfOneHundredThousandDevicesIsRefusedBeforeRunning() async throws {
    let folder = try BadInputTests.scratch()
    defer { try? FileManager.default.removeItem(at: folder) }
    let scenario = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("scenarios/home-robot.yaml")
    let fleet = folder.appendingPathComponent("fleet.yaml")
    try """
    month: 2026-03
    tier: 4
    budget: 1000
    groups:
      - scenario: \(scenario.path)
        count: 100000
    """.write(to: fleet, atomically: true, encoding: .utf8)
    let result = await CommandRunner.run(["plan", fleet.path, "--exact"])
    #expect(result.status == 1)
    // 100,000 devices × 31 days × 86,400 s = 267,840,000,000 world-seconds.
    #expect(
      result.stderr
        == "Error: this run would simulate 267840000000 world-seconds (100000 devices × 31 days × 1 variants)"
        + Self.tail)
  }
}

/// Issue 11 item 14: an output into a missing folder fails before the run, naming what was typed.
@Suite struct OutputFolderTests {
  @Test(arguments: [
    (
      ["replay", "fixtures/recordings/barge-in.jsonl", "--output", "/nonexistent/x.txt"],
      "--output /nonexistent/x.txt"
    ),
    (["forecast", "--worlds", "2", "--html", "/nonexistent/f.html"], "--html /nonexistent/f.html"),
    (["simulate", "--horizon", "1h", "-o", "/nonexistent/s.txt"], "--output /nonexistent/s.txt"),
  ])
  func aMissingFolderIsRefusedBeforeTheRun(arguments: [String], typed: String) async {
    let result = await CommandRunner.run(arguments)
    #expect(result.status == 64)
    #expect(
      result.stderr.hasPrefix("Error: \(typed): the folder /nonexistent does not exist\n"), "\(result.stderr)"
    )
    #expect(!result.stderr.contains("tmp-"))
  }
}
