import Foundation
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

  @Test func outputIsIdenticalAtAnyJobCount() throws {
    let one = try CommandRunner.run(Self.small + ["--format", "json", "--jobs", "1"])
    let two = try CommandRunner.run(Self.small + ["--format", "json", "--jobs", "2"])
    #expect(one.status == 0, "\(one.stderr)")
    #expect(one.stdout == two.stdout)
    let object = try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as! [String: Any]
    let policies = object["policies"] as! [[String: Any]]
    // off (activity does not matter without a timeout) + 2 timeouts × 2 classifiers.
    #expect(policies.count == 5)
    #expect(object["worlds"] as? Int == 4)
    #expect(policies.contains { $0["baseline"] as? Bool == true && $0["idle_timeout"] is NSNull })
  }

  @Test func shardedAndMergedIsIdenticalToUnsharded() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let whole = try CommandRunner.run(Self.small + ["--format", "json"])
    var parts: [String] = []
    for shard in 0..<3 {
      let path = folder.appendingPathComponent("part-\(shard).json").path
      let result = try CommandRunner.run(Self.small + ["--shard", "\(shard)/3", "--out", path])
      #expect(result.status == 0, "\(result.stderr)")
      #expect(result.stdout.isEmpty)
      parts.append(path)
    }
    let merged = try CommandRunner.run(["merge"] + parts.reversed() + ["--format", "json"])
    #expect(merged.status == 0, "\(merged.stderr)")
    #expect(merged.stdout == whole.stdout)
  }

  @Test func htmlReportHasThreeCharts() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let html = folder.appendingPathComponent("report.html").path
    let result = try CommandRunner.run(Self.small + ["--html", html])
    #expect(result.status == 0, "\(result.stderr)")
    let page = try String(contentsOfFile: html, encoding: .utf8)
    #expect(page.components(separatedBy: "<svg ").count - 1 == 3)
    #expect(result.stdout.contains("(baseline)"))
  }

  @Test(arguments: [
    (["--idle-timeouts", "off,5 minutes"], "--idle-timeouts: '5 minutes' is not a valid value"),
    (["--activity", "sometimes"], "--activity: 'sometimes' is not a valid value"),
    (["--warn=-1"], "--warn: '-1' is not a valid value"),
    (["--baseline", "7m"], "--baseline 7m is not one of --idle-timeouts"),
    (["--shard", "0/2"], "--shard needs --out"),
    (["--shard", "2/2", "--out", "/tmp/x.json"], "--shard must be i/n"),
    (["--worlds", "0"], "--worlds must be between 1 and 1000000"),
    (["--worlds", "9223372036854775807"], "--worlds must be between 1 and 1000000"),
    (["--idle-timeouts", "off,0s"], "--idle-timeouts: '0s' is not a valid value"),
    (["--horizon", "forever"], "--horizon: 'forever' is not a positive duration"),
  ])
  func badOptionsAreOneClearError(arguments: [String], message: String) throws {
    let result = try CommandRunner.run(
      ["forecast", "scenarios/home-robot.yaml", "--worlds", "1"] + arguments)
    #expect(result.status != 0)
    #expect(result.stderr.contains(message), "\(result.stderr)")
    #expect(result.stdout.isEmpty)
  }

  @Test func aMissingScenarioLeavesNoOutputFile() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = folder.appendingPathComponent("report.json").path
    let result = try CommandRunner.run(["forecast", "no-such.yaml", "--output", output])
    #expect(result.status != 0)
    #expect(result.stderr.contains("no-such.yaml"))
    #expect(!FileManager.default.fileExists(atPath: output))
  }
}

/// A timed recording as forecast input: one world, its turns re-simulated under every policy.
@Suite struct ForecastRecordingInputTests {
  @Test func aRecordingIsOneWorldReSimulatedUnderEveryPolicy() throws {
    let arguments = [
      "forecast", "fixtures/recordings/always-streaming-mic.jsonl", "--idle-timeouts", "off,30s,60s",
      "--activity", "real", "--alert-action", "log", "--format", "json",
    ]
    let result = try CommandRunner.run(arguments)
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
    #expect(try CommandRunner.run(arguments).stdout == result.stdout)
  }

  @Test func aRecordingWithoutTimestampsIsRefused() throws {
    let result = try CommandRunner.run(["forecast", "fixtures/recordings/beta-bare-g711.jsonl"])
    #expect(result.status != 0)
    #expect(result.stderr.contains("this recording has no timestamps"), "\(result.stderr)")
    #expect(result.stdout.isEmpty)
  }
}
