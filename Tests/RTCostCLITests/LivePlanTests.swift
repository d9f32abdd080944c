import Foundation
import TestSupport
import Testing

/// `rtcost plan` on a GPT-Live fleet: its binding limit is the organisation's concurrent-session
/// cap per model (fixtures/fleets/live-robots.yaml: 400 home robots on gpt-live-1.1).
@Suite struct LivePlanTests {
  static let fleet = TestPaths.packageRoot.appendingPathComponent("fixtures/fleets/live-robots.yaml").path
  static let sampling = ["--worlds", "3", "--world-days", "2", "--months", "20", "--jobs", "2"]

  /// The fixture with its cap replaced by `cap`, in a scratch folder beside a copy of the scenario.
  static func fleet(cap: Int) throws -> String {
    let folder = try TestPaths.scratchFolder("live-plan")
    let text = try String(contentsOfFile: fleet, encoding: .utf8)
      .replacingOccurrences(of: "live_session_cap: 40", with: "live_session_cap: \(cap)")
      .replacingOccurrences(
        of: "../../scenarios/home-robot.yaml", with: TestPaths.scenario("home-robot.yaml"))
    let path = folder.appendingPathComponent("live.yaml").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func aCapBelowThePeakIsFlaggedWithTheMinuteItIsFirstExceeded() async throws {
    let result = await CommandRunner.run(["plan", Self.fleet] + Self.sampling)
    #expect(result.status == 0, "\(result.stderr)")
    let line = try #require(
      result.stdout.split(separator: "\n").first { $0.hasPrefix("GPT-Live gpt-live-1.1") })
    #expect(line.contains("cap 40 EXCEEDED first on day ") && line.contains(" UTC with "))
    let json = await CommandRunner.run(["plan", Self.fleet, "--format", "json"] + Self.sampling)
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
    let variant = (object["policies"] as! [[String: Any]])[0]
    let live = (variant["live_concurrency"] as! [[String: Any]])[0]
    #expect(live["model"] as? String == "gpt-live-1.1")
    #expect(live["cap_holds"] as? Bool == false)
    let peak = (live["peak_sessions"] as! [String: Any])["value"] as! Int
    let first = live["first_over_cap"] as! [String: Any]
    #expect((first["value"] as! Int) > 40 && peak >= (first["value"] as! Int))
    #expect((live["minutes_over_cap"] as! Int) > 0)
  }

  @Test func liveSessionsDoNotCountAgainstTheRealtimeTierNote() async throws {
    // 400 GPT-Live robots peak far above the Realtime API's ~100 concurrent sessions, but that note
    // is the Realtime API's: with a cap they hold, the tier holds too.
    let result = await CommandRunner.run(
      ["plan", try Self.fleet(cap: 100_000), "--format", "json"] + Self.sampling)
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
    let variant = (object["policies"] as! [[String: Any]])[0]
    let live = (variant["live_concurrency"] as! [[String: Any]])[0]
    #expect(((live["peak_sessions"] as! [String: Any])["value"] as! Int) > 100)
    let binding = try #require(variant["binding"] as? [String])
    #expect(!binding.contains { $0.hasPrefix("concurrent sessions") }, "\(binding)")
    // The fleet has no Realtime device: none of its sessions counts against the note.
    #expect(((variant["peak_realtime_sessions"] as! [String: Any])["value"] as! Int) == 0)
    let table = await CommandRunner.run(["plan", try Self.fleet(cap: 100_000)] + Self.sampling)
    let row = table.stdout.split(separator: "\n").first { $0.hasPrefix("Realtime sessions ") }
    #expect(row?.contains(" 0 (day 1 00:00 UTC)") == true, "\(table.stdout)")
    #expect(table.stdout.contains("tier 4 holds"))
  }

  @Test func aCapAboveThePeakHolds() async throws {
    let result = await CommandRunner.run(["plan", try Self.fleet(cap: 100_000)] + Self.sampling)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("cap 100000 holds (headroom "))
  }

  @Test func aBadCapIsOneErrorNamingTheKey() async throws {
    let result = await CommandRunner.run(["plan", try Self.fleet(cap: 0)] + Self.sampling)
    #expect(result.status != 0 && result.status < 128)
    #expect(result.stderr.contains("live_session_cap"), "\(result.stderr)")
  }
}

/// `simulate --model gpt-live-…`: the world on GPT-Live, and its recording replays to the same bill.
@Suite struct LiveSimulateTests {
  @Test func aSimulatedLiveDayReplaysToTheSameTotal() async throws {
    let folder = try TestPaths.scratchFolder("live-simulate")
    let recording = folder.appendingPathComponent("day.jsonl").path
    let simulated = await CommandRunner.run([
      "simulate", "--model", "gpt-live-1.1", "--at", "2026-11-23", "--idle-timeout", "1m", "--horizon", "1d",
      "--emit-events", recording, "--format", "json",
    ])
    #expect(simulated.status == 0, "\(simulated.stderr)")
    let replayed = await CommandRunner.run(["replay", recording, "--format", "json"])
    #expect(replayed.status == 0, "\(replayed.stderr)")
    func total(_ json: String) throws -> String {
      let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
      let files = object["files"] as? [[String: Any]]
      let costs = (files?.first ?? object)["cost_usd"] as! [String: Any]
      return "\(costs["total"]!)"
    }
    #expect(try total(simulated.stdout) == total(replayed.stdout))
    #expect(simulated.stdout.contains("\"live_session\""))
  }

  @Test func anUnknownModelIsOneError() async throws {
    let result = await CommandRunner.run(["simulate", "--model", "gpt-live-9", "--horizon", "1h"])
    #expect(result.status != 0 && result.status < 128)
    #expect(result.stderr.contains("unknown model 'gpt-live-9'"), "\(result.stderr)")
  }
}

/// `rtcost prices` shows the GPT-Live rows and one GPT-Live model's card.
@Suite struct LivePricesTests {
  @Test func theBookListsGPTLiveAndOneModelShowsItsRates() async throws {
    let book = await CommandRunner.run(["prices"])
    #expect(book.stdout.contains("GPT-Live models (billed per second of session time)"))
    #expect(book.stdout.contains("gpt-live-1.1  2026-11-20  $0.05 per minute  $0.02 per minute"))
    let one = await CommandRunner.run(["prices", "--model", "gpt-live-1.1", "--format", "json"])
    #expect(one.status == 0, "\(one.stderr)")
    #expect(one.stdout.contains("\"standby_usd_per_minute\": 0.02"))
    // Data residency: $0.05 × 1.1 = $0.055.
    let residency = await CommandRunner.run(["prices", "--model", "gpt-live-1.1", "--residency"])
    #expect(residency.stdout.contains("active: $0.055 per minute"), "\(residency.stdout)")
  }
}
