import Billing
import RealtimeEvents

// Trace stimuli: user turns (with reconnect delays and conversation shifts), noise, commands,
// conversation ends; and the start and commit of an utterance.
extension Engine {
  mutating func handleStimulus(_ stimulus: Stimulus, index: Int, deferred: Bool) {
    if !deferred, let conversation = stimulus.conversation, conversation == shiftConversation, shift > 0 {
      queue.push(.stimulus(index: Int32(index)), at: now + shift)
      return
    }
    switch stimulus.kind {
    case .userTurn:
      userTurn(stimulus, index: index)
    case .noiseBurst:
      if isOpen, micStreams {
        stats.noiseBurstsHeard += 1
        startSpeech(index: index, speech: stimulus.duration)
      } else {
        stats.noiseBurstsMissed += 1
      }
    case .userCommand:
      stats.userCommands += 1
      emit(.local, .userCommand)
      if state == .closed, scenario.session.lifecycle == .alwaysOn {
        beginReconnect(latency: stimulus.reconnectLatency)
      }
    case .conversationEnd:
      if activeConversation == stimulus.conversation { activeConversation = nil }
      if shiftConversation == stimulus.conversation {
        shiftConversation = nil
        shift = 0
      }
      if scenario.session.lifecycle == .perConversation {
        switch state {
        case .open: closeSession(.hangup)
        case .connecting: state = .closed
        case .closed: break
        }
      }
    }
  }

  mutating func userTurn(_ stimulus: Stimulus, index: Int) {
    activeConversation = stimulus.conversation
    switch state {
    case .open:
      hear(stimulus, index: index)
    case .connecting(let readyAt):
      delay(stimulus, index: index, by: readyAt - now)
    case .closed:
      if scenario.session.lifecycle == .perConversation, stimulus.index == 0 {
        openSession()
        hear(stimulus, index: index)
      } else {
        beginReconnect(latency: stimulus.reconnectLatency)
        delay(stimulus, index: index, by: stimulus.reconnectLatency)
      }
    }
  }

  mutating func delay(_ stimulus: Stimulus, index: Int, by delay: Micros) {
    stats.turnsDelayed += 1
    stats.delays.append(delay)
    if shiftConversation == stimulus.conversation {
      shift += delay
    } else {
      shiftConversation = stimulus.conversation
      shift = delay
    }
    queue.push(.stimulus(index: Int32(index)), at: now + delay)
  }

  mutating func hear(_ stimulus: Stimulus, index: Int) {
    if stimulus.index > 0, lastTurnConversation == stimulus.conversation, lastTurnSession != sessionID,
      memoryLostConversation != stimulus.conversation
    {
      stats.conversationsMemoryLost += 1
      memoryLostConversation = stimulus.conversation
    }
    lastTurnConversation = stimulus.conversation
    lastTurnSession = sessionID
    stats.genuineTurns += 1
    unansweredTurns += 1
    startSpeech(index: index, speech: stimulus.duration)
  }

  mutating func startSpeech(index: Int, speech: Micros) {
    repromptToken += 1
    consecutiveReprompts = 0
    if micStreams {
      emit(.server, .speechStarted(audioStart: nil))
      bargeInIfAudible()
    } else {
      emit(.client, .inputAudioAppend(bytes: speech * inputBytesPerSecond / 1_000_000))
    }
    queue.push(
      .commit(index: Int32(index), session: sessionID), at: now + timing.commitOffset(speech: speech))
  }

  mutating func commit(_ stimulus: Stimulus) {
    let committed =
      stimulus.committedAudio > 0 ? stimulus.committedAudio : timing.committedAudio(speech: stimulus.duration)
    if micStreams {
      emit(.server, .speechStopped(audioEnd: nil))
      emit(.server, .inputAudioCommitted)
    } else {
      emit(.client, .inputAudioCommit)
    }
    emit(.server, .conversationItemAdded(ConversationItemInfo(type: .message, role: .user)))
    context.addUserAudio(committed)
    if scenario.session.transcriptionModel != nil {
      queue.push(
        .transcription(committed: committed, session: sessionID), at: now + parameters.transcriptionDelay)
    }
    if !micStreams { emit(.client, .responseCreate) }
    let noise = stimulus.kind == .noiseBurst
    if !noise, stimulus.functionCall == nil,
      delegates(turn: Int(stimulus.index) &+ Int(stimulus.conversation ?? 0) &* 1_000_003)
    {
      delegate()
    }
    startResponse(
      origin: noise ? .noise : .genuine, audio: stimulus.responseAudio,
      transcript: stimulus.responseTextTokens, call: noise ? nil : stimulus.functionCall)
  }
}
