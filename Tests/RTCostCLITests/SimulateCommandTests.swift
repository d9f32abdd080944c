import Billing
import Foundation
import RealtimeEvents
import TestSupport
import Testing

@testable import RTCostCLI

@Suite struct SimulateCommandTests {
  static let scenario = TestPaths.packageRoot.appendingPathComponent("scenarios/home-robot.yaml").path

  func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("simulate-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  func runJSON(_ arguments: [String], to file: URL) throws -> String {
    let command = try SimulateCommand.parse(arguments + ["--format", "json", "--output", file.path])
    try command.run()
    return try String(contentsOf: file, encoding: .utf8)
  }

  @Test func sameSeedGivesByteIdenticalJSONAnotherSeedAnotherWorld() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let base = [Self.scenario, "--horizon", "1d", "--idle-timeout", "5m", "--warn", "0.05", "--alert", "0.1"]
    let first = try runJSON(base + ["--seed", "3"], to: folder.appendingPathComponent("a.json"))
    let second = try runJSON(base + ["--seed", "3"], to: folder.appendingPathComponent("b.json"))
    let other = try runJSON(base + ["--seed", "4"], to: folder.appendingPathComponent("c.json"))
    #expect(first == second)
    #expect(first != other)
    for key in [
      "\"model\"", "\"responses\"", "\"tokens\"", "\"text_in_cached\"", "\"cost_usd\"", "\"total\"",
      "\"seed_estimate_usd\"", "\"idle\"", "\"disconnects\"", "\"alerts\"", "\"genuine_turns\"",
      "\"noise_bursts\"", "\"turns_delayed\"", "\"delay_p95_s\"", "\"conversations_memory_lost\"",
    ] {
      #expect(first.contains(key), "missing \(key)")
    }
  }

  /// A run that ends with the session open appended each mic chunk once: replaying the recording
  /// finds at most the simulated 600 s of input audio (it found 1,198 s when the end of the run sent
  /// the whole session's audio again), and at least 599 s (an append every 100 ms from t = 0 until
  /// the horizon, the one due at 600 s being past the run).
  @Test func aRunEndingWithTheSessionOpenAppendsEachChunkOnce() async throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let events = folder.appendingPathComponent("open.jsonl").path
    let command = try SimulateCommand.parse([
      Self.scenario, "--horizon", "10m", "--seed", "1", "--idle-timeout", "off", "--emit-events", events,
    ])
    _ = try command.simulate()
    let replay = await CommandRunner.run(["replay", events, "--format", "json"])
    #expect(replay.status == 0, "\(replay.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(replay.stdout.utf8)) as! [String: Any]
    let audio = (object["audio"] as! [String: Any])["in"] as! [String: Any]
    let appended = (audio["total_s"] as! NSNumber).doubleValue
    #expect(appended <= 600)
    #expect(appended >= 599)
    let closes = try String(contentsOfFile: events, encoding: .utf8).components(separatedBy: "\"end_of_run\"")
    #expect(closes.count == 2, "the session was open at the end of the run")
  }

  /// `--emit-events` writes a timed recording; reading it back and pricing every `response.done`
  /// and transcription with the same cards gives exactly the simulator's billed total.
  @Test func emittedEventsPriceToTheSimulatedTotal() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let events = folder.appendingPathComponent("day.jsonl")
    let command = try SimulateCommand.parse([
      Self.scenario, "--horizon", "12h", "--seed", "11", "--idle-timeout", "2m", "--emit-events", events.path,
    ])
    let result = try command.simulate()
    let card = try PriceBook.bundled.card(for: "gpt-realtime")
    let whisper = try PriceBook.bundled.transcriptionCard(for: "whisper-1")
    var total = Money.zero
    var responses = 0
    var lastTime: Micros = 0
    let reader = try RecordingReader(path: events.path)
    while let event = try reader.next() {
      #expect(event.time != nil)
      if let time = event.time {
        #expect(time >= lastTime)
        lastTime = time
      }
      switch event.event {
      case .responseDone(let done):
        responses += 1
        if let usage = done.usage { total = total + (try card.price(usage).total) }
      case .transcriptionCompleted(let usage?):
        total = total + (try whisper.cost(of: usage))
      default:
        break
      }
    }
    #expect(reader.header?.model == card.model)
    // home-robot.yaml starts on 2026-01-05; the world's time 0 is that day's midnight.
    #expect(reader.header?.startedAt == "2026-01-05T00:00:00Z")
    #expect(responses == result.stats.responses.reduce(0, +))
    #expect(total == result.usage.billed)
    #expect(total > .zero)
    // And the engine's own token counts price to the same response cost.
    #expect(try card.cost(of: result.stats.tokens).total == result.usage.costs.total)
  }

  @Test func badOptionsFailWithoutOutput() async throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("r.json").path
    let cases: [([String], String)] = [
      (["--idle-timeout", "five"], "--idle-timeout"),
      (["--check-interval", "0s"], "--check-interval"),
      (["--activity", "sometimes"], "--activity"),
      (["--warn", "1", "--alert", "0.5"], "alert threshold ($0.5) must not be below the warning ($1)"),
      (["--alert-action", "explode"], "--alert-action"),
      (["--warn=-1"], "--warn"),
      (["--horizon", "7 days"], "--horizon"),
      (["--emit-events", folder.appendingPathComponent("no/such/dir/x.jsonl").path], "no/such/dir"),
    ]
    for (arguments, needle) in cases {
      let result = await CommandRunner.run(
        ["simulate", Self.scenario, "--horizon", "1h", "--output", out] + arguments)
      #expect(result.status != 0 && result.status < 128, "\(arguments)")
      #expect(result.stderr.contains(needle), "\(arguments): \(result.stderr)")
      #expect(result.stdout.isEmpty)
      #expect(!FileManager.default.fileExists(atPath: out))
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    #expect(throws: (any Error).self) { try SimulateCommand.parse(["--format", "csv"]).validate() }
  }

  @Test func aMissingScenarioNamesTheFile() throws {
    let command = try SimulateCommand.parse(["no-such-scenario.yaml"])
    #expect {
      try command.run()
    } throws: { error in
      String(describing: error).contains("no-such-scenario.yaml")
    }
  }

  @Test func tableShowsTheWorldCounts() throws {
    let command = try SimulateCommand.parse([Self.scenario, "--horizon", "6h", "--seed", "2"])
    let text = try SimulateReport.render(command.simulate(), format: .table)
    #expect(text.contains("genuine turns"))
    #expect(text.contains("seed estimate (seed-compatible)"))
    #expect(text.contains("conversations whose memory was lost"))
  }
}
