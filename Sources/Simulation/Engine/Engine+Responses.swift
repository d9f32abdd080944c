import Billing
import RealtimeEvents

// Responses: creation with world-model usage, function call round trips, audio deltas,
// response.done, server idle-timeout re-prompts and transcription.
extension Engine {
  mutating func startResponse(
    origin: ResponseOrigin, audio: Micros, transcript: Int64, call: FunctionCallPlan?
  ) {
    let slot: Int32
    if let free = freeSlots.popLast() {
      slot = free
    } else {
      slot = Int32(responses.count)
      responses.append(ActiveResponse())
    }
    let truncationsBefore = context.truncations
    var response = ActiveResponse(
      origin: origin, audio: audio, transcript: transcript, call: call, createdAt: now)
    if let call {
      response.usage = context.respond(
        at: now,
        output: ResponseOutput(
          audio: 0, transcriptTokens: 0, functionCallArgumentsTokens: call.argumentsTokens))
      queue.push(
        .functionArgumentsDone, at: now + parameters.functionCallLatency, session: sessionID, slot: slot)
    } else {
      response.usage = context.respond(
        at: now, output: ResponseOutput(audio: audio, transcriptTokens: transcript))
      queue.push(
        .audioDelta, at: now + parameters.firstAudioLatency, session: sessionID, slot: slot, value: audio)
    }
    stats.truncations += context.truncations - truncationsBefore
    responses[Int(slot)] = response
    emit(.server, .responseCreated(responseID: nil))
  }

  mutating func functionArgumentsDone(slot: Int32) {
    let response = responses[Int(slot)]
    guard let call = response.call else { return }
    stats.functionCalls += 1
    emit(.server, .functionCallArgumentsDone(callID: nil, name: nil))
    finish(response, functionCalls: oneCallArray)
    queue.push(.toolDone, at: now + call.duration, session: sessionID, slot: slot)
  }

  mutating func toolDone(slot: Int32) {
    var response = responses[Int(slot)]
    guard let call = response.call else { return }
    emit(.client, .conversationItemCreate(ConversationItemInfo(type: "function_call_output", role: nil)))
    context.addFunctionCallOutput(tokens: call.outputTokens)
    emit(.client, .responseCreate)
    let truncationsBefore = context.truncations
    response.usage = context.respond(
      at: now, output: ResponseOutput(audio: response.audio, transcriptTokens: response.transcript))
    stats.truncations += context.truncations - truncationsBefore
    response.call = nil
    response.createdAt = now
    responses[Int(slot)] = response
    emit(.server, .responseCreated(responseID: nil))
    queue.push(
      .audioDelta, at: now + parameters.firstAudioLatency, session: sessionID, slot: slot,
      value: response.audio)
  }

  mutating func audioDelta(slot: Int32, remaining: Int64) {
    if remaining > 0 {
      let chunk = min(remaining, parameters.audioDeltaDuration)
      emit(.server, .outputAudioDelta(bytes: chunk * outputBytesPerSecond / 1_000_000))
      if remaining > chunk {
        queue.push(
          .audioDelta, at: now + parameters.audioDeltaInterval, session: sessionID, slot: slot,
          value: remaining - chunk)
        return
      }
    }
    let response = responses[Int(slot)]
    finish(response, functionCalls: [])
    if response.origin == .genuine { unansweredTurns = max(0, unansweredTurns - 1) }
    freeSlots.append(slot)
    if let idle = scenario.session.idleTimeout, micStreams {
      let playbackEnd = response.createdAt + parameters.firstAudioLatency + response.audio
      // Only the latest answer's timer may fire: a new token invalidates earlier ones.
      repromptToken += 1
      queue.push(.reprompt, at: max(now, playbackEnd + idle), session: sessionID, value: repromptToken)
    }
  }

  mutating func finish(_ response: ActiveResponse, functionCalls: [FunctionCall]) {
    stats.responses[Int(response.origin.rawValue)] += 1
    stats.tokens.add(response.usage)
    if response.origin != .genuine { stats.avoidableTokens.add(response.usage) }
    emit(
      .server,
      .responseDone(
        ResponseDone(
          status: .completed, usage: ResponseUsage(counts: response.usage), functionCalls: functionCalls)))
  }

  mutating func reprompt(token: Int64) {
    guard token == repromptToken else { return }
    if let limit = parameters.maxConsecutiveReprompts, consecutiveReprompts >= limit { return }
    consecutiveReprompts += 1
    emit(.server, .inputAudioTimeoutTriggered)
    emit(.server, .inputAudioCommitted)
    emit(.server, .conversationItemAdded(ConversationItemInfo(type: "message", role: "user")))
    context.addUserAudio(0)
    startResponse(
      origin: .reprompt, audio: parameters.repromptAudio, transcript: parameters.repromptTextTokens, call: nil
    )
  }

  mutating func transcription(committed: Micros) {
    guard let model = scenario.session.transcriptionModel else { return }
    let usage = TranscriptionBilling.usage(model: model, committed: committed, parameters: parameters)
    switch usage {
    case .duration(let micros): stats.transcribedDuration += micros
    case .tokens(_, let output, _, let audio):
      stats.transcriptionAudioTokens += audio ?? 0
      stats.transcriptionTextTokens += output
    }
    emit(.server, .transcriptionCompleted(usage))
  }
}
