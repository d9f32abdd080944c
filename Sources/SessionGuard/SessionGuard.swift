public import Billing
public import RealtimeEvents

/// The three components wired together the way an app runs them: one event stream in, actions out.
///
/// ``IdleMonitor`` decides when the connection opens and closes, ``UsageTracker`` meters what happens
/// while it is open (sessions follow the connection), and ``AlertPolicy`` watches the tracker's
/// amounts. A recording replayer feeds events with their times; a discrete-event engine also calls
/// ``advance(to:)`` at ``nextCheck``. Both get every action with its exact time.
///
/// Events that arrive while the monitor holds no connection are not metered: in a what-if replay they
/// are what the recorded session did but the guarded session would not have seen.
public struct SessionGuard: Sendable {
  /// The configurations of the three components.
  public struct Configuration: Sendable, Equatable {
    public var idle: IdleMonitor.Configuration
    public var usage: UsageTracker.Configuration
    public var alerts: AlertPolicy.Configuration

    public init(
      idle: IdleMonitor.Configuration, usage: UsageTracker.Configuration, alerts: AlertPolicy.Configuration
    ) {
      self.idle = idle
      self.usage = usage
      self.alerts = alerts
    }

    /// The original design, defects included: 300 s / 30 s idle monitor, $0.50 / $1.00 alerts every 10 s.
    public static func seed(priceCard: PriceCard, epochAtZero: Micros = 0) -> Configuration {
      Configuration(
        idle: .seed(),
        usage: UsageTracker.Configuration(mode: .seed, priceCard: priceCard, epochAtZero: epochAtZero),
        alerts: .seed())
    }
  }

  /// What the driver must do, with its time.
  public enum Action: Sendable, Equatable {
    case idle(IdleMonitor.Action)
    case alert(AlertPolicy.Action)
    /// Hand ``UsageTracker/takeUnsaved()`` to ``UsageStore/record(_:)`` (real: after every metered
    /// response; seed: only when a session ends, defect 8).
    case saveStats(at: Micros)
  }

  public let configuration: Configuration
  public private(set) var idle: IdleMonitor
  public private(set) var usage: UsageTracker
  public private(set) var alerts: AlertPolicy
  /// A GPT-Live session the guard closed itself, whose final `session.closed` (with the API's
  /// final usage) is still to be metered although the connection is gone.
  public private(set) var awaitingLiveClose = false

  public init(configuration: Configuration, lifetimeStart: UsageTracker.LifetimeStart = .init()) {
    self.configuration = configuration
    idle = IdleMonitor(configuration: configuration.idle)
    usage = UsageTracker(configuration: configuration.usage, lifetimeStart: lifetimeStart)
    alerts = AlertPolicy(configuration: configuration.alerts)
  }

  /// The next time ``advance(to:)`` has work (an idle check, a reconnect deadline, an alert check).
  public var nextCheck: Micros? {
    switch (idle.nextCheck, alerts.nextCheck) {
    case (let a?, let b?): min(a, b)
    case (let a?, nil): a
    case (nil, let b?): b
    case (nil, nil): nil
    }
  }

  /// A connection opened at `now` (the first one, or the reconnect the monitor asked for).
  public mutating func connected(at now: Micros) -> [Action] {
    var actions = advance(to: now)
    awaitingLiveClose = false
    actions += track(idle.connected(at: now))
    usage.startSession(at: now)
    if alerts.nextCheck == nil { alerts.start(at: now) }
    return actions
  }

  /// The reconnect the monitor asked for failed at `now`.
  public mutating func connectionFailed(at now: Micros) -> [Action] {
    var actions = advance(to: now)
    actions += track(idle.connectionFailed(at: now))
    return actions
  }

  /// The connection closed at `now` for a reason outside the guard (the network dropped, the app
  /// or the server closed it): the session ends, and the next user input reconnects.
  public mutating func closed(at now: Micros) -> [Action] {
    var actions = advance(to: now)
    actions += track(idle.closed(at: now))
    actions += endSession(at: now)
    return actions
  }

  /// Hands the totals metered since the last call to the caller (for ``UsageStore/record(_:)``).
  public mutating func takeUnsavedUsage() -> UsageTotals { usage.takeUnsaved() }

  /// Feeds one event at `now` (non-decreasing); checks due at or before `now` run first.
  ///
  /// A `local.session_closed` event is ``closed(at:)``; a GPT-Live `session.closed` is metered
  /// (its final cumulative usage) and then closes the connection the same way.
  public mutating func handle(_ event: RealtimeEvent, at now: Micros) -> [Action] {
    if case .sessionClosed = event { return closed(at: now) }
    if case .liveSessionClosed = event, awaitingLiveClose, !idle.isConnected {
      // The final usage of the session the guard closed: billed, then nothing more is awaited.
      awaitingLiveClose = false
      var actions = advance(to: now)
      usage.handle(event, at: now)
      actions += alertActions(alerts.usageChanged(usage.snapshot(at: now)))
      actions.append(.saveStats(at: now))
      return actions
    }
    var actions = advance(to: now)
    let wasConnected = idle.isConnected
    actions += track(idle.handle(event, at: now))
    guard wasConnected else { return actions }
    usage.handle(event, at: now)
    switch event {
    case .responseDone, .transcriptionCompleted, .liveUsageUpdated, .liveBackendEvent:
      actions += alertActions(alerts.usageChanged(usage.snapshot(at: now)))
      if configuration.usage.mode == .real { actions.append(.saveStats(at: now)) }
    case .liveSessionClosed:
      // The API ended the session; the tracker billed its final usage and closed its window.
      actions += alertActions(alerts.usageChanged(usage.snapshot(at: now)))
      actions.append(.saveStats(at: now))
      if idle.isConnected { actions += track(idle.closed(at: now)) }
    default:
      break
    }
    return actions
  }

  /// Runs idle checks, reconnect deadlines and alert checks due at or before `now`, in time order
  /// (idle work first on a tie).
  public mutating func advance(to now: Micros) -> [Action] {
    var actions: [Action] = []
    while true {
      let idleDue = idle.nextCheck.flatMap { $0 <= now ? $0 : nil }
      let alertDue = alerts.nextCheck.flatMap { $0 <= now ? $0 : nil }
      if let time = idleDue, alertDue.map({ time <= $0 }) ?? true {
        actions += track(idle.advance(to: time))
      } else if let time = alertDue {
        actions += alertActions(alerts.check(usage.snapshot(at: time)))
      } else {
        return actions
      }
    }
  }

  private mutating func track(_ idleActions: [IdleMonitor.Action]) -> [Action] {
    var actions: [Action] = []
    for action in idleActions {
      actions.append(.idle(action))
      switch action {
      case .disconnect(let at, _):
        actions += endSession(at: at)
      case .reconnect(let at, .sessionExpired, _):
        actions += endSession(at: at)
      default:
        break
      }
    }
    return actions
  }

  private mutating func endSession(at time: Micros) -> [Action] {
    guard usage.sessionOpenSince != nil else { return [] }
    if configuration.usage.billing.isLive { awaitingLiveClose = true }
    usage.endSession(at: time)
    return [.saveStats(at: time)]
  }

  private mutating func alertActions(_ alertActions: [AlertPolicy.Action]) -> [Action] {
    var actions: [Action] = []
    for action in alertActions {
      actions.append(.alert(action))
      if case .disconnect(let alert) = action, idle.isConnected {
        _ = idle.closed(at: alert.time)
        actions += endSession(at: alert.time)
      }
    }
    return actions
  }
}
