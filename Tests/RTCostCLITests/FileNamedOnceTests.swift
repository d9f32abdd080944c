import Foundation
import TestSupport
import Testing

/// Issue 11 item 14: an error about a file names it once, with its line (never `F: F:4: …`), from
/// every command that reads recordings, scenarios, fleets, stats, price, snapshot and import files.
@Suite struct FileNamedOnceTests {
  static let outOfOrder = TestPaths.packageRoot.appendingPathComponent(
    "fixtures/recordings/malformed/out-of-order.jsonl"
  ).path

  @Test(arguments: [
    ["replay"], ["forecast"], ["breakdown"], ["fit", "-o", "/tmp/rtcost-never-written.yaml"],
  ])
  func aBadRecordingIsNamedOnceWithItsLine(command: [String]) async {
    let result = await CommandRunner.run([command[0], Self.outOfOrder] + command.dropFirst())
    #expect(result.status == 1)
    #expect(
      result.stderr
        == "Error: \(Self.outOfOrder):4: timestamps out of order: t 1.5 is earlier than t 2.0 on line 3\n")
  }

  @Test func badFilesOfEveryOtherKindAreNamedOnce() async throws {
    let folder = try TestPaths.scratchFolder("file-named-once")
    defer { try? FileManager.default.removeItem(at: folder) }
    func file(_ name: String, _ text: String) throws -> String {
      let url = folder.appendingPathComponent(name)
      try text.write(to: url, atomically: true, encoding: .utf8)
      return url.path
    }
    let scenario = try file("bad.yaml", "name: x\nhorizon: [1\n")
    let fleet = try file(
      "fleet.yaml", "month: 2026-03\ntier: 4\nbudget: 100\ngroups:\n  - scenario: bad.yaml\n    count: 10\n")
    let stats = try file("stats.json", #"{"audio_input_seconds": "x"}"#)
    let snapshot = try file("snap.json", "[1, 2]")
    let helicone = try file("helicone.json", #""text""#)
    let usage = try file("usage.json", "not json\n")
    let missing = folder.appendingPathComponent("none.json").path
    let yaml = "bad.yaml:3: not valid YAML: did not find expected ',' or ']' (column 1)"
    let statsError =
      "\(stats): key audio_input_seconds: expected a number, found \"x\"; the file was left untouched"
    let cases: [([String], String)] = [
      (["simulate", scenario], yaml),
      (["forecast", scenario], yaml),
      (["plan", fleet], yaml),
      (["dashboard", stats], statsError),
      (["replay", TestPaths.fixture("barge-in.jsonl"), "--stats", stats], statsError),
      (["prices", "--prices", missing], "\(missing): cannot read the price file"),
      (["diff", snapshot, snapshot], "\(snapshot): not a breakdown snapshot (not a JSON object)"),
      (
        ["import", "--from", "helicone", helicone, "-o", folder.appendingPathComponent("o.jsonl").path],
        "\(helicone): not a Helicone realtime log: expected a list or an object"
      ),
      (["reconcile", usage], "\(usage):1: not JSON (a page object per line, or one JSON document)"),
    ]
    for (arguments, message) in cases {
      let result = await CommandRunner.run(arguments)
      #expect(result.status == 1, "\(arguments)")
      #expect(result.stderr == "Error: \(message)\n", "\(arguments)")
    }
  }
}
