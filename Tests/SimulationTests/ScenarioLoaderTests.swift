import Billing
import Foundation
import RealtimeEvents
import SessionGuard
import TestSupport
import Testing

@testable import Simulation

@Suite struct ScenarioLoaderTests {
  static let minimal = """
    model: gpt-realtime
    horizon: 1d
    user:
      conversations_per_hour: 2
    """

  @Test(arguments: TestPaths.bundledScenarios)
  func bundledScenariosLoad(_ file: String) throws {
    let scenario = try ScenarioLoader.load(path: TestPaths.scenario(file))
    #expect(scenario.name == String(file.dropLast(5)))
    #expect(scenario.horizon == 7 * 86_400_000_000)
    #expect(try PriceBook.bundled.card(for: scenario.model, on: scenario.startDay).model.isEmpty == false)
    #expect(scenario.user.conversationsPerHour.perDay > 0)
  }

  @Test func homeRobotIsTheOriginalDesign() throws {
    let scenario = try ScenarioLoader.load(path: TestPaths.scenario("home-robot.yaml"))
    #expect(scenario.model == "gpt-realtime")
    #expect(scenario.policy.idleTimeout == 300_000_000)
    #expect(scenario.policy.checkInterval == 30_000_000)
    #expect(scenario.policy.warn == Money(usd: "0.50"))
    #expect(scenario.policy.alert == Money(usd: "1.00"))
    #expect(scenario.session.lifecycle == .alwaysOn)
    #expect(scenario.noise.map(\.name) == ["tv", "chatter"])
    #expect(scenario.user.utterance == .lognormal(median: 2_000_000, p95: 6_000_000))
    #expect(scenario.commands.wakeWord)
  }

  @Test func phoneAgentAndKioskSettings() throws {
    let phone = try ScenarioLoader.load(path: TestPaths.scenario("phone-agent.yaml"))
    #expect(phone.session.inputAudioFormat == .g711Ulaw)
    #expect(phone.session.lifecycle == .perConversation)
    #expect(phone.session.idleTimeout == 8_000_000)
    #expect(phone.session.truncation == .retentionRatio(0.8))
    #expect(phone.session.transcriptionModel == "gpt-4o-transcribe")
    let kiosk = try ScenarioLoader.load(path: TestPaths.scenario("kiosk-push-to-talk.yaml"))
    #expect(kiosk.session.turnDetection == .none)
    #expect(kiosk.noise.isEmpty)
    #expect(kiosk.user.functionCalls.outputTokens == .empirical([60, 120, 240]))
  }

  @Test func minimalScenarioTakesTheDefaults() throws {
    let scenario = try ScenarioLoader.parse(Self.minimal, file: "mini.yaml")
    #expect(scenario.name == "mini")
    #expect(scenario.seed == 1)
    #expect(scenario.session == SessionSettings())
    #expect(scenario.worldModel == WorldModelParameters())
    #expect(scenario.policy.idleTimeout == nil)
    #expect(scenario.user.conversationsPerHour == DailyProfile(constant: 2))
  }

  @Test func worldModelOverrides() throws {
    let scenario = try ScenarioLoader.parse(
      Self.minimal + """

        world_model:
          special_tokens_per_item: 2
          cache_lifetime: 10m
          assistant_transcript_in_context: false
          max_consecutive_reprompts: 1
        """)
    #expect(scenario.worldModel.specialTokensPerItem == 2)
    #expect(scenario.worldModel.cacheLifetime == 600_000_000)
    #expect(!scenario.worldModel.assistantTranscriptInContext)
    #expect(scenario.worldModel.maxConsecutiveReprompts == 1)
  }

  @Test func policyAndSessionSpellings() throws {
    let scenario = try ScenarioLoader.parse(
      Self.minimal + """

        policy: { idle_timeout: "off", check_interval: 15s, activity: seed, warn: "$0.25", alert_action: disconnect }
        session: { transcription: none, truncation: auto, input_audio_format: audio/pcmu, idle_timeout_ms: 6000 }
        commands: { wake_word: yes, per_hour: 0.5 }
        """)
    #expect(scenario.policy.idleTimeout == nil)
    #expect(scenario.policy.checkInterval == 15_000_000)
    #expect(scenario.policy.activity == .seed)
    #expect(scenario.policy.warn == Money(usd: "0.25"))
    #expect(scenario.policy.alertAction == .disconnect)
    #expect(scenario.session.transcriptionModel == nil)
    #expect(scenario.session.inputAudioFormat == .g711Ulaw)
    #expect(scenario.session.idleTimeout == 6_000_000)
    #expect(scenario.commands.wakeWord)
    #expect(scenario.commands.perHour == DailyProfile(constant: 0.5))
  }

  /// Each bad input and the exact message it must give.
  static let errors: [(yaml: String, message: String)] = [
    (
      minimal + "\n  turns: { dist: lognormal, median: -3, p95: 10 }",
      "home-robot.yaml:5: user.turns.median: must be > 0, got -3"
    ),
    (minimal + "\n  turn: 3", "home-robot.yaml:5: user.turn: unknown key (known keys here: "),
    (minimal + "\ncolour: blue", "home-robot.yaml:5: colour: unknown key"),
    ("model: gpt-realtime\nuser:\n  conversations_per_hour: 2", "home-robot.yaml:1: horizon: is required"),
    (
      "model: gpt-realtime\nhorizon: 7 days\nuser:\n  conversations_per_hour: 2",
      "home-robot.yaml:2: horizon: must be a duration such as 30s, 5m, 2h, 7d or 250ms, got 7 days"
    ),
    (
      "model: gpt-realtime\nhorizon: 0s\nuser:\n  conversations_per_hour: 2",
      "home-robot.yaml:2: horizon: must be > 0, got 0s"
    ),
    (
      minimal.replacingOccurrences(
        of: "conversations_per_hour: 2", with: "conversations_per_hour: [1, 2, 3]"),
      "home-robot.yaml:4: user.conversations_per_hour: must list 24 hourly rates (hour 0 to 23), got 3"
    ),
    (
      minimal + "\n  utterance: { dist: lognormal, median: 2s, mean: 3s }",
      "home-robot.yaml:5: user.utterance.mean: is not a parameter of a lognormal distribution (it takes median, p95)"
    ),
    (
      minimal + "\n  utterance: { dist: normal, mean: 3s }",
      "home-robot.yaml:5: user.utterance.dist: must be one of fixed, uniform, exponential, lognormal, geometric, empirical, got normal"
    ),
    (
      minimal + "\n  utterance: { dist: lognormal, median: 5s, p95: 2s }",
      "home-robot.yaml:5: user.utterance.p95: must be >= median, got 2s"
    ),
    (
      minimal + "\n  function_calls: { probability: 1.5 }",
      "home-robot.yaml:5: user.function_calls.probability: must be between 0 and 1, got 1.5"
    ),
    (
      minimal + "\nnoise:\n  - name: tv\n    bursts_per_hour: 2\n  - name: radio\n    bursts_per_hour: -1",
      "home-robot.yaml:9: noise[1].bursts_per_hour: must be >= 0, got -1"
    ),
    (
      minimal + "\nsession:\n  transcription: whisper-2",
      "home-robot.yaml:6: session.transcription: unknown transcription model 'whisper-2' (known: none, "
    ),
    (
      minimal + "\nsession:\n  input_audio_format: mp3",
      "home-robot.yaml:6: session.input_audio_format: must be one of pcm16"
    ),
    (
      minimal + "\nsession:\n  truncation: { retention_ratio: 1.5 }",
      "home-robot.yaml:6: session.truncation.retention_ratio: must be > 0 and <= 1, got 1.5"
    ),
    (
      minimal + "\nsession:\n  turn_detection: none\n  idle_timeout_ms: 5000",
      "home-robot.yaml:7: session.idle_timeout_ms: idle_timeout_ms needs turn_detection: server_vad"
    ),
    (
      minimal + "\npolicy:\n  warn: 1.00\n  alert: 0.50",
      "home-robot.yaml:7: policy.alert: the alert threshold ($0.5) must not be below the warning ($1)"
    ),
    (
      minimal + "\npolicy:\n  warn: lots",
      "home-robot.yaml:6: policy.warn: must be a dollar amount such as 0.50, $1 or $40,000, or none, got 'lots'"
    ),
    (
      minimal + "\npolicy:\n  activity: smart",
      "home-robot.yaml:6: policy.activity: must be one of real, seed, push-to-talk, got 'smart'"
    ),
    (
      minimal.replacingOccurrences(of: "conversations_per_hour: 2", with: "conversations_per_hour: 1e9"),
      "home-robot.yaml:4: user.conversations_per_hour: 1e9 exceeds the limit 3600 per hour"
    ),
    (
      minimal + "\npolicy:\n  idle_timeout: 0s",
      "home-robot.yaml:6: policy.idle_timeout: must be at least 1s, got '0s'"
    ),
    (minimal + "\nseed: -4", "home-robot.yaml:5: seed: must be a whole number >= 0, got -4"),
    (minimal + "\nstart: 2026-13-01", "home-robot.yaml:5: start: must be a YYYY-MM-DD date, got 2026-13-01"),
    (
      minimal + "\nworld_model:\n  context_window: 0",
      "home-robot.yaml:6: world_model.context_window: must be >= 1, got 0"
    ),
    ("model: [a, b]\nhorizon: 1d", "home-robot.yaml:1: model: must be a string, got a list"),
    ("- 1\n- 2", "home-robot.yaml:1: must be a mapping, got a list"),
    (
      "model: gpt-realtime\n  horizon: 1d\n bad",
      "home-robot.yaml:2: not valid YAML: mapping values are not allowed in this context (column 10)"
    ),
    (
      "model: a\nmodel: b\nhorizon: 1d",
      "home-robot.yaml:1: not valid YAML: duplicated key 'model' in one mapping"
    ),
    ("", "home-robot.yaml: the file is empty"),
  ]

  @Test(arguments: 0..<errors.count)
  func badScenariosNameTheKeyPathAndValue(_ index: Int) {
    let (yaml, message) = Self.errors[index]
    do {
      _ = try ScenarioLoader.parse(yaml, file: "home-robot.yaml")
      Issue.record("expected an error for case \(index)")
    } catch {
      #expect(error.description.hasPrefix(message), "case \(index): \(error.description)")
    }
  }

  @Test func missingOrUnreadableFilesAreErrorsNamingThem() throws {
    #expect(
      throws: ScenarioError(
        file: "/no/such/scenario.yaml", line: nil, keyPath: "", message: "no such scenario file")
    ) {
      try ScenarioLoader.load(path: "/no/such/scenario.yaml")
    }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rtcost-sim-bin-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("latin1.yaml").path
    try Data([0x6D, 0x3A, 0x20, 0xE9, 0xFF]).write(to: URL(fileURLWithPath: path))
    #expect(throws: ScenarioError(file: path, line: nil, keyPath: "", message: "not UTF-8 text")) {
      try ScenarioLoader.load(path: path)
    }
    #expect(
      throws: ScenarioError(file: directory.path, line: nil, keyPath: "", message: "no such scenario file")
    ) {
      try ScenarioLoader.load(path: directory.path)
    }
  }

  @Test func pricesFileResolvesBesideTheScenario() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rtcost-sim-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("s.yaml").path
    try (Self.minimal + "\nprices: my-prices.yaml").write(toFile: path, atomically: true, encoding: .utf8)
    let scenario = try ScenarioLoader.load(path: path)
    #expect(scenario.pricesFile == directory.appendingPathComponent("my-prices.yaml").path)
  }
}
