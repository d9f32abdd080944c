/// The WebSocket endpoints the proxy relays.
public enum CaptureRoute: String, Sendable, CaseIterable {
  /// The Realtime API (`/v1/realtime?model=…`), token-priced: relayed, recorded and guarded.
  case realtime = "/v1/realtime"
  /// GPT-Live (`/v1/live/sessions`), billed by session time (DESIGN §7.4): relayed and recorded; its
  /// guard joins once the event model has GPT-Live's events.
  case live = "/v1/live/sessions"

  /// The route of a request target (path and query), if it is one.
  public init?(requestURI: String) {
    var path = Substring(requestURI)
    if let mark = path.firstIndex(of: "?") { path = path[..<mark] }
    while path.count > 1, path.hasSuffix("/") { path = path.dropLast() }
    guard let route = CaptureRoute(rawValue: String(path)) else { return nil }
    self = route
  }

  /// The path and query of a request target.
  static func split(_ requestURI: String) -> (path: String, query: String?) {
    guard let mark = requestURI.firstIndex(of: "?") else { return (requestURI, nil) }
    let query = String(requestURI[requestURI.index(after: mark)...])
    return (String(requestURI[..<mark]), query.isEmpty ? nil : query)
  }
}
