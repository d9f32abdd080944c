import Billing
public import Logging
public import NIOCore
public import NIOHTTP1
import NIOSSL
public import NIOWebSocket
import RealtimeEvents
import SessionGuard
import Synchronization

/// `rtcost proxy`: relays Realtime (and GPT-Live) WebSocket sessions to the upstream, records each
/// one, and runs the real session guard in front of it on a real clock.
///
/// Apps point their base URL at `ws://HOST:PORT/v1/realtime?model=…`. For each session the proxy
/// opens the upstream with the client's own authentication (or an injected key), relays every frame
/// both ways as it comes with backpressure, writes a timed recording through a bounded queue, feeds
/// every message to a ``SessionGuard/LiveSessionGuard`` (idle timeout, session alerts), meters usage
/// into ``ProxyMetrics`` and the stats file, and judges the cross-session windows in a ``FleetBudget``.
/// `/metrics` (Prometheus text) and `/healthz` answer on the same port.
public final class ProxyServer: WebSocketServerHandler {
  public let configuration: ProxyConfiguration
  public let metrics: ProxyMetrics
  public let fleet: FleetBudget
  let stats: StatsWriter?
  let webhook: WebhookNotifier?
  let recorderQueue: RecordingQueue
  let tls: NIOSSLContext?
  let logger: Logger
  private let sessions = Mutex<[String: SessionControl]>([:])
  private let closing = Mutex(false)
  private let sessionTasks = Mutex(0)

  /// A proxy for `configuration`; `logger` gets every decision (never a key).
  public init(configuration: ProxyConfiguration, logger: Logger = Logger(label: "rtcost.proxy"))
    throws(CaptureError)
  {
    if let problem = configuration.settings.problem { throw CaptureError(problem) }
    self.configuration = configuration
    self.logger = logger
    metrics = ProxyMetrics()
    recorderQueue = RecordingQueue(capacity: configuration.recorderQueueBytes)
    var lifetime = Money.zero
    if let path = configuration.statsPath {
      let store = UsageStore(path: path)
      do {
        lifetime = try store.load().meters?.billed ?? .zero
      } catch {
        throw CaptureError(error.description)
      }
      let metrics = self.metrics
      stats = StatsWriter(store: store) { why in
        metrics.statsWriteFailed()
        logger.error("stats file not written (kept for the next write): \(why)")
      }
    } else {
      stats = nil
    }
    fleet = FleetBudget(settings: configuration.settings, lifetimeStart: lifetime)
    if let url = configuration.webhook {
      webhook = try WebhookNotifier(
        url: url, timeout: configuration.webhookTimeout, metrics: metrics, logger: logger)
    } else {
      webhook = nil
    }
    if configuration.upstream.base.secure {
      do {
        tls = try WebSocketConnector.makeTLSContext()
      } catch {
        throw CaptureError("cannot set up TLS for \(configuration.upstream.base): \(error)")
      }
    } else {
      tls = nil
    }
  }

  // MARK: WebSocketServerHandler

  public func shouldUpgrade(_ head: HTTPRequestHead) -> HTTPHeaders? {
    guard !isShuttingDown, CaptureRoute(requestURI: head.uri) != nil else { return nil }
    var headers = HTTPHeaders()
    if let echoed = HandshakeForwarding(request: head.headers, injection: configuration.keyInjection)
      .echoedSubprotocol
    {
      headers.add(name: "Sec-WebSocket-Protocol", value: echoed)
    }
    return headers
  }

  public func webSocket(_ channel: NIOAsyncChannel<WebSocketFrame, WebSocketFrame>, request: HTTPRequestHead)
    async
  {
    guard let route = CaptureRoute(requestURI: request.uri) else { return }
    sessionTasks.withLock { $0 += 1 }
    defer { sessionTasks.withLock { $0 -= 1 } }
    let session = RelaySession(proxy: self, client: channel, request: request, route: route)
    await session.run()
  }

  /// A refused handshake: 503 while the proxy shuts down (the app may retry on another replica),
  /// 404 for a path that is no route.
  public func refusal(_ head: HTTPRequestHead) -> HTTPAnswer {
    guard isShuttingDown, CaptureRoute(requestURI: head.uri) != nil else {
      return .notFound(head.uri)
    }
    return Self.shuttingDown
  }

  static let shuttingDown = HTTPAnswer(status: .serviceUnavailable, body: "shutting down\n")

  public func http(_ head: HTTPRequestHead, body: [UInt8]) async -> HTTPAnswer {
    let (path, _) = CaptureRoute.split(head.uri)
    switch path {
    case "/metrics":
      return HTTPAnswer(
        status: .ok, contentType: "text/plain; version=0.0.4; charset=utf-8", body: metrics.exposition())
    case "/healthz":
      return isShuttingDown ? Self.shuttingDown : HTTPAnswer(status: .ok, body: "ok\n")
    default:
      if CaptureRoute(requestURI: head.uri) != nil {
        if isShuttingDown { return Self.shuttingDown }
        return HTTPAnswer(
          status: .upgradeRequired, body: "\(path) is a WebSocket endpoint: connect with ws://\n")
      }
      return .notFound(path)
    }
  }

  // MARK: Sessions

  /// Whether the proxy is shutting down (new sessions are refused).
  public var isShuttingDown: Bool { closing.withLock { $0 } }

  /// Sessions open now.
  public var openSessions: Int { sessions.withLock { $0.count } }

  /// Tells every open session to close with 1001 (after a Realtime-shaped `error`), and refuses new ones.
  public func shutdown() {
    closing.withLock { $0 = true }
    for control in sessions.withLock({ Array($0.values) }) { control.signal(.shutdown) }
  }

  /// Waits until every session task ended (or the waiting task is cancelled).
  public func waitForSessions() async {
    let clock = ContinuousClock()
    while sessionTasks.withLock({ $0 }) > 0, !Task.isCancelled {
      try? await clock.sleep(for: .milliseconds(20))
    }
  }

  /// Waits until every session task ended, then writes what the recorder and the stats file hold.
  public func finish() async {
    let clock = ContinuousClock()
    while sessionTasks.withLock({ $0 }) > 0 { try? await clock.sleep(for: .milliseconds(20)) }
    await recorderQueue.drain()
    await stats?.flush()
  }

  func register(_ id: String, _ control: SessionControl) {
    sessions.withLock { $0[id] = control }
    if isShuttingDown { control.signal(.shutdown) }
  }

  func unregister(_ id: String) { _ = sessions.withLock { $0.removeValue(forKey: id) } }

  /// Closes every open session for a cross-session budget.
  func closeAll(_ reason: SessionCloseReason, detail: String) {
    for control in sessions.withLock({ Array($0.values) }) {
      control.signal(.guardClose(reason, detail: detail))
    }
  }

  /// Handles the actions of the fleet budget (after usage was added, or on its periodic check).
  func handleFleet(_ actions: [AlertPolicy.Action], model: String) {
    for action in actions {
      switch action {
      case .log(let alert):
        metrics.alert(alert)
        logger.warning("fleet \(alert.message)")
      case .callback(let alert):
        webhook?.post(AlertJSON.webhook(alert, action: "callback", session: nil, model: model, route: nil))
      case .disconnect(let alert):
        webhook?.post(AlertJSON.webhook(alert, action: "disconnect", session: nil, model: model, route: nil))
        closeAll(
          .budgetExceeded,
          detail:
            "rtcost proxy closed the session: the \(alert.window.rawValue) cost of all sessions, \(alert.amount), "
            + "reached the alert threshold \(alert.threshold)")
      }
    }
  }
}

/// The JSON texts of an alert: the recording's `local.alert` and the webhook's body.
enum AlertJSON {
  static func local(_ alert: Alert, action: String) -> String {
    "{\"type\":\"local.alert\",\"level\":\"\(alert.level.rawValue)\",\"window\":\"\(alert.window.rawValue)\","
      + "\"amount_usd\":\"\(alert.amount.decimalText)\",\"threshold_usd\":\"\(alert.threshold.decimalText)\","
      + "\"action\":\"\(action)\"}"
  }

  static func webhook(_ alert: Alert, action: String, session: String?, model: String, route: String?)
    -> String
  {
    var text = "{\"text\":" + JSONString.quoted("rtcost proxy " + alert.message)
    text +=
      ",\"source\":\"rtcost proxy\",\"level\":\"\(alert.level.rawValue)\",\"window\":\"\(alert.window.rawValue)\""
    text +=
      ",\"amount_usd\":\"\(alert.amount.decimalText)\",\"threshold_usd\":\"\(alert.threshold.decimalText)\""
    text += ",\"action\":\"\(action)\",\"model\":" + JSONString.quoted(model)
    if let session { text += ",\"session\":" + JSONString.quoted(session) }
    if let route { text += ",\"route\":" + JSONString.quoted(route) }
    text += ",\"time\":\"\(UTCTime.iso8601(UTCTime.nowMicros()))\"}"
    return text
  }
}
