import Billing
import RealtimeEvents
import TestSupport
import Testing

@testable import Simulation

/// The calibrated cache (DESIGN §7.6, ``CacheBehaviour``), hand-computed. Defaults: 7 special tokens
/// per item, a hit serves the previous input less 64 tokens (or the prompt when that is more), a miss
/// after a barge-in with probability 5/7, the prompt warm from other sessions with probability 1/2,
/// warm across this device's reconnects, no minimum, the transcript of a truncated item deleted.
/// Items are laid out as [special (text)][audio][text]; user audio 10 tok/s, assistant 20 tok/s.
@Suite struct CalibratedCacheTests {
  func context(
    prompt: Int64 = 1_000, _ change: (inout WorldModelParameters) -> Void = { _ in },
    evaluation: CacheEvaluation = .sampled, seed: UInt64 = 0
  ) -> ConversationContext {
    var parameters = WorldModelParameters()
    change(&parameters)
    return ConversationContext(
      parameters: parameters, promptTokens: prompt, truncation: .auto, evaluation: evaluation, cacheSeed: seed
    )
  }

  func cached(_ counts: TokenCounts) -> Int64 { counts.textInCached + counts.audioInCached }

  @Test func aHitServesThePreviousInputLessTheUnservedTail() {
    // Prompt 100, nothing warm from elsewhere (shared 0) so the first response is cold.
    var conversation = context(prompt: 100) { $0.cache.promptShared = 0 }
    conversation.addUserAudio(3_000_000)  // U1: 7 text + 30 audio
    let first = conversation.respond(at: 0, output: ResponseOutput(audio: 5_000_000, transcriptTokens: 40))
    #expect(cached(first) == 0)
    // R1's input: text 107, audio 30 = 137. A1 = 7 + 40 text, 100 audio. U2 = 7 + 20 audio.
    conversation.addUserAudio(2_000_000)
    let second = conversation.respond(
      at: 20_000_000, output: ResponseOutput(audio: 2_000_000, transcriptTokens: 20))
    // R2's input: text 107 + 47 + 7 = 161, audio 30 + 100 + 20 = 150 = 311. Served: max(137 − 64, 100)
    // = 100 → 64 (the granule), all prompt text.
    #expect(second.textInCached == 64)
    #expect(second.textIn == 161 - 64)
    #expect(second.audioInCached == 0)
    // A2 = 7 + 20 text, 40 audio; U3 = 7 + 10 audio.
    conversation.addUserAudio(1_000_000)
    let third = conversation.respond(at: 40_000_000, output: ResponseOutput(audio: 0, transcriptTokens: 5))
    // R3's input: text 161 + 27 + 7 = 195, audio 150 + 40 + 10 = 200. Served: max(311 − 64, 100) = 247
    // → 192 = prompt 100 + U1 special 7 + U1 audio 30 + A1 special 7 + 48 of A1's audio:
    // text 114, audio 78. (The exact-prefix rule would serve ⌊311/64⌋·64 = 256.)
    #expect(third.textInCached == 114)
    #expect(third.audioInCached == 78)
    #expect(third.textIn == 195 - 114)
    #expect(third.audioIn == 200 - 78)
  }

  @Test func aTruncatedAnswerKeepsOnlyItsPlayedAudio() {
    var conversation = context()
    conversation.addUserAudio(3_000_000)  // U1: 7 + 30
    // A1: 10 s (200 audio tokens), 40 transcript tokens: 7 + 40 text.
    _ = conversation.respond(at: 0, output: ResponseOutput(audio: 10_000_000, transcriptTokens: 40))
    #expect(conversation.inputTokens == 1_000 + 37 + 247)
    // 2.5 s played: audio ⌈2.5 × 20⌉ = 50 tokens; the transcript is deleted, its 7 special tokens stay.
    conversation.truncateLastAnswer(keepingAudio: 2_500_000, of: 10_000_000)
    #expect(conversation.inputTokens == 1_000 + 37 + 7 + 50)
  }

  @Test func theExpectedMissAfterABargeIn() {
    var conversation = context({ $0.cache.promptShared = 0 }, evaluation: .expected)
    conversation.addUserAudio(3_000_000)  // 7 + 30; R1 input 1037
    _ = conversation.respond(at: 0, output: ResponseOutput(audio: 5_000_000, transcriptTokens: 40))
    conversation.truncateLastAnswer(keepingAudio: 1_000_000, of: 5_000_000)
    conversation.addUserAudio(1_000_000)
    let next = conversation.respond(at: 10_000_000, output: ResponseOutput(audio: 0, transcriptTokens: 0))
    // A hit serves max(1037 − 64, 1000) = 1000 → 960 text; after a barge-in it happens with
    // probability 1 − 5/7 = 2/7: expected 960 × 2/7 = 274.29 → 274.
    #expect(next.textInCached == 274)
    #expect(next.audioInCached == 0)
    #expect(
      conversation.lastDecision == CacheDecision(source: .previousInput, afterBargeIn: true, hitTokens: 960))
  }

  @Test func sampledMissesFollowTheProbability() {
    // 7,000 independent contexts: each response after a barge-in hits with probability 2/7.
    var hits = 0
    for seed in 0..<7_000 as Range<UInt64> {
      var conversation = context({ $0.cache.promptShared = 0 }, seed: seed)
      conversation.addUserAudio(3_000_000)
      _ = conversation.respond(at: 0, output: ResponseOutput(audio: 5_000_000, transcriptTokens: 40))
      conversation.noteCancelledResponse()
      conversation.addUserAudio(1_000_000)
      let next = conversation.respond(at: 10_000_000, output: ResponseOutput(audio: 0, transcriptTokens: 0))
      #expect(cached(next) == 0 || cached(next) == 960)
      if cached(next) == 960 { hits += 1 }
    }
    // 2/7 × 7000 = 2000; the binomial's standard deviation is √(7000 · 2/7 · 5/7) ≈ 37.8.
    #expect(abs(hits - 2_000) < 4 * 38)
    // And deterministic: the same seed draws the same outcome.
    func outcome(_ seed: UInt64) -> Int64 {
      var conversation = context({ $0.cache.promptShared = 0 }, seed: seed)
      conversation.addUserAudio(3_000_000)
      _ = conversation.respond(at: 0, output: ResponseOutput(audio: 5_000_000, transcriptTokens: 40))
      conversation.noteCancelledResponse()
      return cached(
        conversation.respond(at: 1_000_000, output: ResponseOutput(audio: 0, transcriptTokens: 0)))
    }
    #expect((0..<50).map { outcome($0) } == (0..<50).map { outcome($0) })
  }

  @Test func thePromptStaysWarmAcrossAReconnectWithinTheLifetime() {
    var conversation = context { $0.cache.promptShared = 0 }
    conversation.addUserAudio(3_000_000)
    _ = conversation.respond(at: 0, output: ResponseOutput(audio: 5_000_000, transcriptTokens: 40))
    conversation.reset()
    conversation.addUserAudio(1_000_000)  // 7 + 10
    // 60 s later, a new session: the prompt (1000 → 960) is still cached.
    let warm = conversation.respond(at: 60_000_000, output: ResponseOutput(audio: 0, transcriptTokens: 0))
    #expect(warm.textInCached == 960)
    #expect(warm.textIn == 1_007 - 960)
    #expect(conversation.lastDecision.source == .devicePrompt)
    // Past the 5-minute lifetime it is cold again (nothing shares it: shared 0).
    conversation.reset()
    conversation.addUserAudio(1_000_000)
    let cold = conversation.respond(at: 500_000_000, output: ResponseOutput(audio: 0, transcriptTokens: 0))
    #expect(cached(cold) == 0)
    // Without warmth across reconnects, the first response of a session is cold.
    var strict = context {
      $0.cache.promptShared = 0
      $0.cache.warmAcrossReconnects = false
    }
    strict.addUserAudio(3_000_000)
    _ = strict.respond(at: 0, output: ResponseOutput(audio: 5_000_000, transcriptTokens: 40))
    strict.reset()
    strict.addUserAudio(1_000_000)
    #expect(
      cached(strict.respond(at: 60_000_000, output: ResponseOutput(audio: 0, transcriptTokens: 0))) == 0)
  }

  @Test func aPromptSharedByOtherSessionsIsWarmWithItsProbability() {
    var conversation = context(evaluation: .expected)
    conversation.addUserAudio(1_000_000)
    // The first response: 960 × 1/2 = 480 expected.
    let first = conversation.respond(at: 0, output: ResponseOutput(audio: 0, transcriptTokens: 0))
    #expect(first.textInCached == 480)
    #expect(conversation.lastDecision.source == .sharedPrompt)
  }

  @Test func aMinimumInputRefusesShortInputs() {
    var conversation = context {
      $0.cache.promptShared = 1
      $0.cache.minimumInput = 1_024
    }
    conversation.addUserAudio(1_000_000)  // input 1000 + 17 = 1017 < 1024
    #expect(cached(conversation.respond(at: 0, output: ResponseOutput(audio: 0, transcriptTokens: 0))) == 0)
    conversation.addUserAudio(1_000_000)  // + 17 = 1034 ≥ 1024: the previous input less 64, or the prompt
    let next = conversation.respond(at: 1_000_000, output: ResponseOutput(audio: 0, transcriptTokens: 0))
    #expect(next.textInCached == 960)
  }

  @Test func theAlwaysCachedBoundIsTheWholePreviousInputElseThePrompt() {
    var conversation = context { $0.cache.promptShared = 0 }
    conversation.addUserAudio(3_000_000)  // 7 + 30
    _ = conversation.respond(at: 0, output: ResponseOutput(audio: 5_000_000, transcriptTokens: 40))
    // The first response could at most find the prompt: 1000 → 960 text.
    #expect(conversation.lastAlwaysCached.textInCached == 960)
    #expect(conversation.lastAlwaysCached.textIn == 1_007 - 960)
    conversation.addUserAudio(2_000_000)
    _ = conversation.respond(at: 600_000_000, output: ResponseOutput(audio: 0, transcriptTokens: 0))
    // 10 minutes later the model is cold, but the bound serves R1's whole input 1037 → 1024:
    // prompt 1000 + U1 special 7 + 17 of U1's audio.
    #expect(conversation.lastAlwaysCached.textInCached == 1_007)
    #expect(conversation.lastAlwaysCached.audioInCached == 17)
  }

  @Test func theWorldModelBeforeCalibrationIsTheExactPrefixRule() {
    let before = WorldModelParameters.beforeCalibration
    #expect(before.specialTokensPerItem == 4)
    #expect(before.cache == .exactPrefix)
    #expect(before.cache.missAfterBargeIn == 0)
    #expect(before.cache.promptShared == 0)
    #expect(!before.cache.warmAcrossReconnects)
  }

  @Test func cacheKeysLoadFromAScenario() throws {
    let scenario = try ScenarioLoader.parse(
      """
      model: gpt-realtime
      horizon: 1d
      user: {conversations_per_hour: 1}
      world_model:
        cache_miss_after_barge_in: 0.25
        cache_hit_unserved_tail: 128
        cache_prompt_shared: 1
        cache_warm_across_reconnects: false
        cache_minimum_input: 1024
        truncation_deletes_transcript: false
      """)
    var expected = CacheBehaviour()
    expected.missAfterBargeIn = 0.25
    expected.unservedTail = 128
    expected.promptShared = 1
    expected.warmAcrossReconnects = false
    expected.minimumInput = 1_024
    expected.truncationDeletesTranscript = false
    #expect(scenario.worldModel.cache == expected)
    #expect(throws: ScenarioError.self) {
      try ScenarioLoader.parse(
        "model: gpt-realtime\nhorizon: 1d\nuser: {conversations_per_hour: 1}\nworld_model: {cache_prompt_shared: 2}"
      )
    }
  }
}

/// The defaults are the fit to the real captures (skipped without them).
@Suite struct CacheFitTests {
  static let log1 = TestPaths.stream("banyan-log1.server-events.jsonl")
  static let log2 = TestPaths.stream("banyan-log2.server-events.jsonl")

  @Test(.enabled(if: log1 != nil && log2 != nil)) func theDefaultsAreTheFitToTheBanyanCaptures() throws {
    let traces = [try Calibration.extract(path: Self.log1!), try Calibration.extract(path: Self.log2!)]
    let fit = CacheCalibration.fit(traces)
    #expect(fit.parameters == WorldModelParameters())
    // 7 responses after a barge-in with a warm prefix: log1 lines 70, 170, 230, 253, 284 missed,
    // 413 hit; log2 line 71 hit. Two first responses: log1's cold, log2's warm.
    #expect(fit.missEvidence == CacheCalibration.Evidence(eligible: 7, events: 5))
    #expect(fit.sharedEvidence == CacheCalibration.Evidence(eligible: 2, events: 1))
    #expect(fit.mismatches == 0)
    #expect(fit.responses == 10)
    // The exact-prefix rule could produce neither log1 line 111 (832 cached, it predicts 896) nor
    // line 413 (1,408, it predicts 1,472), nor the two misses it cannot draw.
    let before = CacheCalibration.fitProbabilities(traces, parameters: .beforeCalibration)
    #expect(before.mismatches > 0)
  }
}

/// The engine with the calibrated cache.
@Suite struct CalibratedEngineTests {
  func trace(secondAt: Micros) -> WorldTrace {
    WorldTrace(
      stimuli: [
        Stimulus(
          time: 0, kind: .userTurn, conversation: 0, index: 0, duration: 2_000_000, responseAudio: 3_000_000,
          responseTextTokens: 10, reconnectLatency: 1_000_000),
        Stimulus(
          time: secondAt, kind: .userTurn, conversation: 0, index: 1, duration: 1_000_000,
          responseAudio: 2_000_000, responseTextTokens: 8, reconnectLatency: 1_000_000),
        Stimulus(time: secondAt + 10_000_000, kind: .conversationEnd, conversation: 0),
      ], horizon: 700_000_000, seed: 1)
  }

  @Test func aReconnectWithinTheLifetimeFindsThePromptWarm() {
    var scenario = Scenario(name: "warm", model: "gpt-realtime", horizon: 700_000_000, seed: 1)
    scenario.worldModel.cache.promptShared = 0
    // Idle 60 s, checked every 30 s: R1 ends at 4.15 s, the session closes at the 90 s check; the
    // turn at 100 s reconnects (1 s) into a new session 97 s after the prompt's last use.
    let (recorder, stats) = run(
      scenario, trace(secondAt: 100_000_000), idlePolicy(timeout: 60_000_000, interval: 30_000_000))
    #expect(stats.reconnects == 1)
    let usage = recorder.responseDone.map(\.1)
    #expect(usage[0].input?.cachedTokens == 0)
    // Prompt 800 + 200 = 1000 → 960 cached; the new utterance (1 s + 0.5 s = 15 audio) and its 7
    // special tokens are not.
    #expect(usage[1].input?.cached?.textTokens == 960)
    #expect(usage[1].input?.textTokens == 1_007)
    #expect(usage[1].input?.audioTokens == 15)
    // The always-cached bound serves the same prompt for R2, and R1's could serve the prompt too.
    #expect(stats.alwaysCachedTokens.textInCached == 960 + 960)
  }

  @Test func theBoundsBracketTheModelledUsage() throws {
    let scenario = try ScenarioLoader.load(path: TestPaths.scenario("home-robot.yaml"))
    let trace = WorldGenerator(scenario: scenario).generate(seed: 3)
    var one = scenario
    one.horizon = 86_400_000_000
    let stats = Simulator.run(
      scenario: one,
      trace: WorldTrace(
        stimuli: trace.stimuli.filter { $0.time < one.horizon }, horizon: one.horizon, seed: 3),
      policy: .never, priceCard: bundledCard("gpt-realtime"), consumer: { _ in })
    let card = bundledCard("gpt-realtime")
    var never = stats.tokens
    never.textIn += never.textInCached
    never.audioIn += never.audioInCached
    never.textInCached = 0
    never.audioInCached = 0
    let modelled = try card.cost(of: stats.tokens).total
    let lower = try card.cost(of: stats.alwaysCachedTokens).total
    let upper = try card.cost(of: never).total
    #expect(lower <= modelled)
    #expect(modelled <= upper)
    #expect(lower < upper)
    // The bounds change only the input split: the same tokens in all.
    #expect(stats.alwaysCachedTokens.total == stats.tokens.total)
  }
}
