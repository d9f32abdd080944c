import Foundation
import TestSupport
import Testing

/// `rtcost forecast` end to end on a small grid (the bundled home-robot scenario, one day).
@Suite(.serialized) struct ForecastCommandTests {
  static let small = [
    "forecast", "scenarios/home-robot.yaml", "--horizon", "1d", "--worlds", "4", "--idle-timeouts",
    "off,2m,5m",
    "--activity", "real,seed", "--alert-action", "log",
  ]

  func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rtcost-forecast-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  @Test func outputIsIdenticalAtAnyJobCount() async throws {
    let one = await CommandRunner.run(Self.small + ["--format", "json", "--jobs", "1"])
    let two = await CommandRunner.run(Self.small + ["--format", "json", "--jobs", "2"])
    #expect(one.status == 0, "\(one.stderr)")
    #expect(one.stdout == two.stdout)
    let object = try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as! [String: Any]
    let policies = object["policies"] as! [[String: Any]]
    // off (activity does not matter without a timeout) + 2 timeouts × 2 classifiers.
    #expect(policies.count == 5)
    #expect(object["worlds"] as? Int == 4)
    #expect(policies.contains { $0["baseline"] as? Bool == true && $0["idle_timeout"] is NSNull })
  }

  @Test func shardedAndMergedIsIdenticalToUnsharded() async throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let whole = await CommandRunner.run(Self.small + ["--format", "json"])
    var parts: [String] = []
    for shard in 0..<3 {
      let path = folder.appendingPathComponent("part-\(shard).json").path
      let result = await CommandRunner.run(Self.small + ["--shard", "\(shard)/3", "--out", path])
      #expect(result.status == 0, "\(result.stderr)")
      #expect(result.stdout.isEmpty)
      parts.append(path)
    }
    let merged = await CommandRunner.run(["merge"] + parts.reversed() + ["--format", "json"])
    #expect(merged.status == 0, "\(merged.stderr)")
    #expect(merged.stdout == whole.stdout)
  }

  @Test func htmlReportLeadsWithTheAnswerThenTwoCharts() async throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let html = folder.appendingPathComponent("report.html").path
    let result = await CommandRunner.run(Self.small + ["--html", html])
    #expect(result.status == 0, "\(result.stderr)")
    let page = try String(contentsOfFile: html, encoding: .utf8)
    // The frontier and cost by category; the tornado needs --sensitivity.
    #expect(page.components(separatedBy: "<svg ").count - 1 == 2)
    #expect(page.contains("<p id=\"answer\">"))
    #expect(page.contains("Run with <code>--sensitivity</code>"))
    #expect(result.stdout.contains("(baseline)"))
  }

  @Test(arguments: [
    (
      ["--idle-timeouts", "off,5 minutes"],
      "'off,5 minutes' is invalid for '--idle-timeouts <list>': must be a duration such as 30s"
    ),
    (
      ["--activity", "sometimes"], "'sometimes' is invalid for '--activity <list>': must be one of real, seed"
    ),
    (["--warn=-1"], "'-1' is invalid for '--warn <list>': must be a dollar amount"),
    (["--warn", "-1"], "'-1' is invalid for '--warn <list>': must be a dollar amount"),
    (["--baseline", "7m"], "the baseline timeout 7m is not one of the grid's idle timeouts"),
    (["--shard", "0/2"], "--shard needs --out"),
    (["--shard", "2/2", "--out", "/tmp/x.json"], "'2/2' is invalid for '--shard <i/n>': must be i/n"),
    (["--worlds", "0"], "--worlds must be between 1 and 1000000"),
    (["--worlds", "9223372036854775807"], "--worlds must be between 1 and 1000000"),
    (["--idle-timeouts", "off,0s"], "'off,0s' is invalid for '--idle-timeouts <list>': must be at least 1s"),
    (["--horizon", "forever"], "'forever' is invalid for '--horizon <duration>': must be a duration"),
    (["--jobs", "1000"], "--jobs must be between 1 and 64"),
  ])
  func badOptionsAreOneClearError(arguments: [String], message: String) async throws {
    let result = await CommandRunner.run(
      ["forecast", "scenarios/home-robot.yaml", "--worlds", "1"] + arguments)
    #expect(result.status != 0)
    #expect(result.stderr.contains(message), "\(result.stderr)")
    #expect(result.stdout.isEmpty)
  }

  @Test func aMissingScenarioLeavesNoOutputFile() async throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = folder.appendingPathComponent("report.json").path
    let result = await CommandRunner.run(["forecast", "no-such.yaml", "--output", output])
    #expect(result.status != 0)
    #expect(result.stderr.contains("no-such.yaml"))
    #expect(!FileManager.default.fileExists(atPath: output))
  }
}

/// A timed recording as forecast input: one world, its turns re-simulated under every policy.
@Suite struct ForecastRecordingInputTests {
  @Test func aRecordingIsOneWorldReSimulatedUnderEveryPolicy() async throws {
    let arguments = [
      "forecast", "fixtures/recordings/always-streaming-mic.jsonl", "--idle-timeouts", "off,30s,60s",
      "--activity", "real", "--alert-action", "log", "--format", "json",
    ]
    let result = await CommandRunner.run(arguments)
    #expect(result.status == 0, "\(result.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
    #expect(object["worlds"] as? Int == 1)
    #expect(object["model"] as? String == "gpt-realtime-2025-08-28")
    let policies = object["policies"] as! [[String: Any]]
    #expect(policies.count == 3)
    // The recording's two user turns are answered under every policy.
    for policy in policies {
      let perDay = policy["per_device_day"] as! [String: NSNumber]
      #expect(perDay["responses_genuine"]!.doubleValue > 0)
    }
    // A 30 s timeout closes the session between the two turns (the stream is silent for ~72 s).
    let thirty = policies.first { $0["idle_timeout"] as? String == "30s" }!
    #expect((thirty["per_device_day"] as! [String: NSNumber])["idle_disconnects"]!.doubleValue > 0)
    #expect(await CommandRunner.run(arguments).stdout == result.stdout)
  }

  /// The usd total of a command's CSV output (the exact decimal text), in the row `where`.
  static func total(_ arguments: [String], column: String, where predicate: ([String: String]) -> Bool)
    async throws -> Decimal?
  {
    let result = await CommandRunner.run(arguments + ["--format", "csv"])
    #expect(result.status == 0, "\(arguments): \(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    else { return nil }
    for line in lines.dropFirst() {
      // The labels hold no commas in these files' rows; the CSVFormatTests check the quoting.
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      let row = Dictionary(uniqueKeysWithValues: zip(header, fields).map { ($0, $1) })
      if predicate(row) { return row[column].flatMap { Decimal(string: $0) } }
    }
    return nil
  }

  /// Every recording replay accepts: forecast's baseline (the recorded policy) bills exactly what
  /// replay bills, to the picodollar (typed turns, tool answers, barge-ins, transcription included).
  @Test(arguments: [
    "always-streaming-mic.jsonl", "barge-in.jsonl", "beta-alias-october-2024.jsonl", "beta-bare-g711.jsonl",
    "bounds-cached-split.jsonl", "bounds-details-below-totals.jsonl", "bounds-missing-usage.jsonl",
    "function-call.jsonl", "ga-timed-pcm16.jsonl", "local-audio.jsonl", "transcription.jsonl",
  ])
  func theBaselineBillsWhatReplayBills(_ name: String) async throws {
    let path = TestPaths.fixture(name)
    let billed = try await Self.total(["replay", path], column: "usd_total") { _ in true }
    let forecast = try await Self.total(
      ["forecast", path, "--idle-timeouts", "off,30s", "--activity", "real", "--alert-action", "log"],
      column: "total_cost_usd"
    ) { $0["baseline"] == "true" }
    #expect(billed != nil)
    #expect(forecast == billed, "\(name)")
  }

  @Test func theRealCapturesForecastAtTheirBill() async throws {
    guard TestPaths.hasRealData else { return }
    for file in TestPaths.realDataFiles("streams") where file.lastPathComponent.hasPrefix("banyan") {
      let billed = try await Self.total(["replay", file.path], column: "usd_total") { _ in true }
      let forecast = try await Self.total(
        ["forecast", file.path, "--idle-timeouts", "off,1m"], column: "total_cost_usd"
      ) { $0["baseline"] == "true" }
      #expect(billed != nil && forecast == billed, "\(file.lastPathComponent)")
    }
  }

  /// ga-timed-pcm16.jsonl spans 1.3 s; with the minute after it, 61.3 s scale to a day by
  /// 86,400 / 61.3 = 1409.46: the header says so.
  @Test func theHeaderSaysHowTheDayIsScaled() async throws {
    let result = await CommandRunner.run(["forecast", TestPaths.fixture("ga-timed-pcm16.jsonl")])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout.contains("; per-day figures scaled ×1409.46 from 61300ms simulated to a 24 h device-day"),
      "\(result.stdout)")
  }

  @Test func aGPTLiveRecordingIsRefusedWithTheReason() async throws {
    let path = TestPaths.fixture("live-idle-robot.jsonl")
    let result = await CommandRunner.run(["forecast", path])
    #expect(result.status == 1)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("is not billed by tokens (a GPT-Live recording)"), "\(result.stderr)")
  }

  @Test func aHorizonUnderADayIsRefused() async throws {
    let result = await CommandRunner.run(["forecast", "--horizon", "1h"])
    #expect(result.status == 64)
    #expect(
      result.stderr.contains(
        "--horizon: per-day figures need at least one simulated day (activity varies by the hour), got 1h"),
      "\(result.stderr)")
    #expect(result.stdout.isEmpty)
  }
}
