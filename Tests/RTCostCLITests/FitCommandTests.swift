import Foundation
import Simulation
import TestSupport
import Testing

/// `rtcost fit` on the hand-made recording `fixtures/traffic/fit-hand-made.jsonl` (worked out in
/// fixtures/traffic/README.md), and its errors.
@Suite struct FitCommandTests {
  static let handMade = TestPaths.packageRoot.appendingPathComponent("fixtures/traffic/fit-hand-made.jsonl")
    .path

  @Test func theHandMadeRecordingFitsToItsWorkedOutScenario() async throws {
    let folder = try TestPaths.scratchFolder("fit")
    let output = folder.appendingPathComponent("hand.yaml").path
    let result = await CommandRunner.run([
      "fit", Self.handMade, "-o", output, "--minimum-samples", "1", "--format", "json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let scenario = try ScenarioLoader.load(path: output)
    #expect(scenario.name == "hand")
    #expect(scenario.model == "gpt-realtime-2025-08-28")
    #expect(scenario.startDay?.description == "2026-03-02")
    #expect(scenario.horizon == 86_400_000_000)
    // Three conversation starts in hour 9 over its 3,577.3 idle seconds (3,600 less 11.9 + 6.0 +
    // 4.8 busy): 3 / 0.993694 h = 3.019 an hour; the other hours were not observed and get it too.
    #expect(scenario.user.conversationsPerHour == DailyProfile(constant: 3.019))
    // Turns [2, 1, 1]: geometric mean 4/3 → 1.33.
    #expect(scenario.user.turns == .geometric(mean: 1.33))
    // One function call in four turns, its tool 0.8 s, 30 argument and 80 result tokens
    // (1,165 − 1,041 − 2 × 7 − 30), 3.0 s of thought between A1's playback end and A2.
    #expect(scenario.user.functionCalls.probability == 0.25)
    #expect(scenario.user.functionCalls.duration == .fixed(800_000))
    #expect(scenario.user.functionCalls.argumentsTokens == .fixed(30))
    #expect(scenario.user.functionCalls.outputTokens == .fixed(80))
    #expect(scenario.user.thinkTime == .fixed(3_000_000))
    // Utterances 2.0, 1.3, 2.3, 1.6 s: log-normal median = their geometric mean 1.7587 s → 1,759 ms.
    guard case .lognormal(let median, _) = scenario.user.utterance else {
      Issue.record("utterance fitted as \(scenario.user.utterance)")
      return
    }
    #expect(median == 1_759_000)
    // Two responses to noise over the same idle hour: 2.013 an hour.
    #expect(scenario.noise.count == 1)
    #expect(scenario.noise.first?.burstsPerHour == DailyProfile(constant: 2.013))
    // Wake words 0.4, 0.5, 0.6 s before speech: median 500 ms; no other command.
    #expect(scenario.commands.wakeWord)
    #expect(scenario.commands.wakeWordLead == 500_000)
    #expect(scenario.commands.perHour == DailyProfile(constant: 0))
    // The first response's 1,007 text tokens less one item's 7 special tokens.
    #expect(scenario.session.instructionsTokens == 1_000)
    #expect(scenario.session.toolsTokens == 0)
    #expect(result.stdout.contains("\"conversations\": 3"))
    #expect(result.stdout.contains("\"noise_responses\": 2"))
    #expect(result.stdout.contains("\"family\": \"geometric\""))
    // The file loads in simulate, forecast and plan unchanged.
    let simulate = await CommandRunner.run(["simulate", output, "--horizon", "2h", "--format", "json"])
    #expect(simulate.status == 0, "\(simulate.stderr)")
    let forecast = await CommandRunner.run(["forecast", output, "--worlds", "2", "--horizon", "1d"])
    #expect(forecast.status == 0, "\(forecast.stderr)")
    let fleet = folder.appendingPathComponent("fleet.yaml").path
    try """
    name: fitted-fleet
    month: 2026-03
    tier: 4
    budget: 100
    seed: 1
    groups:
      - name: hand
        count: 2
        scenario: hand.yaml
        utc_offset: 0
        policy: { idle_timeout: 5m, check_interval: 30s }
    """.write(toFile: fleet, atomically: true, encoding: .utf8)
    let plan = await CommandRunner.run(["plan", fleet, "--worlds", "2", "--world-days", "1"])
    #expect(plan.status == 0, "\(plan.stderr)")
  }

  @Test func tooFewObservationsKeepTheDefaultAndSaySo() async throws {
    let folder = try TestPaths.scratchFolder("fit-defaults")
    let output = folder.appendingPathComponent("hand.yaml").path
    let result = await CommandRunner.run(["fit", Self.handMade, "-o", output])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("default: 4 observations, fewer than 5"))
    #expect(result.stdout.contains("default: an always-on session has no hang-up to see"))
    let yaml = try String(contentsOfFile: output, encoding: .utf8)
    #expect(yaml.hasPrefix("# Fitted by rtcost fit from 1 recording(s), 1.0 hours observed"))
    #expect(try ScenarioLoader.load(path: output).user.utterance == UserBehaviour().utterance)
  }

  @Test func errorsNameTheFileAndLineOrOption() async throws {
    let folder = try TestPaths.scratchFolder("fit-errors")
    func write(_ name: String, _ text: String) throws -> String {
      let path = folder.appendingPathComponent(name).path
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      return path
    }
    let output = folder.appendingPathComponent("out.yaml").path
    let none = await CommandRunner.run(["fit", "-o", output])
    #expect(none.status != 0)
    #expect(none.stderr.contains("give at least one timed recording"))
    let noOutput = await CommandRunner.run(["fit", Self.handMade])
    #expect(noOutput.stderr.contains("Missing expected argument '--output <scenario.yaml>'"))
    let wrongSuffix = await CommandRunner.run([
      "fit", Self.handMade, "-o", folder.appendingPathComponent("x.json").path,
    ])
    #expect(wrongSuffix.stderr.contains("a scenario file ends in .yaml"))
    let bare = try write(
      "bare.jsonl", #"{"type":"session.created","session":{"model":"gpt-realtime"}}"# + "\n")
    let bareResult = await CommandRunner.run(["fit", bare, "-o", output])
    #expect(bareResult.status != 0)
    #expect(bareResult.stderr.contains("\(bare):1: the recording has no timestamps"))
    let noSession = try write(
      "nosession.jsonl", #"{"t":0,"dir":"local","event":{"type":"local.user_command"}}"# + "\n")
    let noSessionResult = await CommandRunner.run(["fit", noSession, "-o", output])
    #expect(noSessionResult.stderr.contains("\(noSession): no session.created event"))
    let noModel = try write(
      "nomodel.jsonl", #"{"t":0,"dir":"server","event":{"type":"session.created","session":{}}}"# + "\n")
    let noModelResult = await CommandRunner.run(["fit", noModel, "-o", output])
    #expect(noModelResult.stderr.contains("no session event names the model"))
    let quiet = try write(
      "quiet.jsonl",
      #"{"t":0,"dir":"server","event":{"type":"session.created","session":{"model":"gpt-realtime"}}}"# + "\n")
    let quietResult = await CommandRunner.run(["fit", quiet, "-o", output])
    #expect(quietResult.stderr.contains("no committed user utterance with an answer"))
    let broken = try write("broken.jsonl", "{\"t\":0,\"dir\":\"server\",\"event\":{\"type\":\n")
    let brokenResult = await CommandRunner.run(["fit", broken, "-o", output])
    #expect(brokenResult.stderr.contains("\(broken):1"))
    let missing = await CommandRunner.run([
      "fit", folder.appendingPathComponent("none.jsonl").path, "-o", output,
    ])
    #expect(missing.status != 0)
    #expect(missing.stderr.contains("none.jsonl"))
    let gap = await CommandRunner.run(["fit", Self.handMade, "-o", output, "--conversation-gap", "soon"])
    #expect(gap.stderr.contains("--conversation-gap"))
    // Nothing was written by a failed run.
    #expect(!FileManager.default.fileExists(atPath: output))
  }
}
