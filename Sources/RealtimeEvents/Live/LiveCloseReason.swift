/// Why a GPT-Live session ended: the `reason` of `session.closed` [OpenAI guide live-conversations,
/// "session-closed reasons"; learn.microsoft.com LiveServerEventLiveSessionClosed].
public enum LiveCloseReason: WireNamed {
  /// The application sent `session.close` or called the hangup endpoint (`close_requested`).
  case closeRequested
  /// The session reached its duration limit (`expired`).
  case expired
  /// A safety filter ended the session (`content`).
  case content
  /// The remote primary connection ended gracefully (`remote_hangup`).
  case remoteHangup
  /// The primary or upstream connection was lost unexpectedly (`connection_lost`).
  case connectionLost
  /// Any other reason, as written.
  case other(String)

  public static let knownNames: [(value: Self, name: String)] = [
    (.closeRequested, "close_requested"),
    (.expired, "expired"),
    (.content, "content"),
    (.remoteHangup, "remote_hangup"),
    (.connectionLost, "connection_lost"),
  ]

  public var otherName: String? {
    if case .other(let name) = self { name } else { nil }
  }
}
