public import Billing
public import RealtimeEvents

/// The synchronous discrete-event loop (DESIGN §3): runs one ``WorldTrace`` under one policy and
/// emits the Realtime events a real session would see, with `response.done` usage from the
/// ``ConversationContext`` world model.
///
/// Time is virtual (Int64 µs); events wait in a min-heap keyed by (time, sequence), and trace
/// stimuli are merged in lazily from the time-ordered trace. At equal times, heap events come
/// before trace stimuli. Each event goes to the consumer and then the policy as it is made; the
/// policy's actions are applied after the handler's events, at the same virtual time. Nothing in the loop allocates per event once buffers have grown: events
/// are plain values, the session configuration is built once, and the policy is a generic
/// parameter rather than an existential.
///
/// Reconnects: after a policy closes the session, noise is no longer heard (the mic is closed)
/// and the next genuine turn or user command reconnects; the turn waits for the stimulus's
/// reconnect latency, and the rest of its conversation shifts by the same delay. A reconnect
/// starts with an empty context and a cold cache; a conversation that continues in a new session
/// has lost its memory. The session cap closes the session with `session_expired`; always-on apps
/// (and a conversation in progress) reconnect after ``WorldModelParameters/expiryReconnectLatency``.
public struct Engine<Policy: SessionPolicy> {
  public let scenario: Scenario
  public let trace: WorldTrace
  /// The policy, as it stands after the run.
  public private(set) var policy: Policy
  /// Counts of what happened so far.
  public private(set) var stats = EngineStats()

  private let timing: TurnTiming
  private let parameters: WorldModelParameters
  private let config: SessionConfig
  private let micStreams: Bool
  private let inputBytesPerSecond: Int64
  private let outputBytesPerSecond: Int64
  private var context: ConversationContext
  private var queue = EventQueue()
  private var sink: ((TimedEvent) -> Void)? = nil
  private var pendingActions: [PolicyAction] = []
  private var responses: [ActiveResponse] = []
  private var freeSlots: [Int32] = []
  private var now: Micros = 0

  private enum SessionState { case closed, connecting, open }
  private var state = SessionState.closed
  private var sessionID: UInt32 = 0
  private var sessionOpenedAt: Micros = 0
  private var readyAt: Micros = 0
  private var reconnectPending = false
  private var scheduledCheck: Micros? = nil
  private var repromptToken: Int64 = 0
  private var consecutiveReprompts = 0
  private var activeConversation: Int32 = -1
  private var shiftConversation: Int32 = -1
  private var shift: Micros = 0
  private var lastTurnConversation: Int32 = -1
  private var lastTurnSession: UInt32 = 0
  private var memoryLostConversation: Int32 = -1

  /// The one function call a function-calling response reports (built once, shared by every event).
  private let oneCallArray: [FunctionCall] = [FunctionCall(name: nil, callID: nil)]

  /// A response in flight.
  private struct ActiveResponse {
    var origin: ResponseOrigin = .genuine
    var usage = TokenCounts.zero
    var audio: Micros = 0
    var transcript: Int64 = 0
    var call: FunctionCallPlan? = nil
    var createdAt: Micros = 0
  }

  public init(scenario: Scenario, trace: WorldTrace, policy: Policy) {
    self.scenario = scenario
    self.trace = trace
    self.policy = policy
    parameters = scenario.worldModel
    timing = TurnTiming(session: scenario.session, parameters: scenario.worldModel)
    let session = scenario.session
    micStreams = session.turnDetection.micStreams
    inputBytesPerSecond = session.inputAudioFormat.bytesPerSecond
    outputBytesPerSecond = session.outputAudioFormat.bytesPerSecond
    config = SessionConfig(
      model: scenario.model, inputAudioFormat: session.inputAudioFormat,
      outputAudioFormat: session.outputAudioFormat,
      turnDetection: session.turnDetection == .none
        ? nil
        : TurnDetection(
          type: session.turnDetection.rawValue, prefixPaddingMs: Int(session.prefixPadding / 1_000),
          silenceDurationMs: Int(session.silenceDuration / 1_000),
          idleTimeoutMs: session.idleTimeout.map { Int($0 / 1_000) }, createResponse: true),
      transcriptionModel: session.transcriptionModel)
    context = ConversationContext(
      parameters: scenario.worldModel, promptTokens: session.promptTokens, truncation: session.truncation)
    pendingActions.reserveCapacity(4)
    responses.reserveCapacity(8)
  }

  /// Runs the whole horizon, delivering every event to `consumer` in time order.
  ///
  /// - Returns: the run's counts (also kept in ``stats``).
  /// - Complexity: O(e log q) for e events and at most q scheduled at once (q stays small).
  public mutating func run(_ consumer: (TimedEvent) -> Void) -> EngineStats {
    // The consumer is stored for the duration of the run only, so that `emit` can deliver each
    // event where it is made instead of copying it through an outbox.
    withoutActuallyEscaping(consumer) { consumer in
      sink = consumer
      defer { sink = nil }
      loop()
    }
    return stats
  }

  private mutating func loop() {
    let stimuli = trace.stimuli
    let horizon = trace.horizon
    var traceIndex = 0
    if scenario.session.lifecycle == .alwaysOn {
      openSession()
      settle()
    }
    while true {
      let stimulusTime = traceIndex < stimuli.count ? stimuli[traceIndex].time : Micros.max
      let eventTime = queue.nextTime ?? Micros.max
      let time = min(stimulusTime, eventTime)
      if time >= horizon { break }
      now = time
      if eventTime <= stimulusTime {
        handle(queue.pop()!, stimuli)
      } else {
        handleStimulus(stimuli[traceIndex], index: traceIndex, deferred: false)
        traceIndex += 1
      }
      settle()
    }
    now = horizon
    if state == .open {
      closeSession()
      settle()
    }
  }

  // MARK: Delivery

  /// Delivers one event to the consumer and the policy; the policy's actions wait for ``settle()``.
  private mutating func emit(_ direction: EventDirection, _ event: RealtimeEvent) {
    let timed = TimedEvent(time: now, direction: direction, event: event)
    sink!(timed)
    stats.events += 1
    let actions = policy.observe(timed, at: now)
    if !actions.isEmpty { pendingActions.append(contentsOf: actions) }
  }

  /// Applies the policy's actions after a handler's events (applying one may emit more events and
  /// so more actions), then keeps the policy's next check scheduled.
  private mutating func settle() {
    while !pendingActions.isEmpty {
      let action = pendingActions.removeFirst()
      apply(action)
    }
    let next = policy.nextCheck
    if next != scheduledCheck {
      scheduledCheck = next
      if let next { queue.push(.policyCheck, at: max(next, now), session: 0, value: next) }
    }
  }

  private mutating func apply(_ action: PolicyAction) {
    switch action {
    case .disconnect(let reason):
      guard state == .open else { return }
      switch reason {
      case .idle: stats.idleDisconnects += 1
      case .budget: stats.budgetDisconnects += 1
      }
      closeSession()
    }
  }

  // MARK: Scheduled events

  private mutating func handle(_ event: ScheduledEvent, _ stimuli: [Stimulus]) {
    switch event.kind {
    case .stimulus:
      handleStimulus(stimuli[Int(event.slot)], index: Int(event.slot), deferred: true)
      return
    case .policyCheck:
      guard scheduledCheck == event.value else { return }
      scheduledCheck = nil
      let actions = policy.check(at: now)
      if !actions.isEmpty { pendingActions.append(contentsOf: actions) }
      return
    case .sessionReady:
      guard state == .connecting, readyAt == event.value else { return }
      openSession()
      return
    default:
      break
    }
    guard state == .open, event.session == sessionID else { return }
    switch event.kind {
    case .commit:
      commit(stimuli[Int(event.slot)])
    case .reprompt:
      reprompt(token: event.value)
    case .functionArgumentsDone:
      functionArgumentsDone(slot: event.slot)
    case .toolDone:
      toolDone(slot: event.slot)
    case .audioDelta:
      audioDelta(slot: event.slot, remaining: event.value)
    case .transcription:
      transcription(committed: event.value)
    case .sessionExpired:
      stats.expiries += 1
      emit(.server, .error(code: "session_expired", message: nil))
      closeSession()
      if scenario.session.lifecycle == .alwaysOn || activeConversation >= 0 {
        beginReconnect(latency: parameters.expiryReconnectLatency)
      }
    case .micTick:
      emit(.client, .inputAudioAppend(bytes: parameters.micAppendInterval * inputBytesPerSecond / 1_000_000))
      queue.push(.micTick, at: now + parameters.micAppendInterval, session: sessionID)
    case .stimulus, .policyCheck, .sessionReady:
      break
    }
  }

  // MARK: Stimuli

  private mutating func handleStimulus(_ stimulus: Stimulus, index: Int, deferred: Bool) {
    if !deferred, stimulus.conversation >= 0, stimulus.conversation == shiftConversation, shift > 0 {
      queue.push(.stimulus, at: now + shift, session: 0, slot: Int32(index))
      return
    }
    switch stimulus.kind {
    case .userTurn:
      userTurn(stimulus, index: index)
    case .noiseBurst:
      if state == .open, micStreams {
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
      if activeConversation == stimulus.conversation { activeConversation = -1 }
      if shiftConversation == stimulus.conversation {
        shiftConversation = -1
        shift = 0
      }
      if scenario.session.lifecycle == .perConversation {
        if state == .open {
          closeSession()
        } else if state == .connecting {
          state = .closed
          reconnectPending = false
        }
      }
    }
  }

  private mutating func userTurn(_ stimulus: Stimulus, index: Int) {
    activeConversation = stimulus.conversation
    switch state {
    case .open:
      hear(stimulus, index: index)
    case .connecting:
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

  private mutating func delay(_ stimulus: Stimulus, index: Int, by delay: Micros) {
    stats.turnsDelayed += 1
    stats.delays.append(delay)
    if shiftConversation == stimulus.conversation {
      shift += delay
    } else {
      shiftConversation = stimulus.conversation
      shift = delay
    }
    queue.push(.stimulus, at: now + delay, session: 0, slot: Int32(index))
  }

  private mutating func hear(_ stimulus: Stimulus, index: Int) {
    if stimulus.index > 0, lastTurnConversation == stimulus.conversation, lastTurnSession != sessionID,
      memoryLostConversation != stimulus.conversation
    {
      stats.conversationsMemoryLost += 1
      memoryLostConversation = stimulus.conversation
    }
    lastTurnConversation = stimulus.conversation
    lastTurnSession = sessionID
    stats.genuineTurns += 1
    startSpeech(index: index, speech: stimulus.duration)
  }

  private mutating func startSpeech(index: Int, speech: Micros) {
    repromptToken += 1
    consecutiveReprompts = 0
    if micStreams {
      emit(.server, .speechStarted)
    } else {
      emit(.client, .inputAudioAppend(bytes: speech * inputBytesPerSecond / 1_000_000))
    }
    queue.push(.commit, at: now + timing.commitOffset(speech: speech), session: sessionID, slot: Int32(index))
  }

  private mutating func commit(_ stimulus: Stimulus) {
    let committed = timing.committedAudio(speech: stimulus.duration)
    if micStreams {
      emit(.server, .speechStopped)
      emit(.server, .inputAudioCommitted)
    } else {
      emit(.client, .inputAudioCommit)
    }
    emit(.server, .conversationItemAdded(ConversationItemInfo(type: "message", role: "user")))
    context.addUserAudio(committed)
    if scenario.session.transcriptionModel != nil {
      queue.push(
        .transcription, at: now + parameters.transcriptionDelay, session: sessionID, value: committed)
    }
    if !micStreams { emit(.client, .responseCreate) }
    let noise = stimulus.kind == .noiseBurst
    startResponse(
      origin: noise ? .noise : .genuine, audio: stimulus.responseAudio,
      transcript: stimulus.responseTextTokens, call: noise ? nil : stimulus.functionCall)
  }

  // MARK: Responses

  private mutating func startResponse(
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

  private mutating func functionArgumentsDone(slot: Int32) {
    let response = responses[Int(slot)]
    guard let call = response.call else { return }
    stats.functionCalls += 1
    emit(.server, .functionCallArgumentsDone(callID: nil, name: nil))
    finish(response, functionCalls: oneCallArray)
    queue.push(.toolDone, at: now + call.duration, session: sessionID, slot: slot)
  }

  private mutating func toolDone(slot: Int32) {
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

  private mutating func audioDelta(slot: Int32, remaining: Int64) {
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
    freeSlots.append(slot)
    if let idle = scenario.session.idleTimeout, micStreams {
      let playbackEnd = response.createdAt + parameters.firstAudioLatency + response.audio
      // Only the latest answer's timer may fire: a new token invalidates earlier ones.
      repromptToken += 1
      queue.push(.reprompt, at: max(now, playbackEnd + idle), session: sessionID, value: repromptToken)
    }
  }

  private mutating func finish(_ response: ActiveResponse, functionCalls: [FunctionCall]) {
    stats.responses[Int(response.origin.rawValue)] += 1
    stats.tokens.add(response.usage)
    if response.origin != .genuine { stats.avoidableTokens.add(response.usage) }
    emit(
      .server,
      .responseDone(
        ResponseDone(
          status: .completed, usage: ResponseUsage(counts: response.usage), functionCalls: functionCalls)))
  }

  private mutating func reprompt(token: Int64) {
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

  private mutating func transcription(committed: Micros) {
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

  // MARK: Sessions

  private mutating func openSession() {
    sessionID &+= 1
    state = .open
    sessionOpenedAt = now
    stats.sessions += 1
    if reconnectPending { stats.reconnects += 1 }
    reconnectPending = false
    context.reset()
    responses.removeAll(keepingCapacity: true)
    freeSlots.removeAll(keepingCapacity: true)
    repromptToken += 1
    consecutiveReprompts = 0
    emit(.server, .sessionCreated(config))
    queue.push(.sessionExpired, at: now + scenario.session.sessionCap, session: sessionID)
    if micStreams { queue.push(.micTick, at: now + parameters.micAppendInterval, session: sessionID) }
  }

  private mutating func closeSession() {
    state = .closed
    stats.connectedTime += now - sessionOpenedAt
    sessionID &+= 1
    emit(.local, .passthrough(type: EngineMarkers.sessionClosed))
  }

  private mutating func beginReconnect(latency: Micros) {
    state = .connecting
    readyAt = now + latency
    reconnectPending = true
    queue.push(.sessionReady, at: readyAt, session: 0, value: readyAt)
  }
}
