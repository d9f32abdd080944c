import Billing
import Foundation
import RealtimeEvents
import SessionGuard
import TestSupport
import Testing

@testable import Simulation

/// Scenario files can be written, not only read: every scenario the project ships loads back equal.
@Suite struct ScenarioWriterTests {
  static let files: [String] =
    TestPaths.bundledScenarios.map(TestPaths.scenario)
    + ["fit-roundtrip.yaml", "ambient-room.yaml", "utterance-daily.yaml"].map {
      TestPaths.packageRoot.appendingPathComponent("fixtures/scenarios").appendingPathComponent($0).path
    }

  @Test(arguments: files) func aScenarioLoadsBackUnchanged(_ path: String) throws {
    let scenario = try ScenarioLoader.load(path: path)
    let folder = (path as NSString).deletingLastPathComponent
    let yaml = try ScenarioWriter.yaml(scenario, baseDirectory: folder)
    let again = try ScenarioLoader.parse(yaml, file: "written.yaml", baseDirectory: folder)
    #expect(again == scenario)
    // Writing is stable: the written file writes itself again byte for byte.
    #expect(try ScenarioWriter.yaml(again, baseDirectory: folder) == yaml)
  }

  @Test func everyValueKindRoundTrips() throws {
    var scenario = Scenario(
      name: "every \"kind\"\n", model: "gpt-realtime-mini", startDay: CalendarDay("2026-07-01"),
      horizon: .hours(36), seed: 18_446_744_073_709_551_615)
    scenario.pricesFile = "/tmp/prices.json"
    scenario.session.lifecycle = .perConversation
    scenario.session.inputAudioFormat = .g711Ulaw
    scenario.session.outputAudioFormat = .g711Alaw
    scenario.session.transcriptionModel = "gpt-4o-transcribe"
    scenario.session.vadThreshold = 0.35
    scenario.session.idleTimeout = .milliseconds(8_000)
    scenario.session.truncation = .retentionRatio(0.8)
    scenario.session.reconnectLatency = .exponential(mean: 1_234_567)
    scenario.user.conversationsPerHour = DailyProfile(perHour: (0..<24).map { Double($0) / 3 })
    scenario.user.turns = .fixed(2)
    scenario.user.utterance = .uniform(min: 1_000, max: 9_000_001)
    scenario.user.responseTextTokens = .empirical([1, 2.5, 1e-7])
    scenario.user.functionCalls.probability = 0.123456789
    scenario.noise = [NoiseSource(name: "tv", burstsPerHour: DailyProfile(constant: 2.5))]
    scenario.commands.perHour = DailyProfile(constant: 0.25)
    scenario.commands.wakeWord = true
    scenario.policy = GuardSettings(
      mode: .seed, idleTimeout: .minutes(3), checkInterval: .seconds(15), activity: .pushToTalk,
      thresholds: [
        .init(window: .session, level: .warning, amount: Money(usd: "0.25")!),
        .init(window: .day, level: .alert, amount: Money(usd: "10")!),
      ], alertAction: .disconnect, dailyBudget: Money(usd: "40"))
    scenario.worldModel.specialTokensPerItem = 5
    scenario.worldModel.cacheLifetime = .minutes(10)
    scenario.worldModel.assistantTranscriptInContext = false
    scenario.worldModel.maxConsecutiveReprompts = 3
    scenario.worldModel.cache.missAfterBargeIn = 0.1
    scenario.worldModel.cache.minimumInput = 1_024
    scenario.worldModel.cache.warmAcrossReconnects = false
    let yaml = try ScenarioWriter.yaml(scenario)
    #expect(try ScenarioLoader.parse(yaml) == scenario)
    #expect(yaml.contains("idle_timeout_ms: 8000"))
    #expect(yaml.contains("warn: {session: 0.25}"))
  }

  @Test func aProfileWithACommentHasOneComment() throws {
    var scenario = Scenario(name: "profile", model: "gpt-realtime", horizon: .hours(24), seed: 1)
    scenario.user.conversationsPerHour = DailyProfile(perHour: (0..<24).map { Double($0) })
    let yaml = try ScenarioWriter.yaml(
      scenario,
      comments: ScenarioWriter.Comments(byKeyPath: ["user.conversations_per_hour": "estimated, n=38"]))
    let line = try #require(yaml.split(separator: "\n").first { $0.contains("conversations_per_hour:") })
    #expect(line.hasSuffix("   # hours 0-23; estimated, n=38"), "\(line)")
    #expect(line.components(separatedBy: "#").count == 2)
    #expect(try ScenarioLoader.parse(yaml) == scenario)
  }

  @Test func whatTheFormatCannotSayIsAnErrorNamingTheKey() {
    var scenario = Scenario(name: "x", model: "gpt-realtime", horizon: .days(1), seed: 1)
    scenario.user.thinkTime = .lognormal(median: 1_500_000.5, p95: 3_000_000)
    #expect(
      throws: ScenarioWriteError("user.think_time", "1500000.5 µs is not a whole number of microseconds")
    ) {
      try ScenarioWriter.yaml(scenario)
    }
    scenario.user.thinkTime = .fixed(1_000)
    scenario.policy.alertCheckInterval = .seconds(20)
    #expect {
      try ScenarioWriter.yaml(scenario)
    } throws: { error in
      (error as? ScenarioWriteError)?.keyPath == "policy"
    }
    scenario.policy = GuardSettings()
    scenario.session.instructionsTokens = 20_000
    #expect {
      try ScenarioWriter.yaml(scenario)
    } throws: { error in
      "\(error)".contains("session.instructions_tokens: must be <= 16384")
    }
  }
}
