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
  /// GPT-Live: the recorded usage moved onto the guarded sessions, and the as-billed total.
  private var rebase = LiveUsageRebase()
  private var asBilled = Money.zero
  private var isLive: Bool { sessionGuard.configuration.usage.billing.isLive }

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
    asBilled = asBilled.addingSaturated(billed).sum
    _ = apply(sessionGuard.advance(to: time))
    let connected = sessionGuard.idle.isConnected
    let event = isLive ? guardedEvent(timed.event, at: time) : timed.event
    let reconnected = apply(sessionGuard.handle(event, at: time))
    if reconnected {
      // The held user input runs on the new connection.
      _ = apply(sessionGuard.handle(event, at: time))
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
    var notBilled = notBilled
    if isLive {
      // Session time is billed by report, not by event: the saving is the as-billed total less
      // what the guarded sessions were billed (negative when reconnecting costs more).
      let guarded = copy.sessionGuard.usage.run.billed
      notBilled = asBilled.addingSaturated(Money(picoUSD: -guarded.picoUSD)).sum
    }
    return ReplayGuardOutcome(
      policy: policy, start: start, end: end, connected: copy.sessionGuard.usage.connectedTime(at: end),
      timeline: copy.timeline, alerts: copy.sessionGuard.alerts.fired,
      counters: copy.sessionGuard.idle.counters,
      eventsWhileDisconnected: eventsWhileDisconnected, responsesNotBilled: responsesNotBilled,
      transcriptionsNotBilled: transcriptionsNotBilled, notBilled: notBilled,
      guardedLive: isLive ? copy.sessionGuard.usage.run.live : nil)
  }

  /// A recorded GPT-Live event as the guarded session sees it: usage reports moved onto the
  /// guarded session's start (the recorded ones count from the recorded session's start).
  private mutating func guardedEvent(_ event: RealtimeEvent, at time: Micros) -> RealtimeEvent {
    switch event {
    case .liveSessionStarted:
      rebase.recordedSessionStarted(at: time)
      if sessionGuard.idle.isConnected { rebase.guardedSessionStarted(at: time) }
      return event
    case .liveUsageUpdated(let report):
      rebase.recorded(report.usage, at: time)
      return .liveUsageUpdated(rebase.guarded(report))
    case .liveSessionClosed(let reason, let report?):
      rebase.recorded(report.usage, at: time)
      return .liveSessionClosed(reason: reason, usage: rebase.guarded(report))
    default:
      return event
    }
  }

  /// Records the actions; opens the connection a reconnect asks for. True when user input reconnected.
  private mutating func apply(_ actions: [SessionGuard.Action]) -> Bool {
    var reconnectedForInput = false
    for action in actions {
      switch action {
      case .idle(.disconnect(let at, let idleFor)):
        let close = isLive ? ", session.close (close_requested)" : ""
        timeline.append(
          .init(time: at, kind: .disconnect, detail: "idle \(SecondsText.format(micros: idleFor))s" + close))
        closeLiveSession(at: at)
      case .idle(.reconnect(let at, let reason, _)):
        timeline.append(.init(time: at, kind: .reconnect, detail: reason.rawValue))
        if isLive { rebase.guardedSessionStarted(at: at) }
        _ = apply(sessionGuard.connected(at: at))
        if reason == .userInput { reconnectedForInput = true }
      case .alert(.disconnect(let alert)):
        timeline.append(
          .init(
            time: alert.time, kind: .alertDisconnect,
            detail: "\(alert.level.rawValue) \(alert.window.rawValue) \(alert.amount) >= \(alert.threshold)"))
        closeLiveSession(at: alert.time)
      default:
        break
      }
    }
    return reconnectedForInput
  }

  /// The guard closed a GPT-Live session at `time`: the API's final report bills the recorded
  /// usage up to then.
  private mutating func closeLiveSession(at time: Micros) {
    guard isLive, sessionGuard.awaitingLiveClose else { return }
    let final = RealtimeEvent.liveSessionClosed(reason: .closeRequested, usage: rebase.guardedFinal(at: time))
    _ = apply(sessionGuard.handle(final, at: time))
  }
}
