public import NIOCore
public import NIOHTTP1
public import NIOPosix
public import NIOSSL
public import NIOWebSocket

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// An upstream that refused the WebSocket handshake: its HTTP status and what its body said.
///
/// OpenAI answers a refused handshake with a JSON body `{"error": {"type", "code", "message"}}`
/// (401 `invalid_api_key`, 404 `call_id_not_found` on a sideband, 429 `rate_limit_exceeded`);
/// ``apiError`` holds it when the body is one.
public struct HandshakeRefusal: Error, Sendable, Equatable, CustomStringConvertible {
  public var status: Int
  public var reasonPhrase: String
  /// The start of the body (at most ``WebSocketConnector/maxRefusalBody`` bytes), as text.
  public var body: String
  /// The API's error object, when the body held one.
  public var apiError: APIError?

  /// The `error` object of an API error body.
  public struct APIError: Sendable, Equatable, Decodable {
    public var type: String?
    public var code: String?
    public var message: String?
  }

  public init(status: Int, reasonPhrase: String, body: String) {
    self.status = status
    self.reasonPhrase = reasonPhrase
    self.body = body
    struct Envelope: Decodable { var error: APIError }
    apiError = try? JSONDecoder().decode(Envelope.self, from: Data(body.utf8)).error
  }

  public var description: String {
    var text = "HTTP \(status)"
    if !reasonPhrase.isEmpty { text += " \(reasonPhrase)" }
    if let message = apiError?.message { text += ": \(message)" }
    return text
  }
}

/// Why an upstream could not be reached at all (DNS, TCP, TLS, a timeout, a broken handshake).
public struct UpstreamUnreachable: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public var description: String { message }
}

/// Opens WebSocket connections as a client (the proxy's upstream, the sideband recorder, tests and
/// the load generator) with NIO: TLS with the system's trust roots for `wss`, the HTTP/1.1 upgrade,
/// no extensions (no permessage-deflate), and 16 MiB frames.
///
/// Unlike a client that only says "the upgrade failed", a refused handshake comes back as a
/// ``HandshakeRefusal`` with the HTTP status and body, so the app can be told why.
public enum WebSocketConnector {
  /// An open connection and the server's handshake answer.
  public struct Connection: Sendable {
    public let channel: NIOAsyncChannel<WebSocketFrame, WebSocketFrame>
    public let response: HTTPResponseHead
  }

  /// The most of a refusal's body that is kept.
  public static let maxRefusalBody = 64 * 1024

  private enum Outcome: Sendable {
    case upgraded(NIOAsyncChannel<WebSocketFrame, WebSocketFrame>, HTTPResponseHead)
    case refused(EventLoopFuture<HandshakeRefusal>)
  }

  /// The TLS context for `wss` upstreams: system trust roots, full verification.
  public static func makeTLSContext() throws -> NIOSSLContext {
    try NIOSSLContext(configuration: .makeClientConfiguration())
  }

  /// Connects to `url` with `headers` (which must include `Host`).
  /// - Throws: ``HandshakeRefusal`` when the server answered with another status than 101,
  ///   ``UpstreamUnreachable`` when there was no answer.
  public static func connect(
    to url: WebSocketURL, headers: HTTPHeaders, limits: RelayLimits = RelayLimits(),
    tls: NIOSSLContext? = nil, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
  ) async throws -> Connection {
    let tlsContext: NIOSSLContext?
    do {
      tlsContext = url.secure ? try (tls ?? makeTLSContext()) : nil
    } catch {
      throw UpstreamUnreachable(message: "cannot set up TLS: \(error)")
    }
    let host = url.host
    let timeout = TimeAmount.nanoseconds(Int64(limits.connectTimeout.components.seconds) * 1_000_000_000)
    let outcome: EventLoopFuture<Outcome>
    do {
      outcome = try await ClientBootstrap(group: group)
        .connectTimeout(timeout)
        .channelOption(.socketOption(.tcp_nodelay), value: 1)
        .connect(host: host, port: url.port) { channel in
          channel.eventLoop.makeCompletedFuture {
            if let tlsContext {
              let handler = try NIOSSLClientHandler(
                context: tlsContext, serverHostname: Self.isAddress(host) ? nil : host)
              try channel.pipeline.syncOperations.addHandler(handler)
            }
            let upgrader = NIOTypedWebSocketClientUpgrader<Outcome>(
              maxFrameSize: limits.maxFrameSize,
              upgradePipelineHandler: { channel, response in
                channel.eventLoop.makeCompletedFuture {
                  let ws = try NIOAsyncChannel<WebSocketFrame, WebSocketFrame>(
                    wrappingChannelSynchronously: channel, configuration: RelayChannel.configuration)
                  return Outcome.upgraded(ws, response)
                }
              })
            let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: url.requestURI, headers: headers)
            let configuration = NIOTypedHTTPClientUpgradeConfiguration(
              upgradeRequestHead: head, upgraders: [upgrader],
              notUpgradingCompletionHandler: { channel in
                channel.eventLoop.makeCompletedFuture {
                  let promise = channel.eventLoop.makePromise(of: HandshakeRefusal.self)
                  try channel.pipeline.syncOperations.addHandler(RefusalCollector(promise: promise))
                  return Outcome.refused(promise.futureResult)
                }
              })
            // Frames the server sends right after its 101 can arrive in the same read as the answer:
            // they must reach the WebSocket decoder, not be dropped with the HTTP decoder.
            var pipeline = NIOUpgradableHTTPClientPipelineConfiguration(upgradeConfiguration: configuration)
            pipeline.leftOverBytesStrategy = .forwardBytes
            let negotiated = try channel.pipeline.syncOperations.configureUpgradableHTTPClientPipeline(
              configuration: pipeline)
            let deadline = channel.eventLoop.scheduleTask(in: timeout) { channel.close(promise: nil) }
            negotiated.whenComplete { _ in deadline.cancel() }
            return negotiated
          }
        }
    } catch {
      throw UpstreamUnreachable(message: "cannot connect to \(url.hostHeader): \(error)")
    }
    let result: Outcome
    do {
      result = try await outcome.get()
    } catch {
      throw UpstreamUnreachable(
        message: "the WebSocket handshake with \(url.hostHeader) failed or timed out: \(error)")
    }
    switch result {
    case .upgraded(let channel, let response):
      return Connection(channel: channel, response: response)
    case .refused(let refusal):
      do {
        throw try await refusal.get()
      } catch let refusal as HandshakeRefusal {
        throw refusal
      } catch {
        throw UpstreamUnreachable(
          message: "the upstream refused the upgrade and its answer broke off: \(error)")
      }
    }
  }

  /// Whether `host` is an IP address (no SNI is sent for one).
  static func isAddress(_ host: String) -> Bool {
    host.contains(":") || host.allSatisfy { $0.isNumber || $0 == "." }
  }
}

/// How WebSocket channels buffer: a few frames each way, so a slow side slows the other.
enum RelayChannel {
  static let configuration = NIOAsyncChannel<WebSocketFrame, WebSocketFrame>.Configuration(
    backPressureStrategy: .init(lowWatermark: 2, highWatermark: 8), isOutboundHalfClosureEnabled: false)
}

/// Reads the answer to a refused upgrade (status, headers, the start of the body) and closes.
private final class RefusalCollector: ChannelInboundHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPClientResponsePart

  private let promise: EventLoopPromise<HandshakeRefusal>
  private var head: HTTPResponseHead?
  private var body: [UInt8] = []
  private var done = false
  private var deadline: Scheduled<Void>?

  init(promise: EventLoopPromise<HandshakeRefusal>) { self.promise = promise }

  func handlerAdded(context: ChannelHandlerContext) {
    let channel = context.channel
    deadline = context.eventLoop.scheduleTask(in: .seconds(10)) { channel.close(promise: nil) }
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    switch unwrapInboundIn(data) {
    case .head(let received):
      head = received
    case .body(var buffer):
      let room = WebSocketConnector.maxRefusalBody - body.count
      if room > 0, let bytes = buffer.readBytes(length: min(room, buffer.readableBytes)) { body += bytes }
    case .end:
      complete()
      context.close(promise: nil)
    }
  }

  func channelInactive(context: ChannelHandlerContext) {
    complete()
    context.fireChannelInactive()
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    complete()
    context.close(promise: nil)
  }

  private func complete() {
    guard !done else { return }
    done = true
    deadline?.cancel()
    guard let head else {
      promise.fail(UpstreamUnreachable(message: "the upstream closed before answering"))
      return
    }
    promise.succeed(
      HandshakeRefusal(
        status: Int(head.status.code), reasonPhrase: head.status.reasonPhrase,
        body: String(decoding: body, as: UTF8.self)))
  }
}
