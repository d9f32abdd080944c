public import RealtimeEvents

extension IdleMonitor {
  /// Why the monitor asks for a new connection.
  public enum ReconnectReason: String, Sendable, Equatable {
    /// The user spoke or addressed the device while disconnected.
    case userInput = "user_input"
    /// The server closed the session at its length cap (`session_expired`).
    case sessionExpired = "session_expired"
  }

  /// What the driver must do; every action carries the time it applies to.
  public enum Action: Sendable, Equatable {
    /// Close the connection: nothing counted as activity for `idleFor` (> timeout).
    case disconnect(at: Micros, idleFor: Micros)
    /// Open a new connection and report ``IdleMonitor/connected(at:)`` or
    /// ``IdleMonitor/connectionFailed(at:)``; the wait is given up at `deadline`.
    case reconnect(at: Micros, reason: ReconnectReason, deadline: Micros)
    /// The reconnect succeeded: run the `count` user inputs held since `requestedAt`.
    case releaseHeldInput(at: Micros, requestedAt: Micros, count: Int)
    /// The reconnect failed or timed out: the held inputs were dropped, and the user must be told.
    case reconnectFailed(at: Micros, requestedAt: Micros, droppedInputs: Int)
    /// Seed only (defect 10): the wait gave up and the held command ran on a closed connection.
    case ranInputWithoutConnection(at: Micros, requestedAt: Micros, count: Int)

    /// The time the action applies to.
    public var time: Micros {
      switch self {
      case .disconnect(let at, _), .reconnect(let at, _, _), .releaseHeldInput(let at, _, _),
        .reconnectFailed(let at, _, _), .ranInputWithoutConnection(let at, _, _):
        at
      }
    }
  }

  /// Counts of what the monitor did.
  public struct Counters: Sendable, Equatable {
    /// Idle-timeout disconnects.
    public var disconnects = 0
    /// Reconnect attempts requested.
    public var reconnectAttempts = 0
    /// Reconnects that completed within the wait.
    public var reconnects = 0
    /// Reconnects that failed or timed out.
    public var failedReconnects = 0
    /// Sessions closed by the server's length cap.
    public var sessionExpiries = 0
    /// Events that arrived while disconnected and were not user input (ignored).
    public var eventsWhileDisconnected = 0
    /// Idle checks run.
    public var checks = 0

    public init() {}
  }

  /// Whether the monitor holds a connection; each state carries its own data.
  public enum ConnectionState: Sendable, Equatable {
    case disconnected
    case connected(Connection)
    case reconnecting(ReconnectWait)
  }

  /// The timer of an open connection.
  public struct Connection: Sendable, Equatable {
    /// When the connection opened.
    public var since: Micros
    /// The last time an activity event arrived (or the connection opened).
    public var lastActivity: Micros
    /// The next idle check (connect + k·interval).
    public var nextCheck: Micros
    /// Tool calls requested by the model and not yet answered.
    public var toolCallsInFlight = 0
    /// When the current tool-call pause started; nil when the timer runs.
    public var pausedSince: Micros?

    public init(since: Micros, nextCheck: Micros) {
      self.since = since
      lastActivity = since
      self.nextCheck = nextCheck
    }
  }

  /// A reconnect the monitor asked for and is waiting on.
  public struct ReconnectWait: Sendable, Equatable {
    public var requestedAt: Micros
    /// When the wait is given up.
    public var deadline: Micros
    public var reason: ReconnectReason
    /// User inputs that arrived while waiting (held, released on connect).
    public var heldInputs: Int
  }
}
