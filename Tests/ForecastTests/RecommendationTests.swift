import Billing
import Forecast
import RealtimeEvents
import SessionGuard
import Testing

/// A world's run costing `dollars` of audio input, with these delays and memory losses.
private func craftedRun(dollars: Int64, delays: [Micros] = [], memoryLost: Int = 0, events: Int = 100)
  -> RunMetrics
{
  var costs = CategoryCosts.zero
  costs.audioIn = Money(picoUSD: dollars * Money.picoPerUSD)
  return RunMetrics(
    costByCategory: costs, delayedTurnLatencies: delays, conversationsWithMemoryLost: memoryLost,
    events: events)
}

/// The recommendation rules on crafted per-world metrics (no simulation), one day per world, so
/// every per-day figure is the world's own count.
@Suite struct RecommendationTests {
  static let off = GuardSettings()
  static let oneMinute = GuardSettings(idleTimeout: .minutes(1))
  static let fiveMinutes = GuardSettings(idleTimeout: .minutes(5))
  static let seedOne: GuardSettings = {
    var policy = GuardSettings(idleTimeout: .minutes(1))
    policy.activity = .seed
    return policy
  }()
  static let seedFive: GuardSettings = {
    var policy = GuardSettings(idleTimeout: .minutes(5))
    policy.activity = .seed
    return policy
  }()

  /// Four one-day worlds; `runs(world)` gives each policy's metrics in `policies` order.
  static func results(_ policies: [GuardSettings], _ runs: (Int64) -> [RunMetrics]) -> ForecastResults {
    ForecastResults(
      identity: .init(
        input: "crafted", models: ["gpt-realtime-2025-08-28"], seed: 1, horizon: .days(1), totalWorlds: 4,
        policies: policies, baseline: 0),
      worlds: (0..<4).map { .init(index: $0, metrics: runs(Int64($0))) })
  }

  /// Baseline $(10+w); 1m saves $5 in every world but delays three turns by 2.5 s; 5m saves $3 and
  /// delays one turn by 1 s. Savings are constant, so each interval is a point: 5...5 and 3...3.
  static let timeouts = results([off, oneMinute, fiveMinutes]) { w in
    [
      craftedRun(dollars: 10 + w), craftedRun(dollars: 5 + w, delays: [2_500_000, 2_500_000, 2_500_000]),
      craftedRun(dollars: 7 + w, delays: [1_000_000]),
    ]
  }

  @Test func withoutLimitsTheLargestSureSavingWins() {
    let recommendation = Recommendation(Self.timeouts, limits: DecisionLimits())
    #expect(recommendation.choice?.summary.policy == Self.oneMinute)
    #expect(recommendation.choice?.summary.savingsInterval == 5...5)
  }

  @Test func aLimitThatRulesOutTheCheapestPolicy() {
    // 1m's p95 wait is 2.5 s (all its delays are 2.5 s) > 2 s; 5m's is 1 s.
    let recommendation = Recommendation(Self.timeouts, limits: DecisionLimits(addedWaitP95: 2_000_000))
    #expect(recommendation.choice?.summary.policy == Self.fiveMinutes)
    let cheapest = recommendation.candidates.first { $0.summary.policy == Self.oneMinute }!
    #expect(!cheapest.keepsLimits)
    #expect(cheapest.broken.map(\.value) == [2.5])
  }

  @Test func perDayLimitsAreJudgedOnTheHighEndOfTheirInterval() {
    // 5m delays exactly 1 turn a day in every world: mean 1, interval 1...1, so a limit of 1 keeps
    // it. A limit of 0.99 rules out both timeouts, leaving the baseline.
    let kept = Recommendation(Self.timeouts, limits: DecisionLimits(delayedTurnsPerDay: 1))
    #expect(kept.choice?.summary.policy == Self.fiveMinutes)
    let tight = Recommendation(Self.timeouts, limits: DecisionLimits(delayedTurnsPerDay: 0.99))
    #expect(tight.choice?.summary.isBaseline == true)
  }

  @Test func theHighEndIsAboveTheMeanWhenWorldsDiffer() {
    // Memory lost 0, 1, 2, 3 in the four worlds: mean 1.5, s = √(5/3) = 1.2910, t(3) = 3.182,
    // half-width 3.182 × 1.2910 / 2 = 2.0540: the judged figure is 3.5540, so a limit of 3.5 rules
    // out a policy whose mean is well under it.
    let varied = Self.results([Self.off, Self.oneMinute]) { w in
      [craftedRun(dollars: 10), craftedRun(dollars: 5, memoryLost: Int(w))]
    }
    let recommendation = Recommendation(varied, limits: DecisionLimits(memoryLostPerDay: 3.5))
    #expect(recommendation.choice?.summary.isBaseline == true)
    let figure = recommendation.candidates[1].figures[0].value
    #expect(abs(figure - 3.5540) < 0.0005)
  }

  @Test func allPoliciesRuledOut() {
    // Every policy, the baseline too, loses one conversation's memory a day; the limit is 0.
    let losing = Self.results([Self.off, Self.oneMinute]) { w in
      [craftedRun(dollars: 10 + w, memoryLost: 1), craftedRun(dollars: 8 + w, memoryLost: 2)]
    }
    let recommendation = Recommendation(losing, limits: DecisionLimits(memoryLostPerDay: 0))
    #expect(recommendation.recommended == nil)
    #expect(recommendation.candidates.allSatisfy { !$0.keepsLimits })
  }

  @Test func aTieGoesToFewerAddedWaitsThenToLabelOrder() {
    // 1m and 5m both save exactly $4 in every world: 1m delays a turn by 3 s, 5m by 1 s.
    let byWait = Self.results([Self.off, Self.oneMinute, Self.fiveMinutes]) { w in
      [
        craftedRun(dollars: 10 + w), craftedRun(dollars: 6 + w, delays: [3_000_000]),
        craftedRun(dollars: 6 + w, delays: [1_000_000]),
      ]
    }
    #expect(Recommendation(byWait, limits: DecisionLimits()).choice?.summary.policy == Self.fiveMinutes)
    // Same saving, same wait; they differ in memory lost only, so the labels decide:
    // "timeout=1m check=30s activity=real" sorts before "timeout=5m check=30s activity=real".
    let byLabel = Self.results([Self.off, Self.fiveMinutes, Self.oneMinute]) { w in
      [
        craftedRun(dollars: 10 + w), craftedRun(dollars: 6 + w, delays: [1_000_000], memoryLost: 1),
        craftedRun(dollars: 6 + w, delays: [1_000_000]),
      ]
    }
    let recommendation = Recommendation(byLabel, limits: DecisionLimits())
    #expect(recommendation.candidates.count == 3)
    #expect(recommendation.choice?.summary.policy == Self.oneMinute)
  }

  @Test func identicalPoliciesAreOneCandidateDescribedOnce() {
    // Seed activity never disconnects: its runs equal the baseline's but for the events counted.
    let same = Self.results([Self.off, Self.seedOne, Self.seedFive, Self.oneMinute]) { w in
      [
        craftedRun(dollars: 10 + w), craftedRun(dollars: 10 + w, events: 150),
        craftedRun(dollars: 10 + w, events: 120),
        craftedRun(dollars: 6 + w, delays: [1_000_000]),
      ]
    }
    let recommendation = Recommendation(same, limits: DecisionLimits())
    #expect(recommendation.candidates.count == 2)
    let baseline = recommendation.candidates[0]
    #expect(baseline.summary.isBaseline)
    #expect(baseline.policies.members == [0, 1, 2])
    #expect(baseline.policies.othersDescription == "activity=seed, any timeout")
  }

  @Test func theFrontierDropsDominatedPolicies() {
    // 5m saves $2 for 1 s of waiting, 1m $5 for 7.5 s; 10m saves $1 for 2 s, dominated by 5m.
    let tenMinutes = GuardSettings(idleTimeout: .minutes(10))
    let grid = Self.results([Self.off, Self.oneMinute, Self.fiveMinutes, tenMinutes]) { w in
      [
        craftedRun(dollars: 10 + w), craftedRun(dollars: 5 + w, delays: [2_500_000, 2_500_000, 2_500_000]),
        craftedRun(dollars: 8 + w, delays: [1_000_000]), craftedRun(dollars: 9 + w, delays: [2_000_000]),
      ]
    }
    let recommendation = Recommendation(grid, limits: DecisionLimits())
    #expect(
      recommendation.frontier.map { recommendation.candidates[$0].summary.policy } == [
        Self.off, Self.fiveMinutes, Self.oneMinute,
      ])
  }
}
