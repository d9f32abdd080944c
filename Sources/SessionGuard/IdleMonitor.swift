public import RealtimeEvents

/// Disconnects an idle Realtime session and reconnects it on the next user input.
///
/// A pure value-type state machine in the style of SwiftNIO's handler state machines: every method
/// takes the current time and returns the ``Action``s the driver must perform; nothing here sleeps,
/// reads a clock or touches a socket. Each state carries its own data (``ConnectionState``), so a
/// paused timer without a connection or a held input without a reconnect cannot be written. The
/// same value runs under a recording replayer (event times), the simulator's discrete-event engine
/// (virtual time) and ``LiveSessionGuard`` (a real `Clock`).
///
/// Protocol for drivers:
/// 1. ``connected(at:)`` when the first connection opens.
/// 2. ``handle(_:at:)`` for every event, in time order. Checks that fall due at or before the event's
///    time run first, so a driver that only feeds events still sees every disconnect at its exact time.
/// 3. ``advance(to:)`` at ``nextCheck`` (an engine schedules it; a live driver sleeps until it).
/// 4. After a ``Action/reconnect(at:reason:deadline:)``: ``connected(at:)`` or ``connectionFailed(at:)``;
///    when neither comes before the deadline, ``advance(to:)`` at the deadline reports the failure.
/// 5. ``closed(at:)`` when the connection closes for a reason outside the monitor (the network).
///
/// Idle time at a check at time *t* is *t* − last activity, minus the time spent paused in tool calls;
/// the session is disconnected when it is strictly greater than the timeout.
public struct IdleMonitor: Sendable {
  public let configuration: Configuration
  public private(set) var state: ConnectionState = .disconnected
  public private(set) var counters = Counters()

  public init(configuration: Configuration) {
    self.configuration = configuration
  }

  /// The next time ``advance(to:)`` has work: an idle check, or a reconnect deadline; nil when none.
  public var nextCheck: Micros? {
    switch state {
    case .disconnected: nil
    case .connected(let connection): configuration.timeout == nil ? nil : connection.nextCheck
    case .reconnecting(let wait): wait.deadline
    }
  }

  /// Whether a connection is open.
  public var isConnected: Bool {
    if case .connected = state { true } else { false }
  }

  /// The open connection's timer state; nil when not connected.
  public var connection: Connection? {
    if case .connected(let connection) = state { connection } else { nil }
  }

  /// How long the session has been idle at `now` by the monitor's rule (0 when not connected).
  public func idleTime(at now: Micros) -> Micros {
    guard let connection else { return 0 }
    return (connection.pausedSince ?? now) - connection.lastActivity
  }

  /// A connection opened at `now`: the timer starts and checks run at `now` + k·interval.
  ///
  /// After a reconnect request this completes it and releases the held user input; a connection that
  /// opens after the wait was given up starts a fresh session (the held input stays dropped).
  public mutating func connected(at now: Micros) -> [Action] {
    var actions = advance(to: now)
    if case .reconnecting(let wait) = state {
      counters.reconnects += 1
      if wait.heldInputs > 0 {
        actions.append(.releaseHeldInput(at: now, requestedAt: wait.requestedAt, count: wait.heldInputs))
      }
    }
    state = .connected(Connection(since: now, nextCheck: now + configuration.checkInterval))
    return actions
  }

  /// The reconnect requested earlier failed at `now` (the driver could not open a connection).
  public mutating func connectionFailed(at now: Micros) -> [Action] {
    var actions = advance(to: now)
    if case .reconnecting(let wait) = state { actions.append(failReconnect(wait, at: now)) }
    return actions
  }

  /// The connection closed at `now` for a reason outside the monitor (network, app shutdown).
  public mutating func closed(at now: Micros) -> [Action] {
    let actions = advance(to: now)
    state = .disconnected
    return actions
  }

  /// Feeds one event at `now` (non-decreasing). Due checks run first.
  public mutating func handle(_ event: RealtimeEvent, at now: Micros) -> [Action] {
    var actions = advance(to: now)
    let rule = configuration.activity
    let kind = EventKind(event)
    switch state {
    case .disconnected:
      guard rule.isUserInput(kind: kind) else {
        counters.eventsWhileDisconnected += 1
        break
      }
      actions.append(requestReconnect(at: now, reason: .userInput, heldInputs: 1))
    case .reconnecting(var wait):
      if rule.isUserInput(kind: kind) {
        wait.heldInputs += 1
        state = .reconnecting(wait)
      } else {
        counters.eventsWhileDisconnected += 1
      }
    case .connected(var connection):
      if case .error(code: .sessionExpired?, _) = event {
        counters.sessionExpiries += 1
        if configuration.reconnectsOnSessionExpiry {
          actions.append(requestReconnect(at: now, reason: .sessionExpired, heldInputs: 0))
        } else {
          state = .disconnected
        }
        return actions
      }
      if rule.isActivity(kind: kind) {
        connection.lastActivity = now
        if connection.pausedSince != nil { connection.pausedSince = now }
      }
      if configuration.pausesDuringToolCalls { connection.trackToolCalls(kind, at: now) }
      state = .connected(connection)
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
      case .reconnecting(let wait):
        guard wait.deadline <= now else { return actions }
        actions.append(failReconnect(wait, at: wait.deadline))
      case .connected(var connection):
        guard let timeout = configuration.timeout, connection.nextCheck <= now else { return actions }
        let check = connection.nextCheck
        counters.checks += 1
        connection.nextCheck = check + configuration.checkInterval
        let idle = (connection.pausedSince ?? check) - connection.lastActivity
        if idle > timeout {
          counters.disconnects += 1
          state = .disconnected
          actions.append(.disconnect(at: check, idleFor: idle))
        } else {
          state = .connected(connection)
        }
      }
    }
  }

  private mutating func requestReconnect(at now: Micros, reason: ReconnectReason, heldInputs: Int) -> Action {
    counters.reconnectAttempts += 1
    let deadline = now + configuration.reconnectWait
    state = .reconnecting(
      ReconnectWait(requestedAt: now, deadline: deadline, reason: reason, heldInputs: heldInputs))
    return .reconnect(at: now, reason: reason, deadline: deadline)
  }

  private mutating func failReconnect(_ wait: ReconnectWait, at time: Micros) -> Action {
    counters.failedReconnects += 1
    state = .disconnected
    if configuration.runsInputAfterFailedReconnect && wait.heldInputs > 0 {
      return .ranInputWithoutConnection(at: time, requestedAt: wait.requestedAt, count: wait.heldInputs)
    }
    return .reconnectFailed(at: time, requestedAt: wait.requestedAt, droppedInputs: wait.heldInputs)
  }
}

extension IdleMonitor.Connection {
  /// Tool calls pause the timer from `function_call_arguments.done` until the app answers every
  /// call (`function_call_output`) or asks for a response.
  mutating func trackToolCalls(_ kind: EventKind, at now: Micros) {
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
}
