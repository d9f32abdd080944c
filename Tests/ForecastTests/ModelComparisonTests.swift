import Billing
import Forecast
import SessionGuard
import Simulation
import TestSupport
import Testing

/// `forecast --models`: every (model × policy) on the same worlds, savings paired against the
/// baseline policy on the first model.
@Suite struct ModelComparisonTests {
  static func scenario() throws -> Scenario {
    var scenario = try ScenarioLoader.load(path: TestPaths.scenario("home-robot.yaml"))
    scenario.startDay = CalendarDay(year: 2026, month: 11, day: 23)
    scenario.horizon = .days(1)
    return scenario
  }

  static func forecast(_ names: [String], policies: [GuardSettings]) throws -> ScenarioForecast {
    let scenario = try scenario()
    let models = try names.map { name in
      ScenarioForecast.Model(name: name, cards: try scenario.priceCards(of: name, over: .bundled))
    }
    return ScenarioForecast(
      scenario: scenario, input: "home-robot.yaml", models: models, policies: policies, baseline: 0,
      worlds: 4,
      seed: 42)
  }

  static let policies = [
    GuardSettings(), GuardSettings(idleTimeout: .minutes(1), checkInterval: .seconds(15)),
  ]

  @Test func theFirstModelsRowsAreTheSameAsItsOwnForecast() throws {
    let alone = try Self.forecast(["gpt-realtime-2"], policies: Self.policies).run(jobs: 2)
    let compared = try Self.forecast(["gpt-realtime-2", "gpt-live-1.1"], policies: Self.policies).run(jobs: 2)
    #expect(compared.identity.models == ["gpt-realtime-2", "gpt-live-1.1"])
    for (one, both) in zip(alone.worlds, compared.worlds) {
      #expect(both.metrics.count == 4)
      #expect(Array(both.metrics.prefix(2)) == one.metrics)
    }
  }

  @Test func savingsArePairedAgainstTheFirstModelsBaseline() throws {
    let results = try Self.forecast(["gpt-realtime-2", "gpt-live-1.1"], policies: Self.policies).run(jobs: 2)
    let summaries = results.summaries()
    #expect(summaries.map(\.model) == ["gpt-realtime-2", "gpt-realtime-2", "gpt-live-1.1", "gpt-live-1.1"])
    #expect(summaries.map(\.isBaseline) == [true, false, false, false])
    #expect(summaries[2].label == "gpt-live-1.1 · timeout=off activity=real")
    // A Live robot that never hangs up is billed the whole day but the 1 s reconnects after each of
    // the 23 hourly session-limit closes: (86,400 − 23) s × $0.05 / 60 s = $71.980833…, plus the
    // backend tokens of its tool calls.
    let session = summaries[2].costByCategory.first { $0.category == "live_session" }?.usd ?? 0
    #expect(abs(session - 86_377.0 / 1_200) < 1e-9)
    #expect(summaries[2].cost.mean > 72)
    #expect(summaries[2].savings < 0)
    // With a 1-minute timeout the Live robot pays for little more than its conversations.
    #expect(summaries[3].cost.mean < summaries[2].cost.mean / 5)
    #expect(summaries[3].liveSessionHours > 0 && summaries[3].liveSessionHours < 24)
    // The paired saving of each row is the mean of the per-world differences.
    let days = 1.0
    let perWorld = results.worlds.map {
      (Double($0.metrics[0].total.picoUSD) - Double($0.metrics[3].total.picoUSD)) / 1e12 / days
    }
    #expect(abs(summaries[3].savings - perWorld.reduce(0, +) / Double(perWorld.count)) < 1e-9)
  }

  @Test func theOutputDoesNotDependOnTheThreads() throws {
    let forecast = try Self.forecast(["gpt-live-1.1", "gpt-realtime-2.1-mini"], policies: Self.policies)
    #expect(try forecast.run(jobs: 1) == forecast.run(jobs: 3))
  }
}
