import Billing
import RealtimeEvents
import SessionGuard

/// A ``SessionGuard`` driven by a recording's times: the what-if half of a replay (see
/// ``ReplaySession``).
struct GuardReplay {
  private(set) var sessionGuard: SessionGuard
  private(set) var start: Micros = 0
  private var started = false
  private var timeline: [ReplayTimelineEntry] = []
  private var eventsWhileDisconnected = 0
  private var responsesNotBilled = 0
  private var transcriptionsNotBilled = 0
  private var notBilled = Money.zero
  private let policy: GuardSettings

  init(configuration: SessionGuard.Configuration, policy: GuardSettings) {
    sessionGuard = SessionGuard(configuration: configuration)
    self.policy = policy
  }

  /// Feeds one recorded event at `time`; `billed` is what the as-billed meter charged for it.
  mutating func feed(_ timed: TimedEvent, at time: Micros, billed: Money) {
    if !started {
      started = true
      start = time
      _ = apply(sessionGuard.connected(at: time))
    }
    _ = apply(sessionGuard.advance(to: time))
    let connected = sessionGuard.idle.isConnected
    let reconnected = apply(sessionGuard.handle(timed.event, at: time))
    if reconnected {
      // The held user input runs on the new connection.
      _ = apply(sessionGuard.handle(timed.event, at: time))
    } else if !connected {
      eventsWhileDisconnected += 1
      notBilled = notBilled.addingSaturated(billed).sum
      switch timed.event {
      case .responseDone: responsesNotBilled += 1
      case .transcriptionCompleted(.some): transcriptionsNotBilled += 1
      default: break
      }
    }
  }

  /// What happened, once the recording ended at `end` (checks due up to it run, none after).
  func outcome(end: Micros) -> ReplayGuardOutcome {
    var copy = self
    _ = copy.apply(copy.sessionGuard.advance(to: end))
    return ReplayGuardOutcome(
      policy: policy, start: start, end: end, connected: copy.sessionGuard.usage.connectedTime(at: end),
      timeline: copy.timeline, alerts: copy.sessionGuard.alerts.fired,
      counters: copy.sessionGuard.idle.counters,
      eventsWhileDisconnected: eventsWhileDisconnected, responsesNotBilled: responsesNotBilled,
      transcriptionsNotBilled: transcriptionsNotBilled, notBilled: notBilled)
  }

  /// Records the actions; opens the connection a reconnect asks for. True when user input reconnected.
  private mutating func apply(_ actions: [SessionGuard.Action]) -> Bool {
    var reconnectedForInput = false
    for action in actions {
      switch action {
      case .idle(.disconnect(let at, let idleFor)):
        timeline.append(
          .init(time: at, kind: .disconnect, detail: "idle \(SecondsText.format(micros: idleFor))s"))
      case .idle(.reconnect(let at, let reason, _)):
        timeline.append(.init(time: at, kind: .reconnect, detail: reason.rawValue))
        _ = apply(sessionGuard.connected(at: at))
        if reason == .userInput { reconnectedForInput = true }
      case .alert(.disconnect(let alert)):
        timeline.append(
          .init(
            time: alert.time, kind: .alertDisconnect,
            detail: "\(alert.level.rawValue) \(alert.window.rawValue) \(alert.amount) >= \(alert.threshold)"))
      default:
        break
      }
    }
    return reconnectedForInput
  }
}
