import RealtimeEvents

/// A Realtime-shaped `error` event the proxy sends an app before it closes the session, so that an app
/// that only listens for events learns why (DESIGN §7.7):
/// `{"type":"error","event_id":"event_rtcost_…","error":{"type":…,"code":…,"message":…,"param":null,"event_id":null}}`.
public struct ProxyErrorEvent: Error, Sendable, Equatable {
  /// `error.type`: `invalid_request_error` for the guard's closes and the upstream's refusals (or the
  /// refusal's own type), `server_error` for faults.
  public var type: String
  /// `error.code`: `idle_timeout`, `budget_exceeded`, `upstream_refused`, `upstream_unreachable`,
  /// `upstream_connection_lost`, `proxy_shutdown`, `model_not_priced`, or the refusal's own code.
  public var code: String
  public var message: String

  public init(type: String, code: String, message: String) {
    self.type = type
    self.code = code
    self.message = message
  }

  /// The event as one JSON text, `event_id` numbered by `sequence`.
  public func json(sequence: Int) -> String {
    "{\"type\":\"error\",\"event_id\":\"event_rtcost_\(sequence)\",\"error\":{\"type\":"
      + JSONString.quoted(type) + ",\"code\":" + JSONString.quoted(code) + ",\"message\":"
      + JSONString.quoted(message) + ",\"param\":null,\"event_id\":null}}"
  }
}
