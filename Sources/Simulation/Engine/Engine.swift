import Billing
public import RealtimeEvents

/// The synchronous discrete-event loop (DESIGN §3): runs one ``WorldTrace`` under one policy and
/// emits the Realtime events a real session would see, with `response.done` usage from the
/// ``ConversationContext`` world model.
///
/// Time is virtual (Int64 µs); events wait in a min-heap keyed by (time, sequence), and trace
/// stimuli are merged in lazily from the time-ordered trace. At equal times, heap events come
/// before trace stimuli. Each event goes to the consumer and then the policy as it is made; the
/// policy's actions are applied after the handler's events, at the same virtual time. Nothing in
/// the loop allocates per event once buffers have grown: events are plain values, the session
/// configuration is built once, and the policy is a generic parameter rather than an existential.
/// An engine runs once; make another for another run (they are cheap).
///
/// The handlers live in `Engine+Stimuli.swift`, `Engine+Responses.swift` and `Engine+Sessions.swift`.
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
  public internal(set) var policy: Policy
  /// Counts of what happened so far.
  public internal(set) var stats = EngineStats()

  let timing: TurnTiming
  let parameters: WorldModelParameters
  let config: SessionConfig
  let micStreams: Bool
  let inputBytesPerSecond: Int64
  let outputBytesPerSecond: Int64
  /// How finely streaming audio is reported (see ``EventDetail``).
  public let detail: EventDetail
  var context: ConversationContext
  var queue = EventQueue()
  var sink: ((TimedEvent) -> Void)? = nil
  var hasRun = false
  var pendingActions: [PolicyAction] = []
  var responses: [ActiveResponse] = []
  var freeSlots: [Int32] = []
  var now: Micros = 0
  /// The time of the last event delivered (coalesced flushes are never earlier).
  var lastEmitted: Micros = 0
  /// Coalesced mode: when the open session's mic started streaming, and the appends reported since.
  var micOpenedAt: Micros = 0
  var micTicksReported: Int64 = 0

  enum SessionState { case closed, connecting, open }
  var state = SessionState.closed
  var sessionID: UInt32 = 0
  var sessionOpenedAt: Micros = 0
  var readyAt: Micros = 0
  var reconnectPending = false
  var scheduledCheck: Micros? = nil
  var repromptToken: Int64 = 0
  var consecutiveReprompts = 0
  var activeConversation: Int32 = -1
  var shiftConversation: Int32 = -1
  var shift: Micros = 0
  var lastTurnConversation: Int32 = -1
  var lastTurnSession: UInt32 = 0
  var memoryLostConversation: Int32 = -1
  /// Genuine turns heard whose spoken answer has not finished yet.
  var unansweredTurns = 0
  var nextResponseID: UInt32 = 0
  /// The newest answer while it can still be interrupted (generating or playing); slot −1 if none.
  var audible = AudibleAnswer()

  /// What a barge-in needs to know about the answer being heard.
  struct AudibleAnswer {
    var slot: Int32 = -1
    var id: UInt32 = 0
    var playStart: Micros = 0
    var audio: Micros = 0
    var generating = false
  }

  /// The one function call a function-calling response reports (built once, shared by every event).
  let oneCallArray: [FunctionCall] = [FunctionCall(name: nil, callID: nil)]

  /// A response in flight.
  struct ActiveResponse {
    /// Nonzero while the response is live; its audio deltas carry it as their tag.
    var id: UInt32 = 0
    /// Audio generated (sent as deltas) so far.
    var generated: Micros = 0
    var origin: ResponseOrigin = .genuine
    var usage = TokenCounts.zero
    var audio: Micros = 0
    var transcript: Int64 = 0
    var call: FunctionCallPlan? = nil
    var createdAt: Micros = 0
    /// When the answer's first audio delta is due (coalesced mode reports chunks by time).
    var firstChunkAt: Micros = 0
  }

  /// An engine for one run of `trace` under `policy`, reporting audio at `detail`.
  public init(scenario: Scenario, trace: WorldTrace, policy: Policy, detail: EventDetail = .full) {
    self.detail = detail
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
    precondition(!hasRun, "an Engine runs once; create another for another run")
    hasRun = true
    // The consumer is stored for the duration of the run only, so that `emit` can deliver each
    // event where it is made instead of copying it through an outbox.
    withoutActuallyEscaping(consumer) { consumer in
      sink = consumer
      defer { sink = nil }
      loop()
    }
    policy.record(into: &stats)
    return stats
  }

  mutating func loop() {
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
      // Events at the horizon itself are past the run (the loop stops before them).
      flushStreams(upTo: horizon - 1)
      closeSession()
      settle()
    }
  }

  // MARK: Delivery

  /// Delivers one event to the consumer and the policy; the policy's actions wait for ``settle()``.
  mutating func emit(_ direction: EventDirection, _ event: RealtimeEvent) {
    emit(direction, event, at: now)
  }

  /// Delivers one event stamped `time` (≤ ``now``; a coalesced flush reports a run at the time of
  /// its last chunk).
  mutating func emit(_ direction: EventDirection, _ event: RealtimeEvent, at time: Micros) {
    let timed = TimedEvent(time: time, direction: direction, event: event)
    sink!(timed)
    stats.events += 1
    lastEmitted = time
    let actions = policy.observe(timed, at: time)
    if !actions.isEmpty { pendingActions.append(contentsOf: actions) }
  }

  /// Applies the policy's actions after a handler's events (applying one may emit more events and
  /// so more actions), then keeps the policy's next check scheduled.
  mutating func settle() {
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

  mutating func apply(_ action: PolicyAction) {
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

  mutating func handle(_ event: ScheduledEvent, _ stimuli: [Stimulus]) {
    switch event.kind {
    case .stimulus:
      handleStimulus(stimuli[Int(event.slot)], index: Int(event.slot), deferred: true)
      return
    case .policyCheck:
      guard scheduledCheck == event.value else { return }
      scheduledCheck = nil
      if detail == .coalesced, state == .open, policy.streamingIsActivity { flushStreams(upTo: now) }
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
      audioDelta(slot: event.slot, remaining: event.value, id: event.tag)
    case .transcription:
      transcription(committed: event.value)
    case .sessionExpired:
      if detail == .coalesced { flushStreams(upTo: now) }
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
}
