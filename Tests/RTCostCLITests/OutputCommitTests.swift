import Foundation
import TestSupport
import Testing

/// A run commits all its outputs and its stats update together at the end, or none; outputs are
/// checked before the work starts; an input is never overwritten; a repeat replay is not counted twice.
@Suite struct OutputCommitTests {
  let recording = "fixtures/recordings/ga-timed-pcm16.jsonl"

  func folder() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rtcost-commit-\(UUID().uuidString)"
    )
    .path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  @Test func aBadOutputLeavesTheOtherOutputsAndTheStatsUntouched() async throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let html = dir + "/good.html"
    try "old page".write(toFile: html, atomically: false, encoding: .utf8)
    let result = await CommandRunner.run([
      "forecast", "--output", dir + "/missing/report.json", "--html", html,
    ])
    // Refused while the options are validated, before any work: a usage error (64).
    #expect(result.status == 64)
    #expect(result.stderr.contains("\(dir)/missing/report.json: the folder \(dir)/missing does not exist"))
    #expect(try String(contentsOfFile: html, encoding: .utf8) == "old page")
    let stats = dir + "/usage_stats.json"
    let replay = await CommandRunner.run([
      "replay", recording, "--stats", stats, "--output", dir + "/missing/r.json",
    ])
    #expect(replay.status == 64)
    #expect(!FileManager.default.fileExists(atPath: stats))
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["good.html"])
  }

  @Test func anOutputThatIsAnInputIsRefused() async throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let copy = dir + "/call.jsonl"
    try FileManager.default.copyItem(atPath: recording, toPath: copy)
    let link = dir + "/report.json"
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: copy)
    let before = try Data(contentsOf: URL(fileURLWithPath: copy))
    let result = await CommandRunner.run(["replay", copy, "--output", link])
    #expect(result.status == 1)
    #expect(
      result.stderr
        == "Error: \(link): is also an input of this run (\(copy)); rtcost does not overwrite its input "
        + "(choose another --output)\n")
    #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == before)
    let twice = await CommandRunner.run([
      "replay", copy, "--output", dir + "/r.json", "--stats", dir + "/r.json",
    ])
    #expect(
      twice.stderr.contains(
        "\(dir)/r.json: given to both --output and --stats; each output needs a file of its own"))
  }

  @Test func replayingTheSameRecordingTwiceIsCountedOnce() async throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let stats = dir + "/usage_stats.json"
    let first = await CommandRunner.run(["replay", recording, "--stats", stats, "--format", "json"])
    #expect(first.status == 0, "\(first.stderr)")
    // The same bytes under another name are a repeat too.
    let copy = dir + "/renamed.jsonl"
    try FileManager.default.copyItem(atPath: recording, toPath: copy)
    let second = await CommandRunner.run(["replay", copy, "--stats", stats, "--format", "json"])
    #expect(second.status == 0)
    #expect(second.stderr.hasPrefix("warning: \(stats): \(copy) was already added (as \(recording), sha256 "))
    #expect(second.stderr.hasSuffix("not added again (--record-again adds it anyway)\n"))
    let text = try String(contentsOfFile: stats, encoding: .utf8)
    #expect(text.contains("\"total_sessions\": 1,"))
    let again = await CommandRunner.run(["replay", copy, "--stats", stats, "--record-again"])
    #expect(again.status == 0 && again.stderr.isEmpty, "\(again.stderr)")
    #expect(try String(contentsOfFile: stats, encoding: .utf8).contains("\"total_sessions\": 2,"))
  }

  @Test func simulateWritesItsRecordingThroughASymlinkAndKeepsNoTemporaryFile() async throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try FileManager.default.createSymbolicLink(
      atPath: dir + "/latest.jsonl", withDestinationPath: "day1.jsonl")
    let result = await CommandRunner.run([
      "simulate", "--horizon", "10m", "--emit-events", dir + "/latest.jsonl", "--output", dir + "/report.txt",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == [
        "day1.jsonl", "latest.jsonl", "report.txt",
      ])
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/latest.jsonl") == "day1.jsonl")
  }
}
