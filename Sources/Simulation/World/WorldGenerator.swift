import RealtimeEvents

/// Scenario + seed → a policy-independent ``WorldTrace``.
///
/// Conversations, turn sizes, each noise source, local commands and reconnect latencies are drawn
/// from separate ``RandomStream``s, so adding a noise source or a command rate leaves the user
/// turns exactly as they were. Arrivals are a Poisson process whose rate is constant within each
/// hour (the daily profile); since the process is memoryless, the gaps restart at each hour.
/// A conversation whose start falls inside the previous conversation is dropped (one user per
/// device), which lowers the realised rate slightly below the profile's when conversations are long.
/// Audio inputs (`audio_inputs:`) are merged in after the drawn stimuli (WorldGenerator+Audio.swift);
/// at equal times the stimuli keep their generation order, so ties are deterministic.
public struct WorldGenerator: Sendable {
  public let scenario: Scenario
  public let timing: TurnTiming

  public init(scenario: Scenario) {
    self.scenario = scenario
    timing = TurnTiming(session: scenario.session, parameters: scenario.worldModel)
  }

  /// The world of `seed` (default: the scenario's).
  public func generate(seed: UInt64? = nil) -> WorldTrace {
    let seed = seed ?? scenario.seed
    var stimuli: [(Stimulus, Int)] = []
    func add(_ stimulus: Stimulus) {
      if stimulus.time >= 0, stimulus.time < scenario.horizon { stimuli.append((stimulus, stimuli.count)) }
    }
    let conversations = generateConversations(seed: seed, add: add)
    for (index, source) in scenario.noise.enumerated() {
      var random = RandomStream.noise.generator(seed: seed, index: UInt64(index))
      for time in arrivals(source.burstsPerHour, using: &random) {
        add(
          Stimulus(
            time: time, kind: .noiseBurst, index: Int32(index),
            duration: max(1_000, source.length.sampleMicros(using: &random)),
            responseAudio: source.responseAudio.sampleMicros(using: &random),
            responseTextTokens: source.responseTextTokens.sampleCount(using: &random)))
      }
    }
    var commandRandom = RandomStream.commands.generator(seed: seed)
    var commandLatency = RandomStream.reconnects.generator(seed: seed, index: 1)
    for time in arrivals(scenario.commands.perHour, using: &commandRandom) {
      add(
        Stimulus(
          time: time, kind: .userCommand,
          reconnectLatency: scenario.session.reconnectLatency.sampleMicros(using: &commandLatency)))
    }
    generateAudioInputs(seed: seed, firstConversation: conversations, add: add)
    stimuli.sort { ($0.0.time, $0.1) < ($1.0.time, $1.1) }
    return WorldTrace(stimuli: stimuli.map(\.0), horizon: scenario.horizon, seed: seed)
  }

  /// Generates the conversations; returns how many were numbered.
  private func generateConversations(seed: UInt64, add: (Stimulus) -> Void) -> Int32 {
    let user = scenario.user
    var starts = RandomStream.conversations.generator(seed: seed)
    var turns = RandomStream.turns.generator(seed: seed)
    var latencies = RandomStream.reconnects.generator(seed: seed, index: 0)
    var busyUntil: Micros = -1
    var conversation: Int32 = 0
    for start in arrivals(user.conversationsPerHour, using: &starts) {
      let turnCount = max(1, user.turns.sampleCount(using: &starts))
      guard start > busyUntil else { continue }
      if scenario.commands.wakeWord {
        add(
          Stimulus(
            time: start - scenario.commands.wakeWordLead, kind: .userCommand, conversation: conversation,
            reconnectLatency: scenario.session.reconnectLatency.sampleMicros(using: &latencies)))
      }
      var time = start
      for turn in 0..<turnCount {
        // Turns that would start after the horizon never happen: end the conversation there, so a
        // heavy-tailed turn count cannot keep the generator busy past the end of the world.
        if turn > 0, time >= scenario.horizon {
          add(Stimulus(time: time, kind: .conversationEnd, conversation: conversation))
          busyUntil = time
          break
        }
        let speech = max(1_000, user.utterance.sampleMicros(using: &turns))
        let audio = user.responseAudio.sampleMicros(using: &turns)
        let text = user.responseTextTokens.sampleCount(using: &turns)
        let callDraw = turns.nextUnitDouble()
        var call: FunctionCallPlan?
        if callDraw < user.functionCalls.probability {
          call = FunctionCallPlan(
            duration: user.functionCalls.duration.sampleMicros(using: &turns),
            argumentsTokens: max(1, user.functionCalls.argumentsTokens.sampleCount(using: &turns)),
            outputTokens: user.functionCalls.outputTokens.sampleCount(using: &turns))
        }
        let think = user.thinkTime.sampleMicros(using: &turns)
        add(
          Stimulus(
            time: time, kind: .userTurn, conversation: conversation, index: Int32(turn), duration: speech,
            responseAudio: audio, responseTextTokens: text, functionCall: call,
            reconnectLatency: scenario.session.reconnectLatency.sampleMicros(using: &latencies)))
        let answerEnd =
          time + timing.commitOffset(speech: speech) + timing.answerDuration(audio: audio, functionCall: call)
        if turn == turnCount - 1 {
          let end = answerEnd + user.hangup.sampleMicros(using: &turns)
          add(Stimulus(time: end, kind: .conversationEnd, conversation: conversation))
          busyUntil = end
        } else {
          time = answerEnd + think
        }
      }
      conversation += 1
    }
    return conversation
  }

  /// Arrival times of a Poisson process with a piecewise-constant hourly rate over the horizon.
  func arrivals(_ profile: DailyProfile, using random: inout SplitMix64) -> [Micros] {
    var times: [Micros] = []
    let hour: Micros = 3_600_000_000
    var hourStart: Micros = 0
    while hourStart < scenario.horizon {
      let rate = profile.rate(at: hourStart)
      if rate > 0 {
        let gaps = Distribution.exponential(mean: Double(hour) / rate)
        var time = hourStart
        while true {
          time += max(1, gaps.sampleMicros(using: &random))
          if time >= hourStart + hour || time >= scenario.horizon { break }
          times.append(time)
        }
      }
      hourStart += hour
    }
    return times
  }
}
