import Foundation
import TestSupport
import Testing

/// The guard's alerts are judged with the card the run prices with: the user's price file when the
/// scenario has one, and a model known only from that file runs (it used to crash on a
/// precondition when thresholds were set).
@Suite struct UserPricesWiringTests {
  /// A price file with one model billed only for output audio at $1 a token, so each response costs
  /// exactly its audio tokens in dollars; and a scenario on it where every answer is 1 s of audio
  /// (20 tokens: $20), three turns a call, one session per call, warn at $30 and alert at $50.
  static func files() throws -> (folder: URL, scenario: String, fleet: String) {
    let folder = try TestPaths.scratchFolder("user-prices")
    try """
    models:
      - model: dollar-voice-2026-01-01
        from: 2026-01-01
        text_in: 0
        text_out: 0
        audio_in: 0
        audio_out: 1000000
        source: test price file ($1 per output audio token)
    """.write(to: folder.appendingPathComponent("prices.yaml"), atomically: true, encoding: .utf8)
    try """
    model: dollar-voice-2026-01-01
    prices: prices.yaml
    start: 2026-02-02
    horizon: 1d
    seed: 5
    session:
      lifecycle: per_conversation
      turn_detection: none
      instructions_tokens: 0
      tools_tokens: 0
    user:
      conversations_per_hour: 2
      turns: 3
      utterance: 1s
      response_audio: 1s
      response_text_tokens: 0
      think_time: 2s
      hangup: 1s
    policy:
      warn: 30
      alert: 50
      alert_action: log
    """.write(to: folder.appendingPathComponent("dollar.yaml"), atomically: true, encoding: .utf8)
    try """
    month: 2026-02
    tier: 5
    budget: 1000000
    groups:
      - { name: dollar, count: 3, scenario: dollar.yaml }
    """.write(to: folder.appendingPathComponent("fleet.yaml"), atomically: true, encoding: .utf8)
    return (
      folder, folder.appendingPathComponent("dollar.yaml").path,
      folder.appendingPathComponent("fleet.yaml").path
    )
  }

  @Test func aForecastJudgesAlertsWithTheUsersCard() async throws {
    let (folder, scenario, _) = try Self.files()
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = await CommandRunner.run([
      "forecast", scenario, "--worlds", "3", "--idle-timeouts", "off", "--activity", "real",
      "--alert-action", "log", "--format", "json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let policy = try #require((json["policies"] as? [[String: Any]])?.first)
    let perDay = try #require(policy["per_device_day"] as? [String: Any])
    let responses = try #require(perDay["responses_genuine"] as? Double)
    let warnings = try #require(perDay["warnings"] as? Double)
    let alerts = try #require(perDay["alerts"] as? Double)
    // Each call: 3 responses × $20 = $60 in one session. The warning ($30) fires at the 2nd ($40)
    // and the alert ($50) at the 3rd ($60): one of each per call, a third of the responses. At the
    // bundled prices of any model (cents a response) neither would ever fire.
    #expect(responses > 0)
    #expect(abs(warnings - responses / 3) < 0.0005)
    #expect(abs(alerts - responses / 3) < 0.0005)
    let cost = try #require((policy["cost_per_device_day_usd"] as? [String: Any])?["mean"] as? Double)
    // $20 per response.
    #expect(abs(cost - responses * 20) < 0.001)
  }

  @Test func aPlanOnAModelKnownOnlyFromThePriceFileRuns() async throws {
    let (folder, _, fleet) = try Self.files()
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = await CommandRunner.run([
      "plan", fleet, "--worlds", "2", "--months", "4", "--format", "json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("\"dollar\""))
  }

  @Test func residencyUpliftsOnlyWhereItApplies() async throws {
    func total(_ extra: [String], model: String) async throws -> Double {
      let folder = try TestPaths.scratchFolder("residency")
      defer { try? FileManager.default.removeItem(at: folder) }
      let path = folder.appendingPathComponent("s.yaml").path
      try "model: \(model)\nhorizon: 2h\nseed: 2\nuser:\n  conversations_per_hour: 3\n".write(
        toFile: path, atomically: true, encoding: .utf8)
      let result = await CommandRunner.run(["simulate", path, "--format", "json"] + extra)
      #expect(result.status == 0, "\(result.stderr)")
      let json = try #require(
        try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
      return try #require(Double((json["cost_usd"] as? [String: Any])?["total"].map { "\($0)" } ?? ""))
    }
    // gpt-realtime-2 (released 2026-05-07): every price +10 %, so the same world costs 1.1 ×.
    let plain = try await total([], model: "gpt-realtime-2")
    let uplifted = try await total(["--residency"], model: "gpt-realtime-2")
    #expect(plain > 0)
    #expect(abs(uplifted - plain * 1.1) < 1e-9)
    // gpt-realtime (2025-08-28) has no uplift.
    #expect(
      try await total(["--residency"], model: "gpt-realtime") == (try await total([], model: "gpt-realtime")))
  }

  @Test func pricingAShutDownModelWarns() async throws {
    let folder = try TestPaths.scratchFolder("shutdown")
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("old.yaml").path
    try
      "model: gpt-4o-realtime-preview-2024-12-17\nstart: 2026-06-01\nhorizon: 1h\nuser:\n  conversations_per_hour: 1\n"
      .write(toFile: path, atomically: true, encoding: .utf8)
    let result = await CommandRunner.run(["simulate", path])
    #expect(result.status == 0)
    #expect(
      result.stderr.hasPrefix(
        "warning: old: gpt-4o-realtime-preview-2024-12-17 is shut down from 2026-05-07, so pricing 2026-06-01 "
          + "with it is hypothetical"))
  }

  @Test func aDurationBilledTranscriptionModelReportsDuration() async throws {
    let folder = try TestPaths.scratchFolder("whisper")
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("w.yaml").path
    try """
    model: gpt-realtime-2
    horizon: 1h
    seed: 4
    session:
      transcription: gpt-realtime-whisper
      turn_detection: none
    user:
      conversations_per_hour: 4
    """.write(toFile: path, atomically: true, encoding: .utf8)
    let events = folder.appendingPathComponent("w.jsonl").path
    let result = await CommandRunner.run(["simulate", path, "--emit-events", events, "--format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    let recording = try String(contentsOfFile: events, encoding: .utf8)
    // gpt-realtime-whisper bills by the minute ($0.017): its usage is a duration, never tokens.
    #expect(recording.contains(#""type":"duration""#))
    #expect(!recording.contains(#"{"type":"tokens""#))
    let replay = await CommandRunner.run(["replay", events, "--format", "json"])
    #expect(replay.status == 0, "\(replay.stderr)")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(replay.stdout.utf8)) as? [String: Any])
    #expect((json["transcriptions_priced"] as? Int ?? 0) > 0)
    #expect(json["unpriced_usage_blocks"] as? Int == 0)
  }
}
