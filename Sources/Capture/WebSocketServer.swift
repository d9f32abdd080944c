public import NIOCore
public import NIOHTTP1
public import NIOPosix
public import NIOWebSocket
import Synchronization

/// An HTTP answer for a request that is not a WebSocket upgrade.
public struct HTTPAnswer: Sendable, Equatable {
  public var status: HTTPResponseStatus
  public var contentType: String
  public var body: String

  public init(status: HTTPResponseStatus, contentType: String = "text/plain; charset=utf-8", body: String) {
    self.status = status
    self.contentType = contentType
    self.body = body
  }

  /// 404 with a one-line body.
  public static func notFound(_ path: String) -> HTTPAnswer {
    HTTPAnswer(status: .notFound, body: "no such endpoint: \(path)\n")
  }
}

/// What a ``WebSocketServer`` does with each request.
public protocol WebSocketServerHandler: Sendable {
  /// For a WebSocket handshake: the extra headers of the 101 answer, or nil to refuse it with
  /// ``refusal(_:)``. Called on the event loop: decide from the request alone.
  func shouldUpgrade(_ head: HTTPRequestHead) -> HTTPHeaders?
  /// The HTTP answer to a WebSocket handshake that ``shouldUpgrade(_:)`` refused.
  func refusal(_ head: HTTPRequestHead) -> HTTPAnswer
  /// Runs one WebSocket connection until it ends.
  func webSocket(_ channel: NIOAsyncChannel<WebSocketFrame, WebSocketFrame>, request: HTTPRequestHead) async
  /// Answers a plain HTTP request (`body`: at most ``WebSocketServer/maxRequestBody`` bytes of it).
  func http(_ head: HTTPRequestHead, body: [UInt8]) async -> HTTPAnswer
}

/// A listening socket that serves HTTP/1.1 and WebSocket upgrades with NIO (no extensions, so no
/// permessage-deflate; frames up to ``RelayLimits/maxFrameSize``), one task per connection.
public final class WebSocketServer: Sendable {
  private enum Accepted: Sendable {
    case webSocket(NIOAsyncChannel<WebSocketFrame, WebSocketFrame>, HTTPRequestHead)
    case http(NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>)
  }

  private let channel: NIOAsyncChannel<EventLoopFuture<Accepted>, Never>
  private let handler: any WebSocketServerHandler
  /// The most of a plain HTTP request's body that is read.
  public static let maxRequestBody = 1 << 20

  /// The port it listens on (the one the system chose for port 0).
  public let port: Int
  public let host: String

  private init(
    channel: NIOAsyncChannel<EventLoopFuture<Accepted>, Never>, handler: any WebSocketServerHandler,
    host: String
  ) {
    self.channel = channel
    self.handler = handler
    self.host = host
    port = channel.channel.localAddress?.port ?? 0
  }

  /// Binds `host:port` (port 0 lets the system choose).
  public static func bind(
    host: String, port: Int, limits: RelayLimits = RelayLimits(), handler: any WebSocketServerHandler,
    group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
  ) async throws(CaptureError) -> WebSocketServer {
    do {
      let channel = try await ServerBootstrap(group: group)
        .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
        .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
        .bind(host: host, port: port) { channel in
          channel.eventLoop.makeCompletedFuture {
            let upgrader = NIOTypedWebSocketServerUpgrader<Accepted>(
              maxFrameSize: limits.maxFrameSize,
              shouldUpgrade: { channel, head in
                channel.eventLoop.makeSucceededFuture(handler.shouldUpgrade(head))
              },
              upgradePipelineHandler: { channel, head in
                channel.eventLoop.makeCompletedFuture {
                  Accepted.webSocket(
                    try NIOAsyncChannel<WebSocketFrame, WebSocketFrame>(
                      wrappingChannelSynchronously: channel, configuration: RelayChannel.configuration), head)
                }
              })
            let configuration = NIOTypedHTTPServerUpgradeConfiguration(
              upgraders: [upgrader],
              notUpgradingCompletionHandler: { channel in
                channel.eventLoop.makeCompletedFuture {
                  Accepted.http(
                    try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(
                      wrappingChannelSynchronously: channel))
                }
              })
            let negotiated = try channel.pipeline.syncOperations.configureUpgradableHTTPServerPipeline(
              configuration: .init(upgradeConfiguration: configuration))
            let upgrade = try channel.pipeline.syncOperations.context(
              handlerType: NIOTypedHTTPServerUpgradeHandler<Accepted>.self)
            try channel.pipeline.syncOperations.addHandler(
              UpgradeGate(handler: handler), position: .before(upgrade.handler))
            return negotiated
          }
        }
      return WebSocketServer(channel: channel, handler: handler, host: host)
    } catch {
      throw CaptureError("cannot listen on \(host):\(port): \(error)")
    }
  }

  /// Accepts connections until ``close()``; returns once every connection has ended.
  public func run() async {
    let handler = self.handler
    await withDiscardingTaskGroup { group in
      do {
        try await channel.executeThenClose { inbound in
          for try await accepted in inbound {
            group.addTask { await Self.serve(accepted, handler: handler) }
          }
        }
      } catch {
        // The listening socket closed.
      }
    }
  }

  /// Stops accepting new connections (open ones go on).
  public func close() {
    channel.channel.close(promise: nil)
  }

  private static func serve(_ accepted: EventLoopFuture<Accepted>, handler: any WebSocketServerHandler) async
  {
    do {
      switch try await accepted.get() {
      case .webSocket(let channel, let head):
        await handler.webSocket(channel, request: head)
      case .http(let channel):
        try await channel.executeThenClose { inbound, outbound in
          var request: HTTPRequestHead?
          var body: [UInt8] = []
          for try await part in inbound {
            if case .head(let head) = part { request = head }
            if case .body(var buffer) = part, body.count < maxRequestBody,
              let bytes = buffer.readBytes(length: min(buffer.readableBytes, maxRequestBody - body.count))
            {
              body += bytes
            }
            if case .end = part { break }
          }
          guard let request else { return }
          let answer = await handler.http(request, body: body)
          var headers = HTTPHeaders()
          headers.add(name: "Content-Type", value: answer.contentType)
          headers.add(name: "Content-Length", value: String(answer.body.utf8.count))
          headers.add(name: "Connection", value: "close")
          try await outbound.write(
            .head(HTTPResponseHead(version: .http1_1, status: answer.status, headers: headers)))
          if request.method != .HEAD {
            try await outbound.write(.body(.byteBuffer(ByteBuffer(string: answer.body))))
          }
          try await outbound.write(.end(nil))
        }
      }
    } catch {
      // A connection that broke during the handshake or the answer: nothing to keep.
    }
  }
}

extension WebSocketServerHandler {
  /// 404 naming the path.
  public func refusal(_ head: HTTPRequestHead) -> HTTPAnswer { .notFound(head.uri) }
}

/// Answers the WebSocket handshakes the handler refuses with an HTTP status (NIO's WebSocket upgrader
/// can only fail the connection), and lets every other request through, then leaves the pipeline.
private final class UpgradeGate: ChannelInboundHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPServerRequestPart
  typealias InboundOut = HTTPServerRequestPart
  typealias OutboundOut = HTTPServerResponsePart

  private let handler: any WebSocketServerHandler
  private var refusing = false

  init(handler: any WebSocketServerHandler) { self.handler = handler }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    let part = unwrapInboundIn(data)
    if case .head(let head) = part {
      let isUpgrade = head.headers[canonicalForm: "upgrade"].contains { $0.lowercased() == "websocket" }
      if isUpgrade, handler.shouldUpgrade(head) == nil {
        refusing = true
        let answer = handler.refusal(head)
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: answer.contentType)
        headers.add(name: "Content-Length", value: String(answer.body.utf8.count))
        headers.add(name: "Connection", value: "close")
        context.write(
          wrapOutboundOut(
            .head(HTTPResponseHead(version: .http1_1, status: answer.status, headers: headers))), promise: nil
        )
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: answer.body)))), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
        return
      }
    }
    if refusing { return }
    context.fireChannelRead(data)
    // One request per connection: once it passed, the gate steps aside (a WebSocket's frames follow).
    if case .head = part { context.pipeline.syncOperations.removeHandler(context: context, promise: nil) }
  }
}
