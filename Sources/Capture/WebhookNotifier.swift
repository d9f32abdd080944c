public import Logging
public import NIOCore
import NIOHTTP1
public import NIOPosix
public import NIOSSL
import Synchronization

/// Delivers alerts as an HTTP POST of a JSON body to one URL (a Slack-compatible `text` field
/// included), with a bounded timeout and a bounded number in flight; the relay never waits on it.
public final class WebhookNotifier: Sendable {
  public let url: WebSocketURL
  public let timeout: Duration
  /// Deliveries in flight at most; more are dropped (and counted).
  public let maxInFlight: Int
  private let inFlight = Mutex(0)
  private let tls: NIOSSLContext?
  private let metrics: ProxyMetrics?
  private let logger: Logger

  public init(
    url: WebSocketURL, timeout: Duration = .seconds(5), maxInFlight: Int = 16, metrics: ProxyMetrics? = nil,
    logger: Logger = Logger(label: "rtcost.webhook")
  ) throws(CaptureError) {
    self.url = url
    self.timeout = timeout
    self.maxInFlight = maxInFlight
    self.metrics = metrics
    self.logger = logger
    do {
      tls = url.secure ? try WebSocketConnector.makeTLSContext() : nil
    } catch {
      throw CaptureError("--webhook \(url): cannot set up TLS: \(error)")
    }
  }

  /// Posts `json` in the background.
  public func post(_ json: String) {
    let admitted = inFlight.withLock { count -> Bool in
      guard count < maxInFlight else { return false }
      count += 1
      return true
    }
    guard admitted else {
      metrics?.webhook("dropped")
      logger.warning("webhook dropped: \(maxInFlight) deliveries already in flight")
      return
    }
    Task {
      defer { inFlight.withLock { $0 -= 1 } }
      do {
        let status = try await Self.send(json, to: url, timeout: timeout, tls: tls)
        if (200..<300).contains(status) {
          metrics?.webhook("sent")
        } else {
          metrics?.webhook("failed")
          logger.warning("webhook answered HTTP \(status)")
        }
      } catch {
        metrics?.webhook("failed")
        logger.warning("webhook failed: \(error)")
      }
    }
  }

  /// POSTs `json` to `url` and returns the response status.
  public static func send(
    _ json: String, to url: WebSocketURL, timeout: Duration, tls: NIOSSLContext? = nil,
    group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
  ) async throws -> Int {
    let amount = TimeAmount.nanoseconds(
      timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000)
    let context = url.secure ? try (tls ?? WebSocketConnector.makeTLSContext()) : nil
    let channel = try await ClientBootstrap(group: group)
      .connectTimeout(amount)
      .connect(host: url.host, port: url.port) { channel in
        channel.eventLoop.makeCompletedFuture {
          if let context {
            try channel.pipeline.syncOperations.addHandler(
              try NIOSSLClientHandler(
                context: context, serverHostname: WebSocketConnector.isAddress(url.host) ? nil : url.host))
          }
          try channel.pipeline.syncOperations.addHTTPClientHandlers()
          return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(
            wrappingChannelSynchronously: channel)
        }
      }
    let timedOut = LockedBox(false)
    let deadline = channel.channel.eventLoop.scheduleTask(in: amount) {
      timedOut.withLock { $0 = true }
      channel.channel.close(promise: nil)
    }
    defer { deadline.cancel() }
    do {
      return try await channel.executeThenClose { inbound, outbound in
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: url.hostHeader)
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "Content-Length", value: String(json.utf8.count))
        headers.add(name: "Connection", value: "close")
        headers.add(name: "User-Agent", value: "rtcost-proxy")
        try await outbound.write(
          .head(HTTPRequestHead(version: .http1_1, method: .POST, uri: url.requestURI, headers: headers)))
        try await outbound.write(.body(.byteBuffer(ByteBuffer(string: json))))
        try await outbound.write(.end(nil))
        for try await part in inbound {
          if case .head(let head) = part { return Int(head.status.code) }
        }
        throw CaptureError("the webhook closed the connection without answering")
      }
    } catch {
      // When the deadline closed the channel, say so, not that the peer hung up.
      if timedOut.value { throw CaptureError("the webhook did not answer within \(timeout)") }
      throw error
    }
  }
}
