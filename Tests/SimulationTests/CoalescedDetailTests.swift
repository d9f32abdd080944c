import Billing
import RealtimeEvents
import SessionGuard
import TestSupport
import Testing

@testable import Simulation

@Suite struct CoalescedDetailTests {
  static func policies() -> [(String, GuardSettings)] {
    var real = GuardSettings()
    real.idleTimeout = 300_000_000
    var seed = real
    seed.activity = .seed
    var budget = GuardSettings()
    budget.warn = Money(usd: "0.05")!
    budget.alert = Money(usd: "0.10")!
    budget.alertAction = .disconnect
    var short = GuardSettings()
    short.idleTimeout = 20_000_000
    short.checkInterval = 5_000_000
    short.activity = .seed
    return [
      ("never", GuardSettings()), ("5m real", real), ("5m seed", seed), ("alert disconnect", budget),
      ("20s seed", short),
    ]
  }

  /// Every stat but the event count is the same in both granularities, over the bundled scenarios,
  /// several seeds and policies that exercise idle disconnects (real and every-event activity) and
  /// budget disconnects.
  @Test(arguments: TestPaths.bundledScenarios)
  func coalescedChangesNothingButTheEventCount(_ name: String) throws {
    var scenario = try ScenarioLoader.load(path: TestPaths.scenario(name))
    scenario.horizon = 2 * 86_400_000_000
    for seed: UInt64 in [1, 7, 42] {
      let trace = WorldGenerator(scenario: scenario).generate(seed: seed)
      for (label, settings) in Self.policies() {
        let policy = Simulator.Policy(settings: settings)
        var full = Simulator.run(scenario: scenario, trace: trace, policy: policy, detail: .full) { _ in }
        var coalesced = Simulator.run(scenario: scenario, trace: trace, policy: policy, detail: .coalesced) {
          _ in
        }
        #expect(coalesced.events <= full.events, "\(name) seed \(seed) \(label)")
        full.events = 0
        coalesced.events = 0
        #expect(full == coalesced, "\(name) seed \(seed) \(label)")
      }
    }
  }

  /// The seed meter sums delta bytes: the coalesced stream carries the same bytes in fewer events.
  @Test func coalescedStreamCarriesTheSameAudioBytes() throws {
    var scenario = try ScenarioLoader.load(path: TestPaths.scenario("home-robot.yaml"))
    scenario.horizon = 86_400_000_000
    let trace = WorldGenerator(scenario: scenario).generate(seed: 3)
    var settings = GuardSettings()
    settings.idleTimeout = 300_000_000
    func tally(_ detail: EventDetail) -> (out: Int64, events: Int, monotonic: Bool) {
      var out: Int64 = 0
      var last: Micros = 0
      var monotonic = true
      let stats = Simulator.run(
        scenario: scenario, trace: trace, policy: .guarded(settings), detail: detail
      ) { event in
        if case .outputAudioDelta(let bytes) = event.event { out += bytes }
        if let time = event.time {
          if time < last { monotonic = false }
          last = time
        }
      }
      return (out, stats.events, monotonic)
    }
    let full = tally(.full)
    let coalesced = tally(.coalesced)
    #expect(full.out == coalesced.out)
    #expect(full.monotonic && coalesced.monotonic)
    #expect(coalesced.events * 5 < full.events)
  }
}
