import Foundation
import TestSupport
import Testing

/// Issue 11 item 14: a duration past the parser's limit says what the limit is; text that is not
/// a duration keeps its own message.
@Suite struct DurationLimitTests {
  @Test func aHorizonPastOneHundredDaysNamesTheLimit() async {
    let result = await CommandRunner.run(["simulate", "--horizon", "365d"])
    #expect(result.status == 64)
    #expect(
      result.stderr.split(separator: "\n").first.map(String.init)
        == "Error: The value '365d' is invalid for '--horizon <duration>': must be at most 100d, got '365d'")
  }

  @Test func aHorizonWithinTheLimitMeetsTheWorldLimit() async {
    let result = await CommandRunner.run(["simulate", "--horizon", "100d"])
    #expect(result.status == 1)
    #expect(
      result.stderr
        == "Error: --horizon 100d: one simulated world is at most 30d (it runs every event on one core): "
        + "shorten --horizon, or give --allow-long-run\n")
  }

  @Test func textThatIsNotADurationKeepsItsMessage() async {
    let result = await CommandRunner.run(["simulate", "--horizon", "365days"])
    #expect(result.status == 64)
    #expect(
      result.stderr.split(separator: "\n").first.map(String.init)
        == "Error: The value '365days' is invalid for '--horizon <duration>': must be a duration such as 30s, "
        + "5m, 2h, 7d or 250ms, got '365days'")
  }

  @Test func aScenarioDurationPastTheLimitNamesItsLineAndTheLimit() async throws {
    let folder = try TestPaths.scratchFolder("duration-limit")
    defer { try? FileManager.default.removeItem(at: folder) }
    let original = try String(contentsOfFile: TestPaths.scenario("home-robot.yaml"), encoding: .utf8)
    let scenario = folder.appendingPathComponent("year.yaml")
    let text = original.replacingOccurrences(of: "horizon: 7d ", with: "horizon: 365d")
    #expect(text != original)
    try text.write(to: scenario, atomically: true, encoding: .utf8)
    let result = await CommandRunner.run(["simulate", scenario.path])
    #expect(result.status == 1)
    // The scenario loader names the file by its name, as every scenario error does.
    #expect(result.stderr == "Error: year.yaml:7: horizon: must be at most 100d, got 365d\n")
  }
}
