/// The `error.code` of a Realtime `error` event, for the codes rtcost acts on.
public enum RealtimeErrorCode: WireNamed {
  /// The server closed the session at its length cap (15, 30 or 60 minutes by era).
  case sessionExpired
  /// A sideband attach named a call that does not exist (or has ended).
  case callIDNotFound
  /// Any other code, as written.
  case other(String)

  public static let knownNames: [(value: Self, name: String)] = [
    (.sessionExpired, "session_expired"),
    (.callIDNotFound, "call_id_not_found"),
  ]

  public var otherName: String? {
    if case .other(let name) = self { name } else { nil }
  }
}
