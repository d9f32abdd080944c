import Testing

@testable import Simulation

/// Heavy-tailed inputs stay bounded by the horizon and by the schema's limits.
@Suite struct HorizonBoundTests {
  @Test func aHugeTurnCountEndsItsConversationAtTheHorizon() throws {
    let scenario = try ScenarioLoader.parse(
      """
      name: heavy
      model: gpt-realtime
      horizon: 1d
      seed: 1
      user:
        conversations_per_hour: 2
        turns: {dist: geometric, mean: 1000000}
      """)
    let trace = WorldGenerator(scenario: scenario).generate()
    // Every user turn starts inside the day; the one endless conversation is cut at the horizon.
    #expect(trace.stimuli.filter { $0.kind == .userTurn }.allSatisfy { $0.time < scenario.horizon })
    #expect(trace.userTurns > 1000)
  }

  @Test func promptTokensAreBoundedByTheAPILimit() {
    #expect(throws: ScenarioError.self) {
      try ScenarioLoader.parse(
        "name: x\nmodel: gpt-realtime\nhorizon: 1d\nseed: 1\nsession:\n  instructions_tokens: 9223372036854775807\n"
      )
    }
  }
}
