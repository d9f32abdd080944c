import Billing
import RealtimeEvents

// Sessions: open, close, reconnect.
extension Engine {
  mutating func openSession() {
    sessionID &+= 1
    state = .open
    sessionOpenedAt = now
    stats.sessions += 1
    if reconnectPending { stats.reconnects += 1 }
    reconnectPending = false
    context.reset()
    responses.removeAll(keepingCapacity: true)
    freeSlots.removeAll(keepingCapacity: true)
    audible = AudibleAnswer()
    repromptToken += 1
    consecutiveReprompts = 0
    emit(.server, .sessionCreated(config))
    queue.push(.sessionExpired, at: now + scenario.session.sessionCap, session: sessionID)
    if micStreams {
      if detail == .full {
        queue.push(.micTick, at: now + parameters.micAppendInterval, session: sessionID)
      } else {
        micOpenedAt = now
        micTicksReported = 0
      }
    }
  }

  mutating func closeSession() {
    if detail == .coalesced { flushStreams(upTo: now) }
    state = .closed
    stats.turnsCutOff += unansweredTurns
    unansweredTurns = 0
    stats.connectedTime += now - sessionOpenedAt
    sessionID &+= 1
    emit(.local, .passthrough(type: EngineMarkers.sessionClosed))
  }

  mutating func beginReconnect(latency: Micros) {
    state = .connecting
    readyAt = now + latency
    reconnectPending = true
    queue.push(.sessionReady, at: readyAt, session: 0, value: readyAt)
  }
}
