import Foundation
import TestSupport
import Testing

/// `rtcost breakdown`, `diff` and `gate` end to end, in process.
@Suite struct CostGateCommandTests {
  /// The bundled home robot for one day, with its policy's idle timeout set to `timeout`.
  static func scenario(_ folder: URL, timeout: String, name: String) throws -> String {
    let text = try String(contentsOfFile: TestPaths.scenario("home-robot.yaml"), encoding: .utf8)
      .replacingOccurrences(of: "horizon: 7d", with: "horizon: 1d")
      .replacingOccurrences(of: "idle_timeout: 5m", with: "idle_timeout: \(timeout)")
    let path = folder.appendingPathComponent(name).path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  /// `rtcost breakdown ARGUMENTS --output FILE`, checked to succeed.
  static func breakdown(_ arguments: [String], to path: String) async throws {
    let result = await CommandRunner.run(["breakdown"] + arguments + ["--worlds", "4", "--output", path])
    try #require(result.status == 0, "\(result.stderr)")
  }

  static func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test func aSnapshotAgainstItselfIsZeroAndPassesTheGate() async throws {
    let folder = try TestPaths.scratchFolder("gate-self")
    let scenario = try Self.scenario(folder, timeout: "5m", name: "robot.yaml")
    let snapshot = folder.appendingPathComponent("base.json").path
    try await Self.breakdown(
      [TestPaths.fixture("function-call.jsonl"), "--scenario", scenario], to: snapshot)
    let text = try String(contentsOfFile: snapshot, encoding: .utf8)
    #expect(text.contains("\"format\" : \"rtcost-breakdown/1\""))
    let diff = await CommandRunner.run(["diff", snapshot, snapshot, "--format", "json"])
    #expect(diff.status == 0)
    let json = try Self.json(diff.stdout)
    let forecast = try #require((json["forecasts"] as? [[String: Any]])?.first)
    let change = try #require(forecast["change"] as? [String: Any])
    #expect(change["mean_usd"] as? Double == 0)
    #expect(change["interval_usd"] as? [Double] == [0, 0])
    let recording = try #require((json["recordings"] as? [[String: Any]])?.first)
    #expect(recording["change_pico"] as? Int == 0)
    let gate = await CommandRunner.run([
      "gate", "--compare-to", snapshot, snapshot, "--max-increase-percent", "0",
    ])
    #expect(gate.status == 0)
  }

  @Test func aPriceBookChangeOnGoldenRecordingsIsPriceAndFailsTheGate() async throws {
    let folder = try TestPaths.scratchFolder("gate-price")
    let prices = folder.appendingPathComponent("prices.yaml").path
    // The recording's model with every price doubled.
    try """
    models:
      - model: gpt-realtime-mini-2025-10-06
        from: 2025-10-06
        text_in: 1.2
        text_in_cached: 0.12
        text_out: 4.8
        audio_in: 20
        audio_in_cached: 0.6
        audio_out: 40
        source: test price file (the bundled prices doubled)
    """.write(toFile: prices, atomically: true, encoding: .utf8)
    let base = folder.appendingPathComponent("base.json").path
    let head = folder.appendingPathComponent("head.json").path
    let recording = TestPaths.fixture("function-call.jsonl")
    try await Self.breakdown([recording], to: base)
    try await Self.breakdown([recording, "--prices", prices], to: head)
    let diff = await CommandRunner.run(["diff", base, head, "--format", "json"])
    let change = try #require((try Self.json(diff.stdout)["recordings"] as? [[String: Any]])?.first)
    let basePico = try #require(change["base_pico"] as? Int)
    let components = try #require(change["components_pico"] as? [String: Int])
    // Twice the prices, the same tokens: the change is the base bill again, all of it price book.
    #expect(change["change_pico"] as? Int == basePico)
    #expect(components == ["price_book": basePico, "policy": 0, "workload": 0, "model": 0])
    let gate = await CommandRunner.run(["gate", base, head, "--max-increase-percent", "5"])
    #expect(gate.status == 3)
    #expect(gate.stderr.contains("function-call.jsonl: the recording's bill rose by $"))
    #expect(gate.stderr.contains("100.0%, above --max-increase-percent 5.0"))
    let loose = await CommandRunner.run(["gate", base, head, "--max-increase-percent", "150"])
    #expect(loose.status == 0)
  }

  @Test func aTranscriptionPriceChangeIsPrice() async throws {
    let folder = try TestPaths.scratchFolder("gate-transcription")
    // The fixture up to its switch to gpt-4o-transcribe: whisper-1 only, one 2.5 s usage block.
    let lines = try String(contentsOfFile: TestPaths.fixture("transcription.jsonl"), encoding: .utf8)
      .split(separator: "\n", omittingEmptySubsequences: true)
    let cut = try #require(lines.firstIndex { $0.contains("\"session.update\"") })
    let recording = folder.appendingPathComponent("whisper.jsonl").path
    try (lines[..<cut].joined(separator: "\n") + "\n").write(
      toFile: recording, atomically: true, encoding: .utf8)
    let prices = folder.appendingPathComponent("prices.yaml").path
    try """
    transcription:
      - { model: whisper-1, from: 2023-03-01, per_minute: 0.012, source: test (whisper-1 doubled) }
    """.write(toFile: prices, atomically: true, encoding: .utf8)
    let base = folder.appendingPathComponent("base.json").path
    let head = folder.appendingPathComponent("head.json").path
    try await Self.breakdown([recording], to: base)
    try await Self.breakdown([recording, "--prices", prices], to: head)
    let diff = await CommandRunner.run(["diff", base, head, "--format", "json"])
    let change = try #require((try Self.json(diff.stdout)["recordings"] as? [[String: Any]])?.first)
    // 2.5 s of whisper-1: 2,500,000 µs × 100 pico = 250,000,000 pico at $0.006/min, twice at $0.012.
    #expect(change["base_pico"] as? Int == 250_000_000)
    #expect(change["change_pico"] as? Int == 250_000_000)
    #expect(
      change["components_pico"] as? [String: Int] == [
        "price_book": 250_000_000, "policy": 0, "workload": 0, "model": 0,
      ])
  }

  @Test func aGPTLiveSessionTimePriceChangeIsPrice() async throws {
    let folder = try TestPaths.scratchFolder("gate-live")
    let prices = folder.appendingPathComponent("prices.yaml").path
    try """
    live:
      - model: gpt-live-1.1
        from: 2026-11-20
        active_per_minute: 0.10
        standby_per_minute: 0.02
        source: test (active time doubled)
    """.write(toFile: prices, atomically: true, encoding: .utf8)
    let base = folder.appendingPathComponent("base.json").path
    let head = folder.appendingPathComponent("head.json").path
    let recording = TestPaths.fixture("live-idle-robot.jsonl")
    try await Self.breakdown([recording], to: base)
    try await Self.breakdown([recording, "--prices", prices], to: head)
    let diff = await CommandRunner.run(["diff", base, head, "--format", "json"])
    let change = try #require((try Self.json(diff.stdout)["recordings"] as? [[String: Any]])?.first)
    // 640 s active: at $0.05/min 640,000,000 µs × 833⅓ = 533,333,333,333⅓ → 533,333,333,333 pico;
    // at $0.10/min 1,066,666,666,666⅔ → 1,066,666,666,667. The change, 533,333,333,334, is price.
    #expect(change["base_pico"] as? Int == 533_333_333_333)
    #expect(change["change_pico"] as? Int == 533_333_333_334)
    #expect(
      change["components_pico"] as? [String: Int] == [
        "price_book": 533_333_333_334, "policy": 0, "workload": 0, "model": 0,
      ])
  }

  @Test func aPolicyChangeIsPolicy() async throws {
    let folder = try TestPaths.scratchFolder("gate-policy")
    let base = folder.appendingPathComponent("base.json").path
    let head = folder.appendingPathComponent("head.json").path
    try await Self.breakdown(
      ["--scenario", try Self.scenario(folder, timeout: "5m", name: "a.yaml")], to: base)
    let headScenario = try Self.scenario(folder, timeout: "1m", name: "b.yaml")
    try await Self.breakdown(["--scenario", headScenario], to: head)
    // Pair them by scenario: the head's under the base's name.
    let text = try String(contentsOfFile: head, encoding: .utf8).replacingOccurrences(
      of: "b.yaml", with: "a.yaml")
    try text.write(toFile: head, atomically: true, encoding: .utf8)
    let diff = await CommandRunner.run(["diff", base, head, "--format", "json"])
    let forecast = try #require((try Self.json(diff.stdout)["forecasts"] as? [[String: Any]])?.first)
    let change = try #require((forecast["change"] as? [String: Any])?["mean_usd"] as? Double)
    let components = try #require(forecast["components"] as? [String: [String: Any]])
    func mean(_ key: String) -> Double? { components[key]?["mean_usd"] as? Double }
    #expect(change != 0)
    #expect(mean("policy") == change)
    #expect(mean("price_book") == 0 && mean("workload") == 0 && mean("model") == 0)
    let markdown = await CommandRunner.run(["diff", "--compare-to", base, head, "--format", "markdown"])
    #expect(markdown.stdout.hasPrefix("<!-- rtcost-diff -->\n"))
    #expect(markdown.stdout.contains("/a.yaml (timeout=1m check=30s activity=real"))
    #expect(
      markdown.stdout.contains("| entry | base $ | head $ | change $ | 95% CI (paired) | price_book $ |"))
  }

  @Test func unreadableSnapshotsAreOneClearError() async throws {
    let folder = try TestPaths.scratchFolder("gate-bad")
    let bad = folder.appendingPathComponent("bad.json").path
    try "{\"format\": \"rtcost-breakdown/2\"}".write(toFile: bad, atomically: true, encoding: .utf8)
    let result = await CommandRunner.run(["diff", bad, bad])
    #expect(result.status == 1)
    #expect(
      result.stderr
        == "Error: \(bad): unknown snapshot format \"rtcost-breakdown/2\" (this rtcost reads rtcost-breakdown/1)\n"
    )
    let missing = await CommandRunner.run([
      "gate", "--compare-to", "/nonexistent/head.json", bad, "--max-increase-usd", "1",
    ])
    #expect(missing.status == 1)
    #expect(missing.stderr == "Error: /nonexistent/head.json: cannot read the snapshot (no such file?)\n")
    let noThreshold = await CommandRunner.run(["gate", bad, bad])
    #expect(noThreshold.status == 64)
  }
}
