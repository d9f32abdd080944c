public import RealtimeEvents

/// Disconnects an idle Realtime session and reconnects it on the next user input.
///
/// A pure value-type state machine in the style of SwiftNIO's handler state machines: every method
/// takes the current time and returns the ``Action``s the driver must perform; nothing here sleeps,
/// reads a clock or touches a socket. The same value runs under a recording replayer (event times),
/// the simulator's discrete-event engine (virtual time) and ``LiveIdleMonitor`` (a real `Clock`).
///
/// Protocol for drivers:
/// 1. ``connected(at:)`` when the first connection opens.
/// 2. ``handle(_:at:)`` for every event, in time order. Checks that fall due at or before the event's
///    time run first, so a driver that only feeds events still sees every disconnect at its exact time.
/// 3. ``advance(to:)`` at ``nextCheck`` (an engine schedules it; a live driver sleeps until it).
/// 4. After a ``Action/reconnect(at:reason:deadline:)``: ``connected(at:)`` or ``connectionFailed(at:)``;
///    when neither comes before the deadline, ``advance(to:)`` at the deadline reports the failure.
///
/// Idle time at a check at time *t* is *t* − last activity, minus the time spent paused in tool calls;
/// the session is disconnected when it is strictly greater than the timeout.
public struct IdleMonitor: Sendable {
  public let configuration: Configuration
  public private(set) var state: ConnectionState = .disconnected
  public private(set) var counters = Counters()
  /// The last time an activity event arrived (or the connection opened).
  public private(set) var lastActivity: Micros = 0
  /// Tool calls requested by the model and not yet answered.
  public private(set) var toolCallsInFlight = 0
  /// When the current tool-call pause started; nil when the timer runs.
  public private(set) var pausedSince: Micros?

  private var nextIdleCheck: Micros?
  private var heldInputs = 0

  public init(configuration: Configuration) {
    self.configuration = configuration
  }

  /// The next time ``advance(to:)`` has work: an idle check, or a reconnect deadline; nil when none.
  public var nextCheck: Micros? {
    switch state {
    case .disconnected: nil
    case .connected: configuration.timeout == nil ? nil : nextIdleCheck
    case .reconnecting(_, let deadline, _): deadline
    }
  }

  /// Whether a connection is open.
  public var isConnected: Bool {
    if case .connected = state { true } else { false }
  }

  /// How long the session has been idle at `now` by the monitor's rule (0 when not connected).
  public func idleTime(at now: Micros) -> Micros {
    guard isConnected else { return 0 }
    return (pausedSince ?? now) - lastActivity
  }

  /// A connection opened at `now`: the timer starts and checks run at `now` + k·interval.
  ///
  /// After a reconnect request this completes it and releases the held user input; a connection that
  /// opens after the wait was given up starts a fresh session (the held input stays dropped).
  public mutating func connected(at now: Micros) -> [Action] {
    var actions = advance(to: now)
    if case .reconnecting(let requestedAt, _, _) = state {
      counters.reconnects += 1
      if heldInputs > 0 {
        actions.append(.releaseHeldInput(at: now, requestedAt: requestedAt, count: heldInputs))
      }
    }
    heldInputs = 0
    state = .connected(since: now)
    lastActivity = now
    toolCallsInFlight = 0
    pausedSince = nil
    nextIdleCheck = now + configuration.checkInterval
    return actions
  }

  /// The reconnect requested earlier failed at `now` (the driver could not open a connection).
  public mutating func connectionFailed(at now: Micros) -> [Action] {
    var actions = advance(to: now)
    if case .reconnecting(let requestedAt, _, _) = state {
      actions.append(failReconnect(at: now, requestedAt: requestedAt))
    }
    return actions
  }

  /// The connection closed at `now` for a reason outside the monitor (network, app shutdown).
  public mutating func closed(at now: Micros) -> [Action] {
    let actions = advance(to: now)
    state = .disconnected
    pausedSince = nil
    toolCallsInFlight = 0
    return actions
  }

  /// Feeds one event at `now` (non-decreasing). Due checks run first.
  public mutating func handle(_ event: RealtimeEvent, at now: Micros) -> [Action] {
    var actions = advance(to: now)
    let classifier = configuration.classifier
    let kind = GuardEventKind(event)
    switch state {
    case .disconnected:
      if classifier.isUserInput(kind: kind) {
        counters.reconnectAttempts += 1
        heldInputs = 1
        let deadline = now + configuration.reconnectWait
        state = .reconnecting(requestedAt: now, deadline: deadline, reason: .userInput)
        actions.append(.reconnect(at: now, reason: .userInput, deadline: deadline))
      } else {
        counters.eventsWhileDisconnected += 1
      }
    case .reconnecting:
      if classifier.isUserInput(kind: kind) { heldInputs += 1 } else { counters.eventsWhileDisconnected += 1 }
    case .connected:
      if case .error(let code, _) = event, code == "session_expired" {
        counters.sessionExpiries += 1
        if configuration.reconnectsOnSessionExpiry {
          counters.reconnectAttempts += 1
          let deadline = now + configuration.reconnectWait
          state = .reconnecting(requestedAt: now, deadline: deadline, reason: .sessionExpired)
          actions.append(.reconnect(at: now, reason: .sessionExpired, deadline: deadline))
        } else {
          state = .disconnected
        }
        pausedSince = nil
        toolCallsInFlight = 0
        return actions
      }
      if classifier.isActivity(kind: kind) {
        lastActivity = now
        if pausedSince != nil { pausedSince = now }
      }
      if configuration.pausesDuringToolCalls { trackToolCalls(kind, at: now) }
    }
    return actions
  }

  /// Runs every check and deadline due at or before `now`, in time order.
  public mutating func advance(to now: Micros) -> [Action] {
    var actions: [Action] = []
    while true {
      switch state {
      case .disconnected:
        return actions
      case .reconnecting(let requestedAt, let deadline, _):
        guard deadline <= now else { return actions }
        actions.append(failReconnect(at: deadline, requestedAt: requestedAt))
      case .connected:
        guard let timeout = configuration.timeout, let check = nextIdleCheck, check <= now else {
          return actions
        }
        counters.checks += 1
        nextIdleCheck = check + configuration.checkInterval
        let idle = (pausedSince ?? check) - lastActivity
        if idle > timeout {
          counters.disconnects += 1
          state = .disconnected
          actions.append(.disconnect(at: check, idleFor: idle))
        }
      }
    }
  }

  private mutating func trackToolCalls(_ kind: GuardEventKind, at now: Micros) {
    switch kind {
    case .functionCallArgumentsDone:
      toolCallsInFlight += 1
      if pausedSince == nil { pausedSince = now }
    case .functionCallOutputCreate:
      toolCallsInFlight = max(0, toolCallsInFlight - 1)
      if toolCallsInFlight == 0 { resume(at: now) }
    case .responseCreate:
      toolCallsInFlight = 0
      resume(at: now)
    default:
      break
    }
  }

  private mutating func resume(at now: Micros) {
    guard let since = pausedSince else { return }
    lastActivity += now - since
    pausedSince = nil
  }

  private mutating func failReconnect(at time: Micros, requestedAt: Micros) -> Action {
    counters.failedReconnects += 1
    state = .disconnected
    let held = heldInputs
    heldInputs = 0
    if configuration.runsInputAfterFailedReconnect && held > 0 {
      return .ranInputWithoutConnection(at: time, requestedAt: requestedAt, count: held)
    }
    return .reconnectFailed(at: time, requestedAt: requestedAt, droppedInputs: held)
  }
}
