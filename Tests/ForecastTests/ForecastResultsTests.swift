import Billing
import Foundation
import RealtimeEvents
import SessionGuard
import TestSupport
import Testing

@testable import Forecast

@Suite struct ForecastResultsTests {
  let policies: [GuardSettings] = {
    var guarded = GuardSettings(idleTimeout: .minutes(5))
    guarded.warn = usd("0.5")
    guarded.alert = usd("1")
    return [GuardSettings(), guarded]
  }()

  func identity(worlds: Int) -> ForecastResults.Identity {
    .init(
      input: "t.yaml", models: ["gpt-realtime"], seed: 7, horizon: .days(2), totalWorlds: worlds,
      policies: policies, baseline: 0)
  }

  func world(_ index: Int) -> ForecastResults.World {
    var costs = CategoryCosts.zero
    costs.audioIn = Money(picoUSD: Int64(index + 1) * 1_000_000_000_000)  // $1, $2, … per world
    var cheaper = CategoryCosts.zero
    cheaper.audioIn = Money(picoUSD: Int64(index + 1) * 800_000_000_000)  // 20% less
    return .init(
      index: index,
      metrics: [
        RunMetrics(costByCategory: costs, genuineTurns: 10),
        RunMetrics(
          costByCategory: cheaper, genuineTurns: 10, idleDisconnects: 2, delayedTurnLatencies: [1_500_000]),
      ])
  }

  @Test func shardRangesCoverEveryWorldOnce() {
    let ranges = (0..<3).map { ForecastResults.worldRange(shard: $0, of: 3, totalWorlds: 10) }
    #expect(ranges == [0..<4, 4..<7, 7..<10])
    #expect(ForecastResults.worldRange(shard: 4, of: 5, totalWorlds: 3) == 3..<3)
  }

  @Test func mergedShardsEqualTheUnshardedRun() throws {
    let whole = ForecastResults(identity: identity(worlds: 5), worlds: (0..<5).map(world))
    let parts = [
      ForecastResults(identity: identity(worlds: 5), worlds: (3..<5).map(world)),
      ForecastResults(identity: identity(worlds: 5), worlds: (0..<3).map(world)),
    ]
    let merged = try ForecastResults.merge(parts)
    #expect(merged == whole)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    #expect(try encoder.encode(merged) == encoder.encode(whole))
  }

  @Test func mergeRefusesGapsDuplicatesAndForeignParts() {
    let a = ForecastResults(identity: identity(worlds: 4), worlds: (0..<2).map(world))
    #expect(throws: ForecastMergeError.missingWorlds([2, 3])) { try ForecastResults.merge([a]) }
    #expect(throws: ForecastMergeError.duplicateWorld(0)) { try ForecastResults.merge([a, a]) }
    var other = identity(worlds: 4)
    other.seed = 8
    let b = ForecastResults(identity: other, worlds: (2..<4).map(world))
    #expect(throws: ForecastMergeError.self) { try ForecastResults.merge([a, b]) }
    #expect(throws: ForecastMergeError.noParts) { try ForecastResults.merge([]) }
  }

  @Test func summariesArePairedAgainstTheBaseline() {
    let results = ForecastResults(identity: identity(worlds: 4), worlds: (0..<4).map(world))
    let summaries = results.summaries()
    // Baseline worlds cost $1…$4 over 2 days: $0.5, $1, $1.5, $2 per device-day, mean $1.25.
    #expect(abs(summaries[0].cost.mean - 1.25) < 1e-12)
    #expect(summaries[0].savings == 0)
    // The policy saves 20% in every world: $0.1, $0.2, $0.3, $0.4 per day, mean $0.25, 20%.
    #expect(abs(summaries[1].savings - 0.25) < 1e-12)
    #expect(abs(summaries[1].savingsPercent - 20) < 1e-9)
    #expect(summaries[1].savingsInterval.contains(0.25))
    #expect(summaries[1].totalCostPico == 8_000_000_000_000)  // $0.8 + $1.6 + $2.4 + $3.2 = $8
    #expect(summaries[1].totalCostText == "8")
    #expect(summaries[1].idleDisconnects == 1)  // 2 per world over 2 days
    #expect(summaries[1].latencyP50 == 1.5)
    #expect(summaries[1].isBaseline == false)
    #expect(summaries[0].isBaseline)
  }

  @Test func parallelWorldsReturnResultsInOrderAtAnyJobCount() throws {
    let one = try ParallelWorlds.map(0..<50, jobs: 1) { $0 * $0 }
    let four = try ParallelWorlds.map(0..<50, jobs: 4) { $0 * $0 }
    #expect(one == four)
    #expect(one[7] == 49)
    struct Boom: Error {}
    #expect(throws: Boom.self) { try ParallelWorlds.map(0..<10, jobs: 2) { if $0 == 5 { throw Boom() } } }
  }

  @Test func durationsParseAndFormat() {
    #expect(DurationText.parse("30s") == 30_000_000)
    #expect(DurationText.parse("5m") == 300_000_000)
    #expect(DurationText.parse("250ms") == 250_000)
    #expect(DurationText.parse("1.5h") == 5_400_000_000)
    #expect(DurationText.parse("7d") == 604_800_000_000)
    #expect(DurationText.parse("5") == nil)
    #expect(DurationText.parse("-5s") == nil)
    #expect(DurationText.parse("m") == nil)
    #expect(DurationText.format(300_000_000) == "5m")
    #expect(DurationText.format(90_000_000) == "90s")
    #expect(policies[1].gridLabel == "timeout=5m check=30s activity=real warn=$0.5 alert=$1 action=log")
    #expect(policies[0].gridLabel == "timeout=off activity=real")
  }
}
