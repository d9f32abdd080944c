import Billing
import RealtimeEvents

// Sessions: open, close, reconnect.
extension Engine {
  mutating func openSession() {
    if case .connecting = state { stats.reconnects += 1 }
    sessionID &+= 1
    let liveClock: LiveClock? =
      if case .live = api { LiveClock(since: now, lastActivity: now) } else { nil }
    state = .open(OpenSession(since: now, micOpenedAt: now, live: liveClock))
    stats.sessions += 1
    context.reset()
    responses.removeAll(keepingCapacity: true)
    freeSlots.removeAll(keepingCapacity: true)
    audible = nil
    repromptToken += 1
    consecutiveReprompts = 0
    emit(.server, .sessionCreated(config))
    if case .live(let model, _) = api {
      queue.push(.sessionExpired(session: sessionID), at: now + model.sessionLimit)
      queue.push(.liveUsageReport(session: sessionID), at: now + model.usageReportInterval)
      if let timeout = model.serverIdleTimeout {
        queue.push(.liveServerIdle(session: sessionID), at: now + timeout)
      }
    } else {
      queue.push(.sessionExpired(session: sessionID), at: now + scenario.session.sessionCap)
    }
    if micStreams, detail == .full {
      queue.push(.micTick(session: sessionID), at: now + parameters.micAppendInterval)
    }
  }

  /// Closes the open session for `reason`: streams due so far are reported, turns not yet answered
  /// are cut off, and `local.session_closed` tells the policy. `live` overrides the reason a
  /// GPT-Live `session.closed` gives.
  mutating func closeSession(_ reason: SessionCloseReason, live: LiveCloseReason? = nil) {
    if detail == .coalesced { flushStreams(upTo: now) }
    guard case .open(let session) = state else { return }
    liveSessionClosed(reason, live: live)
    state = .closed
    stats.turnsCutOff += unansweredTurns
    unansweredTurns = 0
    stats.connectedTime += now - session.since
    sessionID &+= 1
    emit(.local, .sessionClosed(reason))
  }

  mutating func beginReconnect(latency: Micros) {
    let readyAt = now + latency
    state = .connecting(readyAt: readyAt)
    queue.push(.sessionReady(readyAt: readyAt), at: readyAt)
  }
}
