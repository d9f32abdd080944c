import Billing
import Foundation
import RealtimeEvents
import TestSupport
import Testing

@testable import Simulation

/// The fitting round trip (issue 15): simulate a scenario with known parameters, emit a day of its
/// events, fit them, and find the parameters again within stated tolerances, over several seeds.
///
/// Tolerances are three standard errors of each estimate given the sample the fit saw (so a correct
/// fitter fails about once in 370 checks by chance): for a log-normal's median exp(±3σ/√n), for its
/// 95th percentile exp(±3σ·√((1 + 1.645²/2)/n)); for a probability ±3·√(p(1−p)/n); for a daily
/// count of Poisson events ±3·√(expected count); for a geometric mean ±3·√(m(m−1)/n). Exact values
/// (the prompt, the session settings, the wake word's lead) must come back exactly.
@Suite struct FitRoundTripTests {
  static let scenarioPath = TestPaths.packageRoot.appendingPathComponent(
    "fixtures/scenarios/fit-roundtrip.yaml"
  )
  .path
  static let seeds: [UInt64] = [11, 12, 13]

  /// One simulated day of each seed (one recording each), fitted together.
  static func fitted(seeds: [UInt64]) throws -> (truth: Scenario, fit: ScenarioFit) {
    let truth = try ScenarioLoader.load(path: scenarioPath)
    var fitter = ScenarioFitter(options: .init(name: "fitted"))
    for seed in seeds {
      var events: [TimedEvent] = []
      _ = try WorldSimulation(scenario: truth, seed: seed, cards: try truth.priceCards(over: .bundled)).run(
        detail: .full
      ) { events.append($0) }
      try fitter.add(EventArraySource(events, name: "day-\(seed).jsonl"))
    }
    return (truth, try fitter.fit())
  }

  static func fitted(seed: UInt64) throws -> (truth: Scenario, fit: ScenarioFit) { try fitted(seeds: [seed]) }

  /// The median and 95th percentile of a fitted distribution, whatever its family.
  static func quantiles(_ distribution: Distribution) -> (median: Double, p95: Double) {
    switch distribution {
    case .lognormal(let median, let p95): return (median, p95)
    case .exponential(let mean): return (mean * log(2), -mean * log(0.05))
    case .uniform(let low, let high): return ((low + high) / 2, low + 0.95 * (high - low))
    case .fixed(let value): return (value, value)
    case .geometric(let mean): return (mean, mean)
    case .empirical(let values):
      let sorted = values.sorted()
      return (sorted[sorted.count / 2], sorted[Int(Double(sorted.count - 1) * 0.95)])
    }
  }

  /// Whether the fit of a log-normal `truth` from `n` samples is within three standard errors.
  static func withinLognormal(
    _ fitted: Distribution, _ truth: Distribution, n: Int, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    guard case .lognormal(let median, let p95) = truth else {
      Issue.record("the truth is not log-normal", sourceLocation: sourceLocation)
      return
    }
    let sigma = (log(p95) - log(median)) / Distribution.z95
    let got = quantiles(fitted)
    let medianTolerance = 3 * sigma / Double(n).squareRoot()
    let p95Tolerance = 3 * sigma * ((1 + Distribution.z95 * Distribution.z95 / 2) / Double(n)).squareRoot()
    #expect(
      abs(log(got.median / median)) <= medianTolerance,
      "median \(got.median) vs \(median) (n = \(n), ±\(medianTolerance) in log)",
      sourceLocation: sourceLocation)
    #expect(
      abs(log(got.p95 / p95)) <= p95Tolerance,
      "p95 \(got.p95) vs \(p95) (n = \(n), ±\(p95Tolerance) in log)", sourceLocation: sourceLocation)
  }

  @Test(arguments: seeds) func theFittedParametersComeBack(seed: UInt64) throws {
    let (truth, fit) = try Self.fitted(seed: seed)
    let fitted = fit.scenario
    let report = fit.report
    func samples(_ key: String) -> Int { report.row(key)?.samples ?? 0 }
    // Settings and exact values.
    #expect(fitted.model == truth.model)
    #expect(fitted.session.lifecycle == .alwaysOn)
    #expect(fitted.session.turnDetection == .serverVAD)
    #expect(fitted.session.prefixPadding == truth.session.prefixPadding)
    #expect(fitted.session.silenceDuration == truth.session.silenceDuration)
    #expect(fitted.session.sessionCap == truth.session.sessionCap)
    #expect(fitted.session.promptTokens == truth.session.promptTokens)
    #expect(fitted.commands.wakeWord)
    #expect(fitted.commands.wakeWordLead == truth.commands.wakeWordLead)
    // Conversations per day: Poisson, 84 expected.
    let expectedConversations = truth.user.conversationsPerHour.perDay
    #expect(
      abs(fitted.user.conversationsPerHour.perDay - expectedConversations) <= 3
        * expectedConversations.squareRoot())
    // Turns per conversation: geometric, mean 3.
    guard case .geometric(let turns) = fitted.user.turns else {
      Issue.record("turns fitted as \(fitted.user.turns)")
      return
    }
    let conversations = Double(report.conversations)
    #expect(abs(turns - 3) <= 3 * (3.0 * 2 / conversations).squareRoot())
    // Sizes and times.
    Self.withinLognormal(fitted.user.utterance, truth.user.utterance, n: samples("user.utterance"))
    Self.withinLognormal(fitted.user.thinkTime, truth.user.thinkTime, n: samples("user.think_time"))
    Self.withinLognormal(
      fitted.user.responseAudio, truth.user.responseAudio, n: samples("user.response_audio"))
    Self.withinLognormal(
      fitted.user.responseTextTokens, truth.user.responseTextTokens, n: samples("user.response_text_tokens"))
    // Function calls.
    let calls = fitted.user.functionCalls
    let turnsSeen = Double(samples("user.function_calls.probability"))
    #expect(abs(calls.probability - 0.25) <= 3 * (0.25 * 0.75 / turnsSeen).squareRoot())
    Self.withinLognormal(
      calls.duration, truth.user.functionCalls.duration, n: samples("user.function_calls.duration"))
    Self.withinLognormal(
      calls.argumentsTokens, truth.user.functionCalls.argumentsTokens,
      n: samples("user.function_calls.arguments_tokens"))
    Self.withinLognormal(
      calls.outputTokens, truth.user.functionCalls.outputTokens,
      n: samples("user.function_calls.output_tokens"))
    // Noise: 3 bursts an hour, 72 a day; sizes as the TV's.
    #expect(fitted.noise.count == 1)
    let noise = try #require(fitted.noise.first)
    #expect(abs(noise.burstsPerHour.perDay - 72) <= 3 * 72.0.squareRoot())
    let tv = truth.noise[0]
    Self.withinLognormal(noise.length, tv.length, n: samples("noise[0].length"))
    Self.withinLognormal(noise.responseAudio, tv.responseAudio, n: samples("noise[0].response_audio"))
    // Commands besides wake words: 0.5 an hour, 12 a day.
    #expect(abs(fitted.commands.perHour.perDay - 12) <= 3 * 12.0.squareRoot())
    // The written file loads back as the fitted scenario.
    let yaml = try fit.yaml()
    #expect(try ScenarioLoader.parse(yaml, file: "fitted.yaml") == fitted)
    #expect(yaml.contains("# Fitted by rtcost fit from 1 recording(s)"))
  }

  @Test(arguments: seeds) func noiseIsToldApartFromTurns(seed: UInt64) throws {
    let (truth, fit) = try Self.fitted(seed: seed)
    let trace = WorldGenerator(scenario: truth).generate(seed: seed)
    // Every response the fit calls noise or a turn is one of the world's; noise that fell inside a
    // conversation is counted as a turn, so the fit finds at most the world's noise and at least
    // its turns, and misclassifies no more than the report says noise could hide, plus 3 σ.
    #expect(fit.report.noiseResponses <= trace.noiseBursts)
    #expect(fit.report.genuineTurns >= trace.userTurns - 2)
    let hidden = Double(fit.report.genuineTurns - trace.userTurns)
    #expect(hidden <= 3 + 3 * max(1, hidden).squareRoot())
    #expect(fit.report.notes.contains { $0.hasPrefix("Noise: ") })
  }

  /// A forecast on the fitted scenario agrees with one on the original: fitted to the three days
  /// together and run on the same 16 one-day worlds (world seeds and horizon as the original's), its
  /// mean cost per device-day lies inside the original's 5th–95th percentile range, and the
  /// original's mean inside the fitted one's. (One day alone is one draw of the world: seed 11's day
  /// had 66 conversations where 79 are expected, and a forecast on it runs 27 % low.)
  @Test func aForecastOnTheFitAgreesWithTheOriginal() throws {
    let (truth, fit) = try Self.fitted(seeds: Self.seeds)
    var fittedScenario = fit.scenario
    #expect(fittedScenario.horizon == .days(3))
    fittedScenario.horizon = truth.horizon
    func forecast(_ scenario: Scenario) throws -> PolicySpread {
      let cards = try scenario.priceCards(over: .bundled)
      var costs: [Double] = []
      for world in 0..<16 {
        let result = try WorldSimulation(scenario: scenario, seed: UInt64(100 + world), cards: cards).run(
          detail: .coalesced)
        costs.append(result.usage.costs.total.approximateUSD)
      }
      return PolicySpread(costs)
    }
    let original = try forecast(truth)
    let fitted = try forecast(fittedScenario)
    #expect(
      original.p5 <= fitted.mean && fitted.mean <= original.p95, "fitted \(fitted) vs original \(original)")
    #expect(
      fitted.p5 <= original.mean && original.mean <= fitted.p95, "fitted \(fitted) vs original \(original)")
  }
}

/// Mean, 5th and 95th percentile of per-world costs.
struct PolicySpread: CustomStringConvertible {
  var mean: Double
  var p5: Double
  var p95: Double

  init(_ values: [Double]) {
    let sorted = values.sorted()
    mean = values.reduce(0, +) / Double(values.count)
    func percentile(_ p: Double) -> Double {
      let rank = p / 100 * Double(sorted.count - 1)
      let low = Int(rank.rounded(.down))
      let high = min(sorted.count - 1, low + 1)
      return sorted[low] + (sorted[high] - sorted[low]) * (rank - Double(low))
    }
    p5 = percentile(5)
    p95 = percentile(95)
  }

  var description: String { "mean \(mean), p5 \(p5), p95 \(p95)" }
}

/// A per-conversation phone line (the bundled phone agent): one session per call, G.711, token-billed
/// transcription and server re-prompts, fitted from a day of its events.
@Suite struct PhoneLineFitTests {
  @Test func aPhoneLineFitsAsOneSessionPerCall() throws {
    let truth = try ScenarioLoader.load(path: TestPaths.scenario("phone-agent.yaml"))
    var day = truth
    day.horizon = .days(1)
    var events: [TimedEvent] = []
    _ = try WorldSimulation(scenario: day, cards: try day.priceCards(over: .bundled)).run(detail: .full) {
      events.append($0)
    }
    var fitter = ScenarioFitter(options: .init(name: "phone", observedSpan: .days(1)))
    try fitter.add(EventArraySource(events, name: "phone-day.jsonl"))
    let fit = try fitter.fit()
    let session = fit.scenario.session
    #expect(session.lifecycle == .perConversation)
    #expect(session.inputAudioFormat == .g711Ulaw)
    #expect(session.outputAudioFormat == .g711Ulaw)
    #expect(session.transcriptionModel == "gpt-4o-transcribe")
    #expect(session.silenceDuration == truth.session.silenceDuration)
    #expect(session.idleTimeout == truth.session.idleTimeout)
    #expect(session.promptTokens == truth.session.promptTokens)
    // Re-prompts are the server's, not turns: counted apart.
    #expect(fit.report.reprompts > 0)
    #expect(fit.report.conversations == fit.report.sessions)
    // The 2 s hang-up comes back to the millisecond (G.711 deltas are whole 125 µs bytes).
    let (median, _) = FitRoundTripTests.quantiles(fit.scenario.user.hangup)
    #expect(abs(median - 2_000_000) <= 1_000)
    // No call is placed at night: the hours without calls are observed, and rate 0.
    #expect(fit.scenario.user.conversationsPerHour.perHour[0..<8].allSatisfy { $0 == 0 })
    #expect(fit.scenario.noise.isEmpty)
  }
}
