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
/// starts with an empty context (its prompt stays cached within the cache lifetime, ``CacheBehaviour``);
/// a conversation that continues in a new session
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
  /// The API the sessions speak (Realtime, or GPT-Live with its session model).
  public let api: VoiceAPI
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

  /// The session's lifecycle; each state carries its own data.
  enum SessionState: Equatable {
    /// No connection (before the first, after a close).
    case closed
    /// A reconnect is under way; the session opens at `readyAt`.
    case connecting(readyAt: Micros)
    case open(OpenSession)
  }

  /// What the engine tracks of the open session itself.
  struct OpenSession: Equatable {
    var since: Micros
    /// Coalesced mode: when the mic started streaming, and the appends reported since.
    var micOpenedAt: Micros
    var micTicksReported: Int64 = 0
    /// GPT-Live: the session's billed time.
    var live: LiveClock? = nil
  }

  var state = SessionState.closed
  /// Counts sessions (and closes): work scheduled for an earlier session no longer matches.
  var sessionID: UInt32 = 0
  /// The previous approach, kept for the forecast benchmark: a check by a rule that counts
  /// streaming reports the streams first (more events, the same bill) instead of only showing the
  /// guard the unreported chunks.
  var checksReportStreams = false
  /// The check queued for each of the policy's slots (a superseded one is dropped when it pops).
  var scheduledChecks: [Micros?]
  var repromptToken: Int64 = 0
  var consecutiveReprompts = 0
  /// The conversation whose turns are being heard (a session cap then reconnects at once).
  var activeConversation: Int32? = nil
  /// The conversation whose later stimuli wait `shift` for reconnects that delayed it.
  var shiftConversation: Int32? = nil
  var shift: Micros = 0
  var lastTurnConversation: Int32? = nil
  var lastTurnSession: UInt32 = 0
  var memoryLostConversation: Int32? = nil
  /// Genuine turns heard whose spoken answer has not finished yet.
  var unansweredTurns = 0
  var nextResponseID: UInt32 = 0
  /// The newest answer while it can still be interrupted (generating or playing).
  var audible: AudibleAnswer? = nil

  /// What a barge-in needs to know about the answer being heard.
  struct AudibleAnswer {
    var slot: Int32
    var id: UInt32
    var playStart: Micros
    var audio: Micros
    var generating: Bool
  }

  /// Whether a session is open.
  var isOpen: Bool {
    if case .open = state { true } else { false }
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
    /// The usage had an exact-prefix cache served all it could (the forecast's always-cached bound).
    var alwaysCached = TokenCounts.zero
    var audio: Micros = 0
    var transcript: Int64 = 0
    var call: FunctionCallPlan? = nil
    var createdAt: Micros = 0
    /// When the answer's first audio delta is due (coalesced mode reports chunks by time).
    var firstChunkAt: Micros = 0
  }

  /// An engine for one run of `trace` under `policy`, reporting audio at `detail`, its sessions
  /// speaking `api`.
  public init(
    scenario: Scenario, trace: WorldTrace, policy: Policy, detail: EventDetail = .full,
    api: VoiceAPI = .realtime
  ) {
    self.detail = detail
    self.api = api
    self.scenario = scenario
    self.trace = trace
    self.policy = policy
    parameters = scenario.worldModel
    timing = TurnTiming(session: scenario.session, parameters: scenario.worldModel)
    let session = scenario.session
    micStreams = session.turnDetection.micStreams
    inputBytesPerSecond = session.inputAudioFormat.bytesPerSecond
    outputBytesPerSecond = session.outputAudioFormat.bytesPerSecond
    let backend: String? =
      if case .live(let model, _) = api { model.backendModel } else { nil }
    config = SessionConfig(
      model: scenario.model, inputAudioFormat: session.inputAudioFormat,
      outputAudioFormat: session.outputAudioFormat,
      turnDetection: session.turnDetection == .none
        ? nil
        : TurnDetection(
          type: session.turnDetection.rawValue, prefixPaddingMs: Int(session.prefixPadding / 1_000),
          silenceDurationMs: Int(session.silenceDuration / 1_000),
          idleTimeoutMs: session.idleTimeout.map { Int($0 / 1_000) }, createResponse: true),
      transcriptionModel: session.transcriptionModel,
      delegationType: backend == nil ? nil : "responses", backendModel: backend)
    context = ConversationContext(
      parameters: scenario.worldModel, promptTokens: session.promptTokens, truncation: session.truncation,
      cacheSeed: trace.seed)
    scheduledChecks = Array(repeating: nil, count: policy.checkSlots)
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
      if policy.watchesNothing { return }
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
    if isOpen {
      // Events at the horizon itself are past the run (the loop stops before them). Only the
      // coalesced detail holds streams back; the full detail has sent every append already.
      if detail == .coalesced { flushStreams(upTo: horizon - 1) }
      closeSession(.endOfRun)
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
    if case .live = api {
      guard let (liveDirection, liveEvent) = liveEvent(direction, event) else { return }
      noteLive(liveEvent, at: time)
      deliver(liveDirection, liveEvent, at: time)
      return
    }
    deliver(direction, event, at: time)
  }

  private mutating func deliver(_ direction: EventDirection, _ event: RealtimeEvent, at time: Micros) {
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
    for slot in scheduledChecks.indices {
      let next = policy.nextCheck(slot: slot)
      if next != scheduledChecks[slot] {
        scheduledChecks[slot] = next
        if let next { queue.push(.policyCheck(due: next, slot: Int32(slot)), at: max(next, now)) }
      }
    }
  }

  mutating func apply(_ action: PolicyAction) {
    switch action {
    case .disconnect(let reason):
      guard isOpen else { return }
      switch reason {
      case .idle:
        stats.idleDisconnects += 1
        closeSession(.idleTimeout)
      case .budget:
        stats.budgetDisconnects += 1
        closeSession(.budgetExceeded)
      }
    }
  }

  // MARK: Scheduled events

  mutating func handle(_ event: ScheduledEvent, _ stimuli: [Stimulus]) {
    let work = event.work
    if let session = work.session {
      // Work of a session that has closed since (or while none is open) is dropped.
      guard isOpen, session == sessionID else { return }
    }
    switch work {
    case .stimulus(let index):
      handleStimulus(stimuli[Int(index)], index: Int(index), deferred: true)
    case .policyCheck(let due, let slot):
      let slot = Int(slot)
      guard scheduledChecks[slot] == due else { return }
      scheduledChecks[slot] = nil
      if detail == .coalesced, isOpen, policy.streamingIsActivity(slot: slot) {
        showUnreportedChunks(upTo: now, slot: slot)
      }
      let actions = policy.check(slot: slot, at: now)
      if !actions.isEmpty { pendingActions.append(contentsOf: actions) }
    case .sessionReady(let readyAt):
      guard state == .connecting(readyAt: readyAt) else { return }
      openSession()
    case .commit(let index, _):
      commit(stimuli[Int(index)])
    case .reprompt(let token, _):
      reprompt(token: token)
    case .functionArgumentsDone(let slot, _):
      functionArgumentsDone(slot: slot)
    case .toolDone(let slot, _):
      toolDone(slot: slot)
    case .audioDelta(let slot, let response, let remaining, _):
      audioDelta(slot: slot, remaining: remaining, id: response)
    case .transcription(let committed, _):
      transcription(committed: committed)
    case .sessionExpired:
      if detail == .coalesced { flushStreams(upTo: now) }
      stats.expiries += 1
      emit(.server, .error(code: .sessionExpired, message: nil))
      closeSession(.sessionExpired)
      if scenario.session.lifecycle == .alwaysOn || activeConversation != nil {
        beginReconnect(latency: parameters.expiryReconnectLatency)
      }
    case .micTick:
      emit(.client, .inputAudioAppend(bytes: parameters.micAppendInterval * inputBytesPerSecond / 1_000_000))
      queue.push(.micTick(session: sessionID), at: now + parameters.micAppendInterval)
    case .liveUsageReport:
      liveUsageReport()
    case .liveServerIdle:
      liveServerIdleCheck()
    case .liveBackendDone:
      emit(.server, backendCompletion())
    }
  }
}
