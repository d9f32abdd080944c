/// The `error.code` of a Realtime `error` event, for the codes rtcost acts on.
public enum RealtimeErrorCode: Sendable, Equatable, Hashable {
  /// The server closed the session at its length cap (15, 30 or 60 minutes by era).
  case sessionExpired
  /// A sideband attach named a call that does not exist (or has ended).
  case callIDNotFound
  /// Any other code, as written.
  case other(String)

  /// The code as the API writes it.
  public init(wireName: String) {
    switch wireName {
    case "session_expired": self = .sessionExpired
    case "call_id_not_found": self = .callIDNotFound
    default: self = .other(wireName)
    }
  }

  /// The name the API writes.
  public var wireName: String {
    switch self {
    case .sessionExpired: "session_expired"
    case .callIDNotFound: "call_id_not_found"
    case .other(let name): name
    }
  }
}
