import Billing
import RealtimeEvents
import TestSupport
import Testing

@testable import Simulation

/// Properties every run must have, over the bundled scenarios, several seeds and both policies.
@Suite struct EngineInvariantTests {
  static let cases: [(String, UInt64)] = TestPaths.bundledScenarios.flatMap { file in
    [UInt64(1), 2, 3].map { (file, $0) }
  }

  @Test(arguments: 0..<cases.count)
  func runsAreConsistent(_ index: Int) throws {
    let (file, seed) = Self.cases[index]
    var scenario = try ScenarioLoader.load(path: TestPaths.scenario(file))
    scenario.horizon = 2 * 86_400_000_000
    let trace = WorldGenerator(scenario: scenario).generate(seed: seed)
    for timeout in [nil, Micros(60_000_000)] {
      var recorder = Recorder()
      let stats: EngineStats
      if let timeout {
        var engine = Engine(
          scenario: scenario, trace: trace, policy: idlePolicy(timeout: timeout, interval: 10_000_000))
        stats = engine.run { recorder.events.append($0) }
      } else {
        var engine = Engine(scenario: scenario, trace: trace, policy: NeverDisconnectPolicy())
        stats = engine.run { recorder.events.append($0) }
      }
      let label = "\(file) seed \(seed) timeout \(String(describing: timeout))"
      let times = recorder.events.map { $0.time! }
      #expect(zip(times, times.dropFirst()).allSatisfy { $0 <= $1 }, "\(label): time order")
      #expect(times.allSatisfy { $0 >= 0 && $0 <= trace.horizon }, "\(label): inside the horizon")
      #expect(stats.events == recorder.events.count, "\(label)")
      #expect(recorder.responseDone.count == stats.responses.reduce(0, +), "\(label)")
      let created = recorder.count { if case .sessionCreated = $0 { true } else { false } }
      let closed = recorder.count { if case .sessionClosed = $0 { true } else { false } }
      #expect(
        created == stats.sessions && closed == stats.sessions, "\(label): every session opens and closes")
      #expect(stats.connectedTime <= trace.horizon, "\(label)")
      #expect(stats.turnsCutOff <= stats.genuineTurns && stats.genuineTurns <= trace.userTurns, "\(label)")
      #expect(stats.noiseBurstsHeard + stats.noiseBurstsMissed <= trace.noiseBursts, "\(label)")
      #expect(stats.delays.count == stats.turnsDelayed, "\(label)")
      #expect(stats.delays.allSatisfy { $0 > 0 }, "\(label)")
      // Every usage block is internally consistent: cached ≤ input, parts add up.
      for (_, usage) in recorder.responseDone {
        let (tokens, warnings) = try usage.tokenCounts()
        #expect(warnings.isEmpty, "\(label)")
        #expect(tokens.textIn >= 0 && tokens.audioIn >= 0, "\(label)")
        #expect((usage.input?.cachedTokens ?? 0) % 64 == 0, "\(label)")
      }
      if timeout == nil {
        #expect(stats.idleDisconnects == 0, "\(label)")
      }
    }
  }
}
