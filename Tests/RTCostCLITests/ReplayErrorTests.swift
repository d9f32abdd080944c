import ArgumentParser
import Foundation
import TestSupport
import Testing

@testable import RTCostCLI

/// Every error path of `rtcost replay`: one clear message with file and line, no output file.
@Suite struct ReplayErrorTests {
  typealias H = ReplayHarness

  /// Each malformed fixture and the line of its error (fixtures/recordings/README.md).
  static let malformed: [(file: String, line: Int, fragment: String)] = [
    ("bad-base64.jsonl", 2, "base64 payload of length 5"),
    ("bad-direction.jsonl", 2, "dir: must be server, client or local"),
    ("bad-local-audio.jsonl", 2, "event.use: must be ambient or utterance"),
    ("bad-version.jsonl", 1, "unsupported recording version 2"),
    ("header-not-first.jsonl", 2, "must be the first line"),
    ("malformed-json.jsonl", 3, "malformed JSON"),
    ("missing-dir.jsonl", 2, "missing required field 'dir'"),
    ("missing-event.jsonl", 2, "missing required field 'event'"),
    ("missing-response.jsonl", 2, "missing required field 'event.response'"),
    ("missing-time.jsonl", 2, "missing required field 't'"),
    ("missing-type.jsonl", 2, "missing required field 'event.type'"),
    ("mixed-timed-bare.jsonl", 2, "bare event line in a timed recording"),
    ("negative-time.jsonl", 2, "t is negative (-0.5)"),
    ("not-a-recording-line.jsonl", 2, "not a recording line"),
    ("not-an-object.jsonl", 2, "a line must be one JSON object"),
    ("out-of-order.jsonl", 4, "timestamps out of order"),
    ("unknown-audio-format.jsonl", 1, "unknown audio format 'audio/flac'"),
    ("unknown-status.jsonl", 2, "unknown response status 'finished'"),
    ("wrong-type-time.jsonl", 3, "t: expected a number"),
    ("wrong-type-usage.jsonl", 3, "event.response.usage.input_tokens: expected an integer"),
  ]

  /// A bare recording with one response and no session event or header: no model is named.
  static let noModelRecording =
    #"{"type":"response.done","response":{"status":"completed","usage":{"input_tokens":1,"output_tokens":1}}}"#
    + "\n"

  /// Runs the command expecting a failure; returns its message and whether the output file exists.
  private func failure(_ arguments: [String], output: URL) throws -> (message: String, wroteOutput: Bool) {
    var command = try ReplayCommand.parse(arguments + ["--output", output.path])
    do {
      try command.validate()
      try command.run()
    } catch let error as CLIError {
      return (error.message, FileManager.default.fileExists(atPath: output.path))
    } catch {
      return ((ReplayCommand.message(for: error)), FileManager.default.fileExists(atPath: output.path))
    }
    Issue.record("rtcost replay \(arguments) did not fail")
    return ("", true)
  }

  @Test func everyMalformedFixtureNamesFileAndLineAndWritesNothing() async throws {
    let folder = try H.scratch()
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(Self.malformed.count == 20)
    for case let (name, line, fragment) in Self.malformed {
      let path = H.fixture("malformed/\(name)")
      let output = folder.appendingPathComponent("\(name).out")
      let (message, wrote) = try failure([path, "--model", "gpt-realtime"], output: output)
      #expect(message.hasPrefix("\(path):\(line): "), "\(name): \(message)")
      #expect(message.contains(fragment), "\(name): \(message)")
      #expect(!wrote, "\(name) left an output file")
    }
  }

  @Test func aBadSecondFileLeavesAnExistingReportUntouched() async throws {
    let folder = try H.scratch()
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = folder.appendingPathComponent("report.json")
    try "old report\n".write(to: output, atomically: true, encoding: .utf8)
    var command = try ReplayCommand.parse([
      H.fixture("barge-in.jsonl"), H.fixture("malformed/out-of-order.jsonl"), "--output", output.path,
    ])
    #expect(throws: CLIError.self) { try command.run() }
    #expect(try String(contentsOf: output, encoding: .utf8) == "old report\n")
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    #expect(leftovers == ["report.json"])
  }

  @Test func lenientSkipsAndCounts() async throws {
    let r = try H.json([H.fixture("malformed/malformed-json.jsonl"), "--lenient", "--model", "gpt-realtime"])
    #expect(H.number(r, "skipped_lines") == "1")
    #expect(H.number(r, "events") == "2")
    let warnings = try #require(r["warnings"] as? [[String: Any]])
    #expect(H.number(warnings.first, "line") == "3")
    #expect((warnings.first?["message"] as? String)?.hasPrefix("skipped (--lenient): malformed JSON") == true)
  }

  @Test func noModelKnownIsAClearError() async throws {
    let folder = try H.scratch()
    defer { try? FileManager.default.removeItem(at: folder) }
    let recording = folder.appendingPathComponent("no-model.jsonl")
    try Self.noModelRecording.write(to: recording, atomically: true, encoding: .utf8)
    let (message, wrote) = try failure([recording.path], output: folder.appendingPathComponent("out"))
    #expect(message.hasPrefix("\(recording.path): no model known"))
    #expect(message.contains("--model"))
    #expect(!wrote)
  }

  @Test func unknownModelListsCloseNames() async throws {
    let folder = try H.scratch()
    defer { try? FileManager.default.removeItem(at: folder) }
    let recording = folder.appendingPathComponent("no-model.jsonl")
    try Self.noModelRecording.write(to: recording, atomically: true, encoding: .utf8)
    let (message, wrote) = try failure(
      [recording.path, "--model", "gpt-realtime-mni"], output: folder.appendingPathComponent("out"))
    #expect(message.hasPrefix("\(recording.path): unknown model 'gpt-realtime-mni'"))
    #expect(message.contains("closest known models: "))
    #expect(message.contains("gpt-realtime-mini"))
    #expect(!wrote)
  }

  @Test func sessionModelWinsOverTheOption() async throws {
    // The session names gpt-realtime-2025-08-28; --model is only a fallback.
    let r = try H.json([H.fixture("ga-timed-pcm16.jsonl"), "--model", "gpt-realtime-mini"])
    #expect(r["model"] as? String == "gpt-realtime-2025-08-28")
    #expect(r["model_source"] as? String == "session")
  }

  @Test(arguments: [
    ["--idle-timeout", "5 minutes"], ["--check-interval", "0s"], ["--activity", "sometimes"],
    ["--warn", "-1"], ["--alert", "lots"], ["--alert-action", "shout"],
  ])
  func badOptionsAreRefused(_ option: [String]) throws {
    #expect(throws: (any Error).self) { try ReplayCommand.parse([H.fixture("barge-in.jsonl")] + option) }
  }

  @Test func theBinaryExitsNonZeroWithFileAndLine() async throws {
    let path = H.fixture("malformed/negative-time.jsonl")
    let result = await CommandRunner.run(["replay", path])
    #expect(result.status != 0)
    #expect(result.stderr.contains("\(path):2: t is negative (-0.5)"))
    #expect(result.stdout.isEmpty)
  }
}
