/// Local marker types the engine emits besides Realtime events.
public enum EngineMarkers {
  /// `local.session_closed`: the app closed the socket (idle, budget, hang-up, horizon) or the
  /// server closed it after `session_expired`. Emitted as a `local` `passthrough` event because the
  /// event model has no close event; the policy and trackers use it to end a session.
  public static let sessionClosed = "local.session_closed"
}
