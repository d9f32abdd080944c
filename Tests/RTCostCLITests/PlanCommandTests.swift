import Foundation
import TestSupport
import Testing

@testable import RTCostCLI

/// `rtcost plan` end to end on a small fleet of the bundled scenarios.
@Suite(.serialized) struct PlanCommandTests {
  static let folder: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("rtcost-plan-\(getpid())")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }()

  /// A 7-device fleet over the bundled scenarios, with a one-point grid.
  static func fleet() throws -> String {
    let scenarios = TestPaths.packageRoot.appendingPathComponent("scenarios").path
    let text = """
      name: small
      month: 2026-02
      tier: 2
      budget: 100
      seed: 5
      groups:
        - { name: robots, count: 4, scenario: \(scenarios)/home-robot.yaml, utc_offset: -5 }
        - { name: kiosks, count: 3, scenario: \(scenarios)/kiosk-push-to-talk.yaml, utc_offset: 1,
            policy: { idle_timeout: 1m, warn: 1, alert: 2 } }
      grid:
        idle_timeout: [off]
      """
    let path = folder.appendingPathComponent("small.yaml").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  static let sampling = ["--worlds", "2", "--world-days", "1", "--months", "30", "--format", "json"]

  static func plan(_ arguments: [String]) throws -> String {
    let output = folder.appendingPathComponent("out-\(UUID().uuidString).txt").path
    var command = try PlanCommand.parse(arguments + ["--output", output])
    try command.validate()
    try command.run()
    return try String(contentsOfFile: output, encoding: .utf8)
  }

  @Test func jsonIsIdenticalForOneAndTwoJobs() throws {
    let fleet = try Self.fleet()
    let one = try Self.plan([fleet, "--jobs", "1"] + Self.sampling)
    let two = try Self.plan([fleet, "--jobs", "2"] + Self.sampling)
    #expect(one == two)
    #expect(one.contains("\"fleet\": \"small\""))
    #expect(one.contains("\"policy\": \"timeout=off\""))
  }

  @Test func shardsMergeToTheUnshardedReport() throws {
    let fleet = try Self.fleet()
    let whole = try Self.plan([fleet, "--jobs", "2"] + Self.sampling)
    var parts: [String] = []
    for index in 0..<3 {
      let part = Self.folder.appendingPathComponent("part-\(index).json").path
      var command = try PlanCommand.parse(
        [fleet, "--shard", "\(index)/3", "--out", part] + Self.sampling)
      try command.validate()
      try command.run()
      parts.append(part)
    }
    let merged = try Self.plan(["--merge"] + parts.reversed() + ["--format", "json"])
    #expect(merged == whole)
    // A missing shard is refused by name.
    #expect(throws: CLIError.self) { _ = try Self.plan(["--merge", parts[0], parts[2], "--format", "json"]) }
  }

  @Test func exactModeShardsMergeToTheUnshardedReport() throws {
    let scenarios = TestPaths.packageRoot.appendingPathComponent("scenarios").path
    let path = Self.folder.appendingPathComponent("exact.yaml").path
    try """
    month: 2026-02
    tier: 1
    budget: 5
    groups:
      - { name: kiosks, count: 2, scenario: \(scenarios)/kiosk-push-to-talk.yaml }
    """.write(toFile: path, atomically: true, encoding: .utf8)
    let whole = try Self.plan([path, "--exact", "--format", "json"])
    #expect(whole.contains("\"exact\": true") && whole.contains("\"months\": 1,"))
    var parts: [String] = []
    for index in 0..<2 {
      let part = Self.folder.appendingPathComponent("exact-\(index).json").path
      var command = try PlanCommand.parse([path, "--exact", "--shard", "\(index)/2", "--out", part])
      try command.validate()
      try command.run()
      parts.append(part)
    }
    #expect(try Self.plan(["--merge"] + parts + ["--format", "json"]) == whole)
  }

  @Test func htmlAndTextFormatsRender() throws {
    let fleet = try Self.fleet()
    let html = Self.folder.appendingPathComponent("plan.html").path
    let base = [fleet, "--worlds", "2", "--world-days", "1", "--months", "20"]
    let table = try Self.plan(base + ["--html", html])
    #expect(table.contains("lowest tier whose rate limits hold:") && table.contains("policy grid"))
    let page = try String(contentsOfFile: html, encoding: .utf8)
    // Three charts (budget, concurrent sessions, tokens per minute) per policy variant: 2 variants → 6 SVGs.
    #expect(page.components(separatedBy: "<svg").count - 1 == 6)
    let csv = try Self.plan(base + ["--format", "csv"])
    // A header, then per variant one total row and one row per group: 1 + 2 × (1 + 2) = 7 lines.
    #expect(csv.split(separator: "\n").count == 7)
    #expect(try Self.plan(base + ["--format", "md"]).hasPrefix("# rtcost plan"))
  }

  @Test func aBadFleetFileNamesTheKeyAndWritesNothing() throws {
    let path = Self.folder.appendingPathComponent("bad.yaml").path
    try "month: 2026-02\ntier: 9\nbudget: 1\ngroups: []\n".write(
      toFile: path, atomically: true, encoding: .utf8)
    let output = Self.folder.appendingPathComponent("never.txt").path
    var command = try PlanCommand.parse([path, "--output", output])
    #expect(throws: CLIError("bad.yaml:2: tier: must be between 1 and 5, got 9")) { try command.run() }
    #expect(!FileManager.default.fileExists(atPath: output))
  }

  @Test func optionsAreValidated() throws {
    #expect(throws: (any Error).self) {
      try PlanCommand.parse(["fleet.yaml", "--shard", "2/2", "--out", "x"]).validate()
    }
    #expect(throws: (any Error).self) { try PlanCommand.parse(["fleet.yaml", "--shard", "0/2"]).validate() }
    #expect(throws: (any Error).self) { try PlanCommand.parse(["--merge"]).validate() }
  }
}
