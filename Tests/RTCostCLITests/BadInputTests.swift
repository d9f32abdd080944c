import Foundation
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
