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
    nextResponseID &+= 1
    if nextResponseID == 0 { nextResponseID = 1 }
    let truncationsBefore = context.truncations
    var response = ActiveResponse(
      id: nextResponseID, origin: origin, audio: audio, transcript: transcript, call: call, createdAt: now)
    if let call {
      response.usage = context.respond(
        at: now,
        output: ResponseOutput(
          audio: 0, transcriptTokens: 0, functionCallArgumentsTokens: call.argumentsTokens,
          reasoningTokens: timing.reasoningTokens))
      response.alwaysCached = context.lastAlwaysCached
      queue.push(
        .functionArgumentsDone(slot: slot, session: sessionID), at: now + parameters.functionCallLatency)
    } else {
      response.usage = context.respond(
        at: now,
        output: ResponseOutput(
          audio: audio, transcriptTokens: transcript, reasoningTokens: timing.reasoningTokens))
      response.alwaysCached = context.lastAlwaysCached
      startAnswer(&response, slot: slot)
    }
    stats.truncations += context.truncations - truncationsBefore
    responses[Int(slot)] = response
    emit(.server, .responseCreated(responseID: nil))
  }

  /// Schedules an answer's first audio delta and makes it the one a barge-in would interrupt.
  mutating func startAnswer(_ response: inout ActiveResponse, slot: Int32) {
    let firstChunk = now + timing.firstAudioLatency
    response.firstChunkAt = firstChunk
    // Coalesced: one event at the last chunk's time (n chunks at firstChunk + k·interval).
    let chunks = max(1, (response.audio + parameters.audioDeltaDuration - 1) / parameters.audioDeltaDuration)
    let at = detail == .full ? firstChunk : firstChunk + (chunks - 1) * parameters.audioDeltaInterval
    queue.push(
      .audioDelta(slot: slot, response: response.id, remaining: response.audio, session: sessionID), at: at)
    if micStreams, scenario.session.interruptResponse {
      audible = AudibleAnswer(
        slot: slot, id: response.id, playStart: now + timing.firstAudioLatency, audio: response.audio,
        generating: true)
    }
  }

  mutating func functionArgumentsDone(slot: Int32) {
    let response = responses[Int(slot)]
    guard let call = response.call else { return }
    stats.functionCalls += 1
    emit(.server, .functionCallArgumentsDone(callID: nil, name: nil))
    finish(response, status: .completed, functionCalls: oneCallArray)
    queue.push(.toolDone(slot: slot, session: sessionID), at: now + call.duration)
  }

  mutating func toolDone(slot: Int32) {
    var response = responses[Int(slot)]
    guard let call = response.call else { return }
    emit(.client, .conversationItemCreate(ConversationItemInfo(type: .functionCallOutput)))
    context.addFunctionCallOutput(tokens: call.outputTokens)
    emit(.client, .responseCreate)
    let truncationsBefore = context.truncations
    response.usage = context.respond(
      at: now,
      output: ResponseOutput(
        audio: response.audio, transcriptTokens: response.transcript, reasoningTokens: timing.reasoningTokens)
    )
    response.alwaysCached = context.lastAlwaysCached
    stats.truncations += context.truncations - truncationsBefore
    response.call = nil
    response.createdAt = now
    startAnswer(&response, slot: slot)
    responses[Int(slot)] = response
    emit(.server, .responseCreated(responseID: nil))
  }

  mutating func audioDelta(slot: Int32, remaining: Int64, id: UInt32) {
    guard responses[Int(slot)].id == id else { return }  // cancelled by a barge-in
    if detail == .coalesced {
      let response = responses[Int(slot)]
      if response.generated < response.audio {
        emit(.server, .outputAudioDelta(bytes: deltaBytes(from: response.generated, to: response.audio)))
        responses[Int(slot)].generated = response.audio
      }
    } else if remaining > 0 {
      let chunk = min(remaining, parameters.audioDeltaDuration)
      emit(.server, .outputAudioDelta(bytes: chunk * outputBytesPerSecond / 1_000_000))
      responses[Int(slot)].generated += chunk
      if remaining > chunk {
        queue.push(
          .audioDelta(slot: slot, response: id, remaining: remaining - chunk, session: sessionID),
          at: now + parameters.audioDeltaInterval)
        return
      }
    }
    let response = responses[Int(slot)]
    finish(response, status: .completed, functionCalls: [])
    release(slot)
    if audible?.id == id { audible?.generating = false }
    if let idle = scenario.session.idleTimeout, micStreams {
      let playbackEnd = response.createdAt + timing.firstAudioLatency + response.audio
      // Only the latest answer's timer may fire: a new token invalidates earlier ones.
      repromptToken += 1
      queue.push(.reprompt(token: repromptToken, session: sessionID), at: max(now, playbackEnd + idle))
    }
  }

  /// Frees a finished or cancelled response's slot; its pending deltas no longer match.
  mutating func release(_ slot: Int32) {
    if responses[Int(slot)].origin == .genuine { unansweredTurns = max(0, unansweredTurns - 1) }
    responses[Int(slot)].id = 0
    freeSlots.append(slot)
  }

  /// Speech while the newest answer is still generating or playing (server VAD with
  /// `interrupt_response`): a response still generating is cancelled (`turn_detected`) and billed for
  /// the audio generated so far (DESIGN §1: cancelled responses are billed); either way the client
  /// truncates the answer in the conversation to what was played.
  mutating func bargeInIfAudible() {
    guard let answer = audible, now < answer.playStart + answer.audio else { return }
    if detail == .coalesced { flushStreams(upTo: now) }
    audible = nil
    if answer.generating, responses[Int(answer.slot)].id == answer.id {
      var response = responses[Int(answer.slot)]
      response.usage.audioOut = WorldModelParameters.audioTokens(
        response.generated, perSecond: parameters.assistantAudioTokensPerSecond)
      // The reasoning came before any audio: a cut answer is billed for all of it.
      response.usage.textOut =
        timing.reasoningTokens
        + (response.audio > 0
          ? response.transcript * response.generated / response.audio : response.transcript)
      finish(response, status: .cancelled, functionCalls: [])
      stats.cancelledResponses += 1
      release(answer.slot)
    }
    stats.bargeIns += 1
    emit(.server, .conversationItemTruncated(audioEnd: nil))
    context.truncateLastAnswer(keepingAudio: now - answer.playStart, of: answer.audio)
  }

  mutating func finish(_ response: ActiveResponse, status: ResponseStatus, functionCalls: [FunctionCall]) {
    stats.responses[Int(response.origin.rawValue)] += 1
    stats.tokens.add(response.usage)
    // The bound keeps the response's own output (a cancelled one is billed for what it generated).
    var bound = response.usage
    for category in [TokenCategory.textIn, .textInCached, .audioIn, .audioInCached] {
      bound[category] = response.alwaysCached[category]
    }
    stats.alwaysCachedTokens.add(bound)
    if response.origin != .genuine { stats.avoidableTokens.add(response.usage) }
    emit(
      .server,
      .responseDone(
        ResponseDone(
          status: status, reason: status == .cancelled ? "turn_detected" : nil,
          usage: ResponseUsage(counts: response.usage), functionCalls: functionCalls)))
  }

  mutating func reprompt(token: Int64) {
    guard token == repromptToken else { return }
    if let limit = parameters.maxConsecutiveReprompts, consecutiveReprompts >= limit { return }
    consecutiveReprompts += 1
    emit(.server, .inputAudioTimeoutTriggered)
    emit(.server, .inputAudioCommitted)
    emit(.server, .conversationItemAdded(ConversationItemInfo(type: .message, role: .user)))
    context.addUserAudio(0)
    startResponse(
      origin: .reprompt, audio: parameters.repromptAudio, transcript: parameters.repromptTextTokens, call: nil
    )
  }

  mutating func transcription(committed: Micros) {
    guard let model = scenario.session.transcriptionModel else { return }
    let usage = TranscriptionBilling.usage(
      byDuration: scenario.session.transcriptionByDuration ?? (model == "whisper-1"), committed: committed,
      parameters: parameters)
    switch usage {
    case .duration(let micros): stats.transcribedDuration += micros
    case .tokens(_, let output, _, let audio):
      stats.transcriptionAudioTokens += audio ?? 0
      stats.transcriptionTextTokens += output
    }
    emit(.server, .transcriptionCompleted(usage))
  }
}
