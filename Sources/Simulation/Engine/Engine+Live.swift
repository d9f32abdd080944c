import Billing
import RealtimeEvents

/// The billed time of an open GPT-Live session: from its start, with standby accumulated while
/// inference was paused (``LiveSessionModel/standbyAfter`` of quiet).
struct LiveClock: Equatable {
  var since: Micros
  var lastActivity: Micros
  /// Standby time up to ``lastActivity``.
  var standbyBefore: Micros = 0

  /// Something the session did at `time` (speech heard, the model speaking, backend work).
  mutating func activity(at time: Micros, standbyAfter: Micros?) {
    if let standbyAfter { standbyBefore += max(0, time - lastActivity - standbyAfter) }
    lastActivity = max(lastActivity, time)
  }

  /// The cumulative usage at `now`, as `session.usage.updated` reports it.
  func report(at now: Micros, standbyAfter: Micros?, minimum: Micros = 0) -> LiveUsageReport {
    let standby = standbyAfter.map { standbyBefore + max(0, now - lastActivity - $0) } ?? 0
    let session = max(minimum, now - since)
    return LiveUsageReport(sessionMicros: session, standbyMicros: standby > 0 ? min(standby, session) : nil)
  }
}

// GPT-Live: the same world, spoken over `/v1/live/sessions`. The handlers make Realtime events;
// in Live mode `emit` turns each into what a GPT-Live session sends (or nothing, for events the
// API does not have), so the guard and any recording see a GPT-Live session.
extension Engine {
  /// The GPT-Live event for a Realtime-shaped one, with its direction; nil when GPT-Live has none.
  func liveEvent(_ direction: EventDirection, _ event: RealtimeEvent) -> (EventDirection, RealtimeEvent)? {
    switch event {
    case .sessionCreated: (.server, .liveSessionStarted(config))
    case .speechStarted, .inputAudioCommit: (.server, .liveInputTranscriptDelta)
    case .responseCreated: (.server, .liveOutputTranscriptDelta)
    case .outputAudioDelta(let bytes): (.server, .liveOutputAudioDelta(bytes: bytes))
    case .inputAudioAppend(let bytes): (.client, .liveInputAudioAppend(bytes: bytes))
    case .functionCallArgumentsDone: (.server, .liveDelegationCreated)
    case .conversationItemCreate(let item) where item.type == .functionCallOutput:
      (.server, backendCompletion())
    case .userCommand, .localAudio, .sessionClosed, .liveSessionClosed, .liveUsageUpdated,
      .liveDelegationCreated,
      .liveBackendEvent:
      (direction, event)
    default: nil
    }
  }

  /// A delegated backend response finishing, with the scenario's token sizes.
  func backendCompletion() -> RealtimeEvent {
    guard case .live(let model, _) = api else { return .passthrough(type: "response.event") }
    return .liveBackendEvent(
      LiveBackendResponse(
        type: "response.completed", model: model.backendModel,
        usage: BackendUsage(
          inputTokens: model.backendInputTokens, cachedInputTokens: model.backendCachedInputTokens,
          outputTokens: model.backendOutputTokens, reasoningTokens: model.backendReasoningTokens)))
  }

  /// Notes what a delivered GPT-Live event means for the session's standby clock and the counts.
  mutating func noteLive(_ event: RealtimeEvent, at time: Micros) {
    guard case .live(let model, _) = api, case .open(var session) = state, var clock = session.live else {
      return
    }
    switch event {
    case .liveInputTranscriptDelta, .liveOutputTranscriptDelta, .liveOutputAudioDelta, .liveDelegationCreated:
      clock.activity(at: time, standbyAfter: model.standbyAfter)
    case .liveBackendEvent(let backend):
      clock.activity(at: time, standbyAfter: model.standbyAfter)
      if let usage = backend.usage {
        stats.backendResponses += 1
        stats.backendTokens.add(usage)
      }
    case .liveUsageUpdated:
      stats.liveUsageReports += 1
    default:
      return
    }
    session.live = clock
    state = .open(session)
  }

  /// The open session's cumulative usage now (the WebRTC floor applies to the final report only).
  func liveReport(final: Bool) -> LiveUsageReport? {
    guard case .live(let model, let initialization) = api, case .open(let session) = state,
      let clock = session.live
    else { return nil }
    let minimum = final && model.transport == .webrtc ? initialization : 0
    return clock.report(at: now, standbyAfter: model.standbyAfter, minimum: minimum)
  }

  /// The API's periodic `session.usage.updated`.
  mutating func liveUsageReport() {
    guard case .live(let model, _) = api, let report = liveReport(final: false) else { return }
    emit(.server, .liveUsageUpdated(report))
    queue.push(.liveUsageReport(session: sessionID), at: now + model.usageReportInterval)
  }

  /// The server's own idle timeout (``LiveSessionModel/serverIdleTimeout``): closes the session
  /// when nothing happened (the standby clock's activity) for that long, else checks again when it
  /// would run out. The close is the API's (`upstream_closed` locally, `session.closed` reason
  /// `expired`); like a policy's idle close, the next user turn reconnects.
  mutating func liveServerIdleCheck() {
    guard case .live(let model, _) = api, let timeout = model.serverIdleTimeout else { return }
    // The coalesced detail holds output deltas back; the clock must see them before judging.
    if detail == .coalesced { flushStreams(upTo: now) }
    guard case .open(let session) = state, let clock = session.live else { return }
    let due = clock.lastActivity + timeout
    guard now >= due else {
      queue.push(.liveServerIdle(session: sessionID), at: due)
      return
    }
    stats.serverIdleCloses += 1
    closeSession(.upstreamClosed, live: .expired)
  }

  /// The API's `session.closed` with the final usage, before the session's state closes; `live`
  /// overrides the reason it sends.
  mutating func liveSessionClosed(_ reason: SessionCloseReason, live: LiveCloseReason? = nil) {
    guard let report = liveReport(final: true) else { return }
    let liveReason: LiveCloseReason =
      live
      ?? {
        switch reason {
        case .sessionExpired: .expired
        case .upstreamClosed: .connectionLost
        default: .closeRequested
        }
      }()
    stats.liveSessionTime += report.sessionMicros
    stats.liveStandbyTime += report.standbyMicros ?? 0
    emit(.server, .liveSessionClosed(reason: liveReason, usage: report))
  }

  /// Whether genuine turn `index` (without a tool call) is delegated to the backend: a fixed
  /// function of the turn's place in the world, so every model and policy delegates the same turns.
  func delegates(turn index: Int) -> Bool {
    guard case .live(let model, _) = api, model.delegationFraction > 0 else { return false }
    var generator = SplitMix64(
      seed: trace.seed ^ (UInt64(truncatingIfNeeded: index) &* 0x5EED_DE1E_6A7E_0001))
    return Double(generator.next() >> 11) / Double(1 << 53) < model.delegationFraction
  }

  /// A delegated turn without a tool: the backend starts now and answers after the latency.
  mutating func delegate() {
    guard case .live(let model, _) = api else { return }
    emit(.server, .liveDelegationCreated)
    queue.push(.liveBackendDone(session: sessionID), at: now + model.delegationLatency)
  }
}
