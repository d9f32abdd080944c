import RealtimeEvents
import TestSupport
import Testing

@testable import Simulation

@Suite struct WorldGeneratorTests {
  func homeRobot() throws -> Scenario { try ScenarioLoader.load(path: TestPaths.scenario("home-robot.yaml")) }

  @Test func sameScenarioAndSeedGiveTheSameTrace() throws {
    let scenario = try homeRobot()
    let first = WorldGenerator(scenario: scenario).generate()
    let second = WorldGenerator(scenario: scenario).generate()
    #expect(first == second)
    #expect(first.userTurns > 100)
    #expect(first.noiseBursts > 100)
  }

  @Test func anotherSeedGivesAnotherWorld() throws {
    let generator = WorldGenerator(scenario: try homeRobot())
    let a = generator.generate(seed: 1)
    let b = generator.generate(seed: 2)
    #expect(a != b)
    #expect(a.stimuli.prefix(20).map(\.time) != b.stimuli.prefix(20).map(\.time))
  }

  @Test func traceIsTimeOrderedAndInsideTheHorizon() throws {
    let trace = WorldGenerator(scenario: try homeRobot()).generate()
    #expect(zip(trace.stimuli, trace.stimuli.dropFirst()).allSatisfy { $0.time <= $1.time })
    #expect(trace.stimuli.allSatisfy { $0.time >= 0 && $0.time < trace.horizon })
  }

  @Test func addingANoiseSourceDoesNotReshuffleUserTurns() throws {
    var scenario = try homeRobot()
    let before = WorldGenerator(scenario: scenario).generate()
    scenario.noise.append(NoiseSource(name: "radio", burstsPerHour: DailyProfile(constant: 4)))
    scenario.commands.perHour = DailyProfile(constant: 3)
    let after = WorldGenerator(scenario: scenario).generate()
    let turns = { (trace: WorldTrace) in
      trace.stimuli.filter { $0.kind == .userTurn || $0.kind == .conversationEnd }
    }
    #expect(turns(before) == turns(after))
    // The existing sources are unchanged too; only the new one is added.
    let tv = { (trace: WorldTrace) in trace.stimuli.filter { $0.kind == .noiseBurst && $0.index == 0 } }
    #expect(tv(before) == tv(after))
    #expect(after.noiseBursts > before.noiseBursts)
    #expect(after.userCommands > before.userCommands)
  }

  @Test func dailyProfileShapesWhenThingsHappen() throws {
    let trace = WorldGenerator(scenario: try homeRobot()).generate()
    // The home robot's profile is 0 conversations/h from midnight to 6:00 and no TV then.
    let hour: Int64 = 3_600_000_000
    let night = trace.stimuli.filter { ($0.time / hour) % 24 < 6 && $0.kind != .conversationEnd }
    #expect(night.allSatisfy { $0.kind == .userCommand || $0.conversation != nil })
    #expect(!trace.stimuli.contains { ($0.time / hour) % 24 < 6 && $0.kind == .noiseBurst })
  }

  @Test func conversationsFollowTheirOwnTimeline() throws {
    let scenario = try homeRobot()
    let generator = WorldGenerator(scenario: scenario)
    let trace = generator.generate()
    let conversation = trace.stimuli.filter { $0.conversation == 3 && $0.kind == .userTurn }
    #expect(!conversation.isEmpty)
    #expect(conversation.map(\.index) == Array(0..<Int32(conversation.count)))
    // Each next turn starts after the previous answer's playback ends.
    for (previous, next) in zip(conversation, conversation.dropFirst()) {
      let answerEnd =
        previous.time + generator.timing.commitOffset(speech: previous.duration)
        + generator.timing.answerDuration(audio: previous.responseAudio, functionCall: previous.functionCall)
      #expect(next.time >= answerEnd)
    }
    // Wake word: a user command just before the first turn.
    #expect(trace.stimuli.contains { $0.kind == .userCommand && $0.time == conversation[0].time - 500_000 })
  }

  @Test func conversationsDoNotOverlap() throws {
    let trace = WorldGenerator(
      scenario: try ScenarioLoader.load(path: TestPaths.scenario("phone-agent.yaml"))
    )
    .generate()
    var ends: [Int32: Int64] = [:]
    var starts: [Int32: Int64] = [:]
    for stimulus in trace.stimuli {
      guard let conversation = stimulus.conversation else { continue }
      if stimulus.kind == .conversationEnd { ends[conversation] = stimulus.time }
      if stimulus.kind == .userTurn, stimulus.index == 0 { starts[conversation] = stimulus.time }
    }
    for (conversation, end) in ends {
      if let nextStart = starts[conversation + 1] { #expect(nextStart > end) }
    }
    #expect(ends.count > 100)
  }
}
