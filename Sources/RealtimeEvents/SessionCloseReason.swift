/// Why a connection closed, as a `local.session_closed` event records it.
public enum SessionCloseReason: WireNamed {
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

  public static let knownNames: [(value: Self, name: String)] = [
    (.idleTimeout, "idle_timeout"),
    (.budgetExceeded, "budget_exceeded"),
    (.hangup, "hangup"),
    (.sessionExpired, "session_expired"),
    (.clientClosed, "client_closed"),
    (.upstreamClosed, "upstream_closed"),
    (.shutdown, "shutdown"),
    (.endOfRun, "end_of_run"),
  ]

  public var otherName: String? {
    if case .other(let name) = self { name } else { nil }
  }
}
