public import RealtimeEvents

/// Why a relayed session ended: whichever happened first.
public enum SessionEnding: Sendable, Equatable {
  /// The app sent a close frame.
  case clientClosed(CloseDetail)
  /// The app's connection ended without a close frame (or broke).
  case clientLost(String)
  /// The upstream sent a close frame; `expired` when it had said `session_expired` first.
  case upstreamClosed(CloseDetail, expired: Bool)
  /// The upstream's connection ended without a close frame (or broke).
  case upstreamLost(String)
  /// The live guard closed it: `idleTimeout` or `budgetExceeded`, with a sentence for the app.
  case guardClosed(SessionCloseReason, detail: String)
  /// The proxy is shutting down (SIGTERM).
  case shutdown
  /// The upstream refused the handshake.
  case upstreamRefused(HandshakeRefusal)
  /// The upstream could not be reached.
  case upstreamUnreachable(String)
  /// The proxy would not open the session (a model without a price, a daily budget spent).
  case refused(ProxyErrorEvent)

  /// The reason written in the recording's `local.session_closed` and in metrics' `close_reason`.
  public var closeReason: SessionCloseReason {
    switch self {
    case .clientClosed, .clientLost: .clientClosed
    case .upstreamClosed(_, let expired): expired ? .sessionExpired : .upstreamClosed
    case .upstreamLost: .upstreamClosed
    case .guardClosed(let reason, _): reason
    case .shutdown: .shutdown
    case .upstreamRefused: .other("upstream_refused")
    case .upstreamUnreachable: .other("upstream_unreachable")
    case .refused: .other("refused")
    }
  }

  /// What the app is told: an `error` event (or none) and the close frame.
  public var toClient: (event: ProxyErrorEvent?, close: CloseDetail) {
    switch self {
    case .clientClosed(let detail): (nil, detail.reply)
    case .clientLost: (nil, CloseDetail(code: 1001))
    case .upstreamClosed(let detail, _): (nil, detail)
    case .upstreamLost(let why):
      (
        ProxyErrorEvent(
          type: "server_error", code: "upstream_connection_lost",
          message: "rtcost proxy: the connection to the API was lost (\(why))"),
        CloseDetail(code: 1011, reason: "upstream connection lost")
      )
    case .guardClosed(let reason, let detail):
      (
        ProxyErrorEvent(type: "invalid_request_error", code: reason.wireName, message: detail),
        CloseDetail(code: 1000, reason: reason.wireName)
      )
    case .shutdown:
      (
        ProxyErrorEvent(
          type: "server_error", code: "proxy_shutdown",
          message: "rtcost proxy is shutting down; reconnect to continue"),
        CloseDetail(code: 1001, reason: "shutdown")
      )
    case .upstreamRefused(let refusal):
      (
        ProxyErrorEvent(
          type: refusal.apiError?.type ?? "invalid_request_error",
          code: refusal.apiError?.code ?? "upstream_refused",
          message: "rtcost proxy: the API refused the WebSocket handshake: \(refusal)"),
        CloseDetail(
          code: Self.closeCode(forRefusal: refusal.status), reason: "upstream refused: HTTP \(refusal.status)"
        )
      )
    case .upstreamUnreachable(let why):
      (
        ProxyErrorEvent(
          type: "server_error", code: "upstream_unreachable",
          message: "rtcost proxy: cannot reach the API: \(why)"),
        CloseDetail(code: 1011, reason: "upstream unreachable")
      )
    case .refused(let event):
      (event, CloseDetail(code: 1008, reason: event.code))
    }
  }

  /// What the upstream is sent when it is still open: the app's close mirrored, or the proxy's own.
  public var toUpstream: CloseDetail {
    switch self {
    case .clientClosed(let detail): detail
    case .clientLost: CloseDetail(code: 1001, reason: "client went away")
    case .upstreamClosed(let detail, _): detail.reply
    case .upstreamLost: CloseDetail(code: 1001)
    case .guardClosed(let reason, _): CloseDetail(code: 1000, reason: reason.wireName)
    case .shutdown: CloseDetail(code: 1001, reason: "shutdown")
    case .upstreamRefused, .upstreamUnreachable, .refused: CloseDetail(code: 1000)
    }
  }

  /// The close code for a refused upstream handshake: 1008 (policy) for 401, 403 and 404, 1013 (try
  /// again later) for 429 and 503, 1011 otherwise.
  public static func closeCode(forRefusal status: Int) -> Int {
    switch status {
    case 401, 403, 404: 1008
    case 429, 503: 1013
    default: 1011
    }
  }
}
