import Billing
import Forecast
import Foundation
import FoundationXML
import SessionGuard
import TestSupport
import Testing

@testable import RTCostCLI

/// Reports rendered from fixed per-world metrics (no simulation), compared to golden files.
@Suite struct ForecastReportTests {
  static let policies: [GuardSettings] = {
    var alerted = GuardSettings(idleTimeout: .minutes(2))
    alerted.warn = usd("0.5")
    alerted.alert = usd("1")
    var fiveMinutes = alerted
    fiveMinutes.idleTimeout = .minutes(5)
    var seed = fiveMinutes
    seed.activity = .seed
    return [GuardSettings(), alerted, fiveMinutes, seed]
  }()

  static func results() -> ForecastResults {
    let worlds = (0..<6).map { index -> ForecastResults.World in
      let base = Int64(index + 2) * 100_000_000_000  // $0.2 … $0.7 of audio input per world
      func metrics(_ fraction: Int64, delayed: [Int64], noise: Int) -> RunMetrics {
        var costs = CategoryCosts.zero
        costs.audioIn = Money(picoUSD: base * fraction / 100)
        costs.textInCached = Money(picoUSD: 1_000_000_000 * Int64(index + 1))
        costs.audioOut = Money(picoUSD: base / 2)
        return RunMetrics(
          costByCategory: costs, transcription: Money(picoUSD: 5_000_000_000), genuineTurns: 20,
          noiseBursts: 8,
          responsesGenuine: 20, responsesNoise: noise, idleDisconnects: delayed.count * 2,
          reconnects: delayed.count,
          delayedTurnLatencies: delayed, conversationsWithMemoryLost: delayed.count, warningsFired: index % 2,
          alertsFired: index % 3 == 0 ? 1 : 0,
          firstAlertAt: index % 3 == 0 ? Int64(index + 1) * 3_600_000_000 : nil,
          events: 1000,
          // Cache bounds: nothing cached costs a tenth of the world's audio more, everything cached
          // a twentieth less.
          neverCached: costs.total + Money(picoUSD: base / 10),
          alwaysCached: costs.total - Money(picoUSD: base / 20))
      }
      return .init(
        index: index,
        metrics: [
          metrics(100, delayed: [], noise: 8),
          metrics(70, delayed: [1_200_000, 900_000 + Int64(index) * 100_000], noise: 3),
          metrics(85, delayed: [1_100_000], noise: 5),
          metrics(100, delayed: [], noise: 8),
        ])
    }
    return ForecastResults(
      identity: .init(
        input: "fixed-metrics", models: ["gpt-realtime-2025-08-28"], seed: 42, horizon: 86_400_000_000,
        totalWorlds: 6,
        policies: policies, baseline: 0),
      worlds: worlds)
  }

  @Test(arguments: [ReportFormat.table, .json, .csv, .md])
  func reportMatchesGoldenFile(format: ReportFormat) async throws {
    try Golden.check(
      ForecastReport.render(Self.results(), format: format), named: "forecast-fixed.\(format.rawValue)")
  }

  @Test func tableIsSortedBySavingsAndPairsAgainstTheBaseline() async {
    let ordered = ForecastReport.ordered(Self.results())
    #expect(ordered.map(\.policy.idleTimeout) == [120_000_000, 300_000_000, nil, 300_000_000])
    // Policy 2 saves 30% of the audio input, which is 2/3.5 of the baseline's response cost.
    #expect(ordered[0].savings > ordered[1].savings)
    #expect(ordered[2].isBaseline)
  }

  @Test func htmlIsSelfContainedWithTwoCharts() async throws {
    let html = ForecastHTML.render(Self.results())
    #expect(html.components(separatedBy: "<svg ").count - 1 == 2)
    #expect(!html.contains("<script"))
    #expect(!html.contains("src=\""))
    #expect(!html.contains("href=\"http"))
    // Each chart is well-formed XML.
    for chart in html.components(separatedBy: "<svg ").dropFirst() {
      let svg = "<svg " + chart.components(separatedBy: "</svg>")[0] + "</svg>"
      let parser = XMLParser(data: Data(svg.utf8))
      #expect(parser.parse(), "SVG does not parse: \(parser.parserError.map(String.init(describing:)) ?? "")")
    }
    try Golden.check(html, named: "forecast-fixed.html")
  }

  @Test func shardFilesRoundTripExactly() async throws {
    let results = Self.results()
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rtcost-shard-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var paths: [String] = []
    for shard in 0..<3 {
      let range = ForecastResults.worldRange(shard: shard, of: 3, totalWorlds: 6)
      let part = ForecastResults(identity: results.identity, worlds: Array(results.worlds[range]))
      let path = folder.appendingPathComponent("part-\(shard).json").path
      try ForecastShardFile.encode(part, shard: "\(shard)/3").write(
        toFile: path, atomically: true, encoding: .utf8)
      paths.append(path)
    }
    let merged = try ForecastResults.merge(
      paths.map { path in
        try ForecastShardFile.decode(Array(FileManager.default.contents(atPath: path)!), path: path)
      })
    #expect(merged == results)
    let result = await CommandRunner.run(["merge"] + paths + ["--format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == ForecastReport.render(results, format: .json))

    let missing = await CommandRunner.run(["merge", paths[0], paths[2]])
    #expect(missing.status != 0)
    #expect(missing.stderr.contains("worlds missing from the parts: 2, 3"))
    #expect(missing.stdout.isEmpty)
    let garbage = folder.appendingPathComponent("garbage.json")
    try "{\"x\": 1}".write(to: garbage, atomically: true, encoding: .utf8)
    // A shard whose world lost a policy's results, and one with a negative cost: refused, named.
    let good = try String(contentsOfFile: paths[0], encoding: .utf8)
    let short = folder.appendingPathComponent("short.json")
    var object = try JSONSerialization.jsonObject(with: Data(good.utf8)) as! [String: Any]
    var inner = object["results"] as! [String: Any]
    var worlds = inner["worlds"] as! [[String: Any]]
    var metrics = worlds[0]["metrics"] as! [[String: Any]]
    metrics.removeLast()
    worlds[0]["metrics"] = metrics
    inner["worlds"] = worlds
    object["results"] = inner
    try JSONSerialization.data(withJSONObject: object).write(to: short)
    let shortResult = await CommandRunner.run(["merge", short.path])
    #expect(shortResult.status != 0)
    #expect(
      shortResult.stderr.contains("short.json: world 0: 3 results for 1 model × 4 policies"),
      "\(shortResult.stderr)")
    let negative = folder.appendingPathComponent("negative.json")
    try good.replacingOccurrences(of: "\"events\":1000", with: "\"events\":-1").write(
      to: negative, atomically: true, encoding: .utf8)
    let negativeResult = await CommandRunner.run(["merge", negative.path])
    #expect(negativeResult.status != 0)
    #expect(negativeResult.stderr.contains("negative or missing values"), "\(negativeResult.stderr)")

    let bad = await CommandRunner.run(["merge", garbage.path])
    #expect(bad.status != 0)
    #expect(bad.stderr.contains("garbage.json: not an rtcost forecast shard"))
  }
}
