import Billing
import RealtimeEvents
import SessionGuard
import TestSupport
import Testing

@testable import Simulation

/// What a model's price-book row tells the world model: its context window and its reasoning.
@Suite struct ModelFactsTests {
  /// A scenario for one long conversation (its turns are built by ``run(_:)``): each answer's 20 s of
  /// audio (400 output audio tokens) comes back as input, so the context passes 32,768 tokens well
  /// before the 90th turn.
  static func longCall(model: String, extra: String = "") throws -> Scenario {
    try ScenarioLoader.parse(
      """
      model: \(model)
      horizon: 2h
      seed: 3
      session:
        lifecycle: always_on
        session_cap: 3h
      \(extra)
      user:
        conversations_per_hour: 1
      """, file: "long.yaml")
  }

  /// The largest input of any response, and the number of responses whose input was truncated.
  static func run(_ scenario: Scenario) throws -> (maxInput: Int64, truncations: Int, textOut: [Int64]) {
    let card = try PriceBook.bundled.card(for: scenario.model)
    let adopted = scenario.adoptingModelFacts(of: card)
    // One conversation of 90 turns, 30 s apart: each answer (20 s of audio after at most 2.33 s)
    // ends before the next turn, so no answer is cut short.
    let turns = (0..<90).map { index in
      Stimulus(
        time: .seconds(30) * Int64(index), kind: .userTurn, conversation: 0, index: Int32(index),
        duration: .seconds(2), responseAudio: .seconds(20), responseTextTokens: 40)
    }
    let trace = WorldTrace(stimuli: turns, horizon: .hours(2), seed: 0)
    var maxInput: Int64 = 0
    var textOut: [Int64] = []
    let stats = Simulator.run(scenario: adopted, trace: trace, policy: .never, priceCard: card) { event in
      guard case .responseDone(let done) = event.event, let usage = done.usage else { return }
      maxInput = max(maxInput, usage.inputTokens ?? 0)
      textOut.append(usage.output?.textTokens ?? 0)
    }
    return (maxInput, stats.truncations, textOut)
  }

  @Test func gptRealtime2GrowsItsContextPast32kBeforeTruncating() throws {
    let old = try Self.run(Self.longCall(model: "gpt-realtime-2025-08-28"))
    let new = try Self.run(Self.longCall(model: "gpt-realtime-2"))
    // gpt-realtime: the input is held at its 32,768-token window by truncation.
    #expect(old.maxInput <= 32_768)
    #expect(old.truncations > 0)
    // gpt-realtime-2 (a 128,000-token window): the same conversation passes 32k untruncated.
    #expect(new.maxInput > 32_768)
    #expect(new.maxInput <= 128_000)
    #expect(new.truncations == 0)
  }

  @Test func aScenarioWindowBeatsTheModels() throws {
    let capped = try Self.run(
      Self.longCall(model: "gpt-realtime-2", extra: "world_model:\n  context_window: 20000"))
    #expect(capped.maxInput <= 20_000)
    #expect(capped.truncations > 0)
  }

  @Test func aReasoningModelBillsReasoningAsTextOutput() throws {
    // gpt-realtime-2's default effort is low: 50 reasoning tokens per response (an assumption, see
    // WorldModelParameters.reasoningTokens) on top of the 40-token transcript.
    let low = try Self.run(Self.longCall(model: "gpt-realtime-2"))
    #expect(low.textOut.allSatisfy { $0 == 40 + 50 })
    let high = try Self.run(Self.longCall(model: "gpt-realtime-2", extra: "  reasoning_effort: high"))
    #expect(high.textOut.allSatisfy { $0 == 40 + 250 })
    // A model that does not reason ignores the setting.
    let old = try Self.run(Self.longCall(model: "gpt-realtime-2025-08-28", extra: "  reasoning_effort: high"))
    #expect(old.textOut.allSatisfy { $0 == 40 })
  }

  @Test func reasoningDelaysTheFirstAudioAndSoTheNextTurn() throws {
    let scenario = try Self.longCall(model: "gpt-realtime-2", extra: "  reasoning_effort: high")
    let adopted = scenario.adoptingModelFacts(of: try PriceBook.bundled.card(for: "gpt-realtime-2"))
    #expect(adopted.session.effectiveReasoningEffort == .high)
    let timing = TurnTiming(session: adopted.session, parameters: adopted.worldModel)
    // 2.33 s at high (the launch figure), then 20 s of audio.
    #expect(timing.answerDuration(audio: .seconds(20), functionCall: nil) == .milliseconds(22_330))
    let plain = TurnTiming(session: scenario.session, parameters: scenario.worldModel)
    #expect(plain.answerDuration(audio: .seconds(20), functionCall: nil) == .milliseconds(20_500))
  }

  @Test func reasoningBudgetsAreScenarioKeys() throws {
    let scenario = try Self.longCall(
      model: "gpt-realtime-2",
      extra: "world_model:\n  reasoning_tokens: {high: 999}\n  reasoning_first_audio_latency: {low: 900ms}")
    #expect(scenario.worldModel.reasoningTokens.high == 999)
    #expect(scenario.worldModel.reasoningTokens.low == 50)
    #expect(scenario.worldModel.reasoningFirstAudioLatency.low == .milliseconds(900))
    #expect(throws: ScenarioError.self) {
      try Self.longCall(model: "gpt-realtime-2", extra: "world_model:\n  reasoning_tokens: {huge: 1}")
    }
  }
}
