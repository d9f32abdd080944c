import AudioIO
import Foundation
import RealtimeEvents
import Testing

@testable import Simulation

@Suite struct AudioWorldTests {
  func load(_ name: String) throws -> Scenario { try ScenarioLoader.load(path: AudioFixtures.scenario(name)) }

  @Test func ambientRoomTraceIsExact() throws {
    // speech-like-8k.wav from 10 s (genuine, conversation 0): speech at 10.4, 11.5, 12.8 s for
    // 0.8, 0.6, 0.4 s (commits 11.4, 12.3, 13.4 s). Conversation end: last commit 13.4 s + first
    // audio 0.5 s + answer 1 s + hang-up 1 s = 15.9 s. tone-bursts-24k.wav from 2 min (noise,
    // source index 0 noise sources + entry 1 = 1): 120.5 s for 0.5 s, 121.6 s for 0.4 s.
    let scenario = try load("ambient-room.yaml")
    let trace = WorldGenerator(scenario: scenario).generate()
    #expect(
      trace.stimuli.map(StimulusTiming.init) == [
        StimulusTiming(10_400_000, .userTurn, 0, 0, 800_000),
        StimulusTiming(11_500_000, .userTurn, 0, 1, 600_000),
        StimulusTiming(12_800_000, .userTurn, 0, 2, 400_000),
        StimulusTiming(15_900_000, .conversationEnd, 0, 0, 0),
        StimulusTiming(120_500_000, .noiseBurst, -1, 1, 500_000),
        StimulusTiming(121_600_000, .noiseBurst, -1, 1, 400_000),
      ])
    let turns = trace.stimuli.filter { $0.kind == .userTurn }
    #expect(turns.allSatisfy { $0.responseAudio == 1_000_000 && $0.responseTextTokens == 5 })
    #expect(turns.allSatisfy { $0.functionCall == nil && $0.reconnectLatency > 0 })
    let bursts = trace.stimuli.filter { $0.kind == .noiseBurst }
    #expect(bursts.allSatisfy { $0.responseAudio == 2_000_000 && $0.responseTextTokens == 8 })
    #expect((trace.userTurns, trace.noiseBursts, trace.conversations) == (3, 2, 1))
  }

  @Test func simulatorBillsOneResponsePerCommittedSegment() throws {
    let scenario = try load("ambient-room.yaml")
    let segments = scenario.audioInputs.map { $0.clip.committedSegments.count }
    #expect(segments == [3, 2])
    let trace = WorldGenerator(scenario: scenario).generate()
    var done: [ResponseDone] = []
    let stats = Simulator.run(scenario: scenario, trace: trace, policy: .never) { event in
      if case .responseDone(let response) = event.event { done.append(response) }
    }
    // Every committed segment is billed once: 3 genuine + 2 noise = 5 `response.done` with usage
    // (the second and third genuine turns barge in on the answer before them; cancelled answers are
    // billed too).
    #expect(done.count == segments.reduce(0, +))
    #expect(done.allSatisfy { $0.usage != nil })
    #expect(stats.responses[Int(ResponseOrigin.genuine.rawValue)] == 3)
    #expect(stats.responses[Int(ResponseOrigin.noise.rawValue)] == 2)
    #expect((stats.genuineTurns, stats.noiseBurstsHeard, stats.noiseBurstsMissed) == (3, 2, 0))
    // The first answer's input audio: the world model bills prefix 300 ms + speech 0.8 s + trailing
    // silence 200 ms = 1.3 s → 13 tokens; AudioIO counts padding + speech only: 1.1 s → 11.
    #expect(done.first?.usage?.input?.audioTokens == 13)
    #expect(scenario.audioInputs[0].clip.committedSegments.first?.audioTokens == 11)
    #expect(trace.stimuli.first?.committedAudio == 1_300_000)
  }

  @Test func utteranceRepeatsDailyAndIsBilledByItsDuration() throws {
    // speech-like-8k.wav (4 s) held at 09:00 on each of 3 days: conversations 0, 1, 2 at 9 h,
    // 33 h, 57 h; each ends 4 s + 0.5 s first audio + 3 s answer + 1 s hang-up = 8.5 s later.
    let scenario = try load("utterance-daily.yaml")
    let trace = WorldGenerator(scenario: scenario).generate()
    let hour: Micros = 3_600_000_000
    var expected: [StimulusTiming] = []
    for day: Int32 in 0..<3 {
      let start = 9 * hour + Micros(day) * 24 * hour
      expected.append(StimulusTiming(start, .userTurn, day, 0, 4_000_000))
      expected.append(StimulusTiming(start + 8_500_000, .conversationEnd, day, 0, 0))
    }
    #expect(trace.stimuli.map(StimulusTiming.init) == expected)
    var done: [ResponseDone] = []
    _ = Simulator.run(scenario: scenario, trace: trace, policy: .never) { event in
      if case .responseDone(let response) = event.event { done.append(response) }
    }
    // Push to talk commits exactly what was held: 4 s → 40 tokens, the file's utterance tokens.
    #expect(done.count == 3)
    #expect(done.first?.usage?.input?.audioTokens == 40)
    #expect(try WAVMeasurement.measure(path: scenario.audioInputs[0].clip.path).utteranceAudioTokens == 40)
  }

  static let mixed = """
    model: gpt-realtime
    horizon: 2h
    seed: 5
    user:
      conversations_per_hour: 3
      function_calls: { probability: 0.5 }
    noise:
      - { name: tv, bursts_per_hour: 4 }
    commands: { per_hour: 2 }
    """

  static let mixedAudio = """
    audio_inputs:
      - { wav: speech-like-8k.wav, at: 20m, use: ambient, genuine: true }
      - { wav: tone-bursts-24k.wav, at: 20m, use: ambient, genuine: false }
      - { wav: speech-like-8k.wav, at: 50m, use: utterance, genuine: false }
    """

  func mixed(audio: Bool) throws -> Scenario {
    try ScenarioLoader.parse(
      Self.mixed + (audio ? "\n" + Self.mixedAudio : ""), file: "mixed.yaml",
      baseDirectory: AudioFixtures.wavFolder)
  }

  @Test func audioInputsLeaveTheDrawnWorldAsItWas() throws {
    let without = WorldGenerator(scenario: try mixed(audio: false)).generate()
    let with = WorldGenerator(scenario: try mixed(audio: true)).generate()
    // Audio stimuli: genuine turns in conversations numbered after the drawn ones, noise under
    // source indices after the scenario's one noise source.
    let drawn = Int32(without.conversations)
    let isAudio = { (s: Stimulus) in
      (s.conversation ?? -1) >= drawn || (s.kind == .noiseBurst && s.index >= 1)
    }
    #expect(with.stimuli.filter { !isAudio($0) } == without.stimuli)
    // 3 genuine turns + their conversation end, 2 tone bursts, 1 noise utterance.
    #expect(with.stimuli.count { isAudio($0) } == 7)
    #expect(with.stimuli.count == without.stimuli.count + 7)
  }

  @Test func tiesKeepEntryOrderAndTheTraceIsSorted() throws {
    // Entry i counts under noise source 1 + i (one scenario noise source): the tone bursts of
    // entry 1 from 20 min under 2, entry 2's noise utterance at 50 min (3000 s) under 3.
    let trace = WorldGenerator(scenario: try mixed(audio: true)).generate()
    #expect(zip(trace.stimuli, trace.stimuli.dropFirst()).allSatisfy { $0.time <= $1.time })
    let twenty: Micros = 1_200_000_000
    let audioNoise = trace.stimuli.filter { $0.kind == .noiseBurst && $0.index == 2 }
    #expect(audioNoise.map(\.time) == [twenty + 500_000, twenty + 1_600_000])
    let utterance = trace.stimuli.filter { $0.kind == .noiseBurst && $0.index == 3 }
    #expect(
      utterance.map(StimulusTiming.init) == [StimulusTiming(3_000_000_000, .noiseBurst, -1, 3, 4_000_000)])
    // Same file twice at one time: entry order breaks the tie.
    let twice = try ScenarioLoader.parse(
      Self.mixed + """

        audio_inputs:
          - { wav: tone-bursts-24k.wav, at: 20m, use: ambient, genuine: false }
          - { wav: tone-bursts-24k.wav, at: 20m, use: ambient, genuine: true }
        """, file: "twice.yaml", baseDirectory: AudioFixtures.wavFolder)
    let tied = WorldGenerator(scenario: twice).generate().stimuli.filter { $0.time == twenty + 500_000 }
    #expect(tied.map(\.kind) == [.noiseBurst, .userTurn])
  }

  @Test func sameSeedSameWorldOtherSeedOtherAnswersSameTiming() throws {
    let scenario = try mixed(audio: true)
    let generator = WorldGenerator(scenario: scenario)
    #expect(generator.generate() == generator.generate())
    let a = generator.generate(seed: 5).stimuli.filter { $0.time >= 1_200_000_000 && $0.time < 1_205_000_000 }
    let b = generator.generate(seed: 6).stimuli.filter { $0.time >= 1_200_000_000 && $0.time < 1_205_000_000 }
    let audioA = a.filter { $0.kind == .noiseBurst ? $0.index >= 1 : $0.conversation != nil }
    let audioB = b.filter { $0.kind == .noiseBurst ? $0.index >= 1 : $0.conversation != nil }
    // The files fix when things happen; the seed draws what the model answers.
    #expect(audioA.map(\.time) == audioB.map(\.time))
    #expect(audioA.map(\.responseAudio) != audioB.map(\.responseAudio))
  }

  @Test func anInputPastTheHorizonIsCutThere() throws {
    // speech-like at 3598 s in a 1 h (3600 s) world: segments start at 3598.4 s and 3599.5 s,
    // inside; the third would start at 3598 + 2.8 = 3600.8 s, past the horizon, and is cut.
    let scenario = try ScenarioLoader.parse(
      """
      model: gpt-realtime
      horizon: 1h
      user: { conversations_per_hour: 0 }
      audio_inputs:
        - { wav: speech-like-8k.wav, at: 3598s, use: ambient, genuine: false }
      """, file: "edge.yaml", baseDirectory: AudioFixtures.wavFolder)
    let trace = WorldGenerator(scenario: scenario).generate()
    #expect(
      trace.stimuli.map(StimulusTiming.init) == [
        StimulusTiming(3_598_400_000, .noiseBurst, -1, 0, 800_000),
        StimulusTiming(3_599_500_000, .noiseBurst, -1, 0, 600_000),
      ])
  }

  @Test func startTimesRepeatWithinTheHorizon() {
    let clip = AudioClip(
      path: "x", use: .utterance, vad: .serverDefault, durationMicros: 1, segments: [], warnings: [])
    let day = AudioInput.day
    #expect(AudioInput(wav: "x", clip: clip, at: 5, genuine: true).startTimes(horizon: 3 * day) == [5])
    #expect(
      AudioInput(wav: "x", clip: clip, at: 5, genuine: true, repeatDaily: true).startTimes(
        horizon: 2 * day + 5)
        == [5, day + 5])
    #expect(AudioInput(wav: "x", clip: clip, at: day, genuine: true).startTimes(horizon: day).isEmpty)
  }
}
