import RealtimeEvents

extension WorldGenerator {
  /// The stimuli of the scenario's audio inputs, in entry order, then start order.
  ///
  /// Timing comes from the file (``AudioStimuli``); what the world adds is drawn from seeded streams
  /// of their own, so audio inputs never reshuffle the drawn user turns, noise or commands:
  /// entry i draws its answers (audio, transcript, function call) from the `turns` stream at index
  /// 1 + i and its reconnect latencies from the `reconnects` stream at index 2 + i. A genuine file
  /// (each daily repetition) is one conversation, numbered after the drawn ones, that ends a
  /// `hangup` after its last answer's playback; noise bursts count under noise source
  /// `noise.count + i`.
  func generateAudioInputs(seed: UInt64, firstConversation: Int32, add: (Stimulus) -> Void) {
    let user = scenario.user
    let noiseDefaults = NoiseSource(name: "audio", burstsPerHour: DailyProfile(constant: 0))
    var conversation = firstConversation
    for (index, input) in scenario.audioInputs.enumerated() {
      var answers = RandomStream.turns.generator(seed: seed, index: 1 + UInt64(index))
      var latencies = RandomStream.reconnects.generator(seed: seed, index: 2 + UInt64(index))
      let responseAudio =
        input.responseAudio ?? (input.genuine ? user.responseAudio : noiseDefaults.responseAudio)
      let responseText =
        input.responseTextTokens
        ?? (input.genuine ? user.responseTextTokens : noiseDefaults.responseTextTokens)
      for start in input.startTimes(horizon: scenario.horizon) {
        let stimuli = AudioStimuli.stimuli(
          clip: input.clip, at: start, genuine: input.genuine, conversation: conversation,
          noiseIndex: Int32(scenario.noise.count + index))
        var answerEnd: Micros = start
        for var stimulus in stimuli {
          stimulus.responseAudio = responseAudio.sampleMicros(using: &answers)
          stimulus.responseTextTokens = responseText.sampleCount(using: &answers)
          if input.genuine {
            let callDraw = answers.nextUnitDouble()
            if callDraw < user.functionCalls.probability {
              stimulus.functionCall = FunctionCallPlan(
                duration: user.functionCalls.duration.sampleMicros(using: &answers),
                argumentsTokens: max(1, user.functionCalls.argumentsTokens.sampleCount(using: &answers)),
                outputTokens: user.functionCalls.outputTokens.sampleCount(using: &answers))
            }
            stimulus.reconnectLatency = scenario.session.reconnectLatency.sampleMicros(using: &latencies)
          }
          answerEnd =
            stimulus.time + timing.commitOffset(speech: stimulus.duration)
            + timing.answerDuration(audio: stimulus.responseAudio, functionCall: stimulus.functionCall)
          add(stimulus)
        }
        if input.genuine, !stimuli.isEmpty {
          add(
            Stimulus(
              time: answerEnd + user.hangup.sampleMicros(using: &answers), kind: .conversationEnd,
              conversation: conversation))
          conversation += 1
        }
      }
    }
  }
}
