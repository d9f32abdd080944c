/// Why a connection closed, as a `local.session_closed` event records it.
public enum SessionCloseReason: Sendable, Equatable, Hashable {
  /// The idle monitor closed it (wire name `idle_timeout`).
  case idleTimeout
  /// A cost alert with the disconnect action closed it (`budget_exceeded`).
  case budgetExceeded
  /// The conversation ended and the app hung up (`hangup`).
  case hangup
  /// The server closed it at the session length cap (`session_expired`).
  case sessionExpired
  /// The client went away (`client_closed`).
  case clientClosed
  /// The upstream API closed it or dropped (`upstream_closed`).
  case upstreamClosed
  /// The process shut down (`shutdown`).
  case shutdown
  /// A simulation or replay reached its end with the session still open (`end_of_run`).
  case endOfRun
  /// Any other reason, as written.
  case other(String)

  /// The reason as written in a recording.
  public init(wireName: String) {
    switch wireName {
    case "idle_timeout": self = .idleTimeout
    case "budget_exceeded": self = .budgetExceeded
    case "hangup": self = .hangup
    case "session_expired": self = .sessionExpired
    case "client_closed": self = .clientClosed
    case "upstream_closed": self = .upstreamClosed
    case "shutdown": self = .shutdown
    case "end_of_run": self = .endOfRun
    default: self = .other(wireName)
    }
  }

  /// The name written in a recording.
  public var wireName: String {
    switch self {
    case .idleTimeout: "idle_timeout"
    case .budgetExceeded: "budget_exceeded"
    case .hangup: "hangup"
    case .sessionExpired: "session_expired"
    case .clientClosed: "client_closed"
    case .upstreamClosed: "upstream_closed"
    case .shutdown: "shutdown"
    case .endOfRun: "end_of_run"
    case .other(let name): name
    }
  }
}
