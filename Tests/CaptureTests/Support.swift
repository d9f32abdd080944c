import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket
import RealtimeEvents
import TestSupport

@testable import Capture

/// What a test client received on one connection.
struct ClientLog: Sendable {
  var messages: [[UInt8]] = []
  var close: CloseDetail?
  var endedWithoutClose = false
  var selectedSubprotocol: String?

  /// The received messages that are `error` events, decoded.
  var errorCodes: [String] {
    messages.compactMap { bytes in
      guard case .error(let code, _)? = try? RealtimeMessage.decode(bytes: bytes) else { return nil }
      _ = code
      let json = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
      return (json?["error"] as? [String: Any])?["code"] as? String
    }
  }
}

/// A Realtime app in a test: connects with NIO, sends messages, reads until the close.
enum TestClient {
  static func connect(
    port: Int, path: String = "/v1/realtime?model=gpt-realtime",
    headers extra: [(String, String)] = [
      ("Authorization", "Bearer sk-test-client-key")
    ]
  ) async throws -> WebSocketConnector.Connection {
    var headers = HTTPHeaders()
    headers.add(name: "Host", value: "127.0.0.1:\(port)")
    for (name, value) in extra { headers.add(name: name, value: value) }
    let url = WebSocketURL(
      secure: false, host: "127.0.0.1", port: port, path: CaptureRouteSplit.path(path),
      query: CaptureRouteSplit.query(path))
    return try await WebSocketConnector.connect(to: url, headers: headers)
  }

  /// Sends `messages` (each as one text frame, `gap` apart), then reads until the connection ends;
  /// `readDelay` slows the reading (a slow client); `closeAfter` makes the client close with that
  /// detail once it has that many messages; `dropAfter` drops the TCP connection instead.
  static func run(
    _ connection: WebSocketConnector.Connection, sending messages: [[UInt8]] = [],
    after thresholds: [Int]? = nil,
    gap: Duration? = nil,
    readDelay: Duration? = nil, closeAfter: (count: Int, detail: CloseDetail)? = nil, dropAfter: Int? = nil,
    timeout: Duration = .seconds(120)
  ) async -> ClientLog {
    var log = ClientLog()
    log.selectedSubprotocol = connection.response.headers["Sec-WebSocket-Protocol"].first
    let channel = connection.channel.channel
    let watchdog = Task {
      try? await Task.sleep(for: timeout)
      if !Task.isCancelled { channel.close(promise: nil) }
    }
    defer { watchdog.cancel() }
    do {
      log = try await connection.channel.executeThenClose { inbound, outbound in
        var log = log
        // With thresholds, message i goes out once `thresholds[i]` messages were received.
        var pending = thresholds.map { Array(zip(messages, $0)) } ?? []
        func sendDue(_ received: Int) async throws {
          while let (message, threshold) = pending.first, threshold <= received {
            pending.removeFirst()
            var buffer = ByteBuffer()
            buffer.writeBytes(message)
            try await outbound.write(
              WebSocketFrame(fin: true, opcode: .text, maskKey: .random(), data: buffer))
          }
        }
        try await sendDue(0)
        let sender = Task {
          for message in thresholds == nil ? messages : [] {
            var buffer = ByteBuffer()
            buffer.writeBytes(message)
            try await outbound.write(
              WebSocketFrame(fin: true, opcode: .text, maskKey: .random(), data: buffer))
            if let gap { try await Task.sleep(for: gap) }
          }
        }
        defer { sender.cancel() }
        var partial: [UInt8] = []
        for try await frame in inbound {
          if let readDelay { try? await Task.sleep(for: readDelay) }
          switch frame.opcode {
          case .text, .binary, .continuation:
            partial += Array(frame.unmaskedData.readableBytesView)
            if frame.fin {
              log.messages.append(partial)
              partial = []
              try await sendDue(log.messages.count)
            }
            if let closeAfter, log.messages.count == closeAfter.count {
              try await outbound.write(closeAfter.detail.frame(masked: true))
            }
            if let dropAfter, log.messages.count == dropAfter {
              channel.close(promise: nil)
              return log
            }
          case .ping:
            try await outbound.write(
              WebSocketFrame(fin: true, opcode: .pong, maskKey: .random(), data: frame.unmaskedData))
          case .connectionClose:
            log.close = CloseDetail(frame: frame)
            try? await outbound.write(CloseDetail(code: log.close?.code).frame(masked: true))
            return log
          default:
            break
          }
        }
        log.endedWithoutClose = true
        return log
      }
    } catch {
      log.endedWithoutClose = true
    }
    return log
  }
}

enum CaptureRouteSplit {
  static func path(_ uri: String) -> String { String(uri.split(separator: "?", maxSplits: 1).first ?? "/") }
  static func query(_ uri: String) -> String? {
    let parts = uri.split(separator: "?", maxSplits: 1)
    return parts.count > 1 ? String(parts[1]) : nil
  }
}

/// `rtcost serve` as the upstream and `rtcost proxy` in front of it, both on 127.0.0.1:0.
struct Harness: Sendable {
  let serve: FakeRealtimeServer
  let serveServer: WebSocketServer
  let proxy: ProxyServer
  let proxyServer: WebSocketServer
  let storage: MemoryRecordingStorage
  let tasks: [Task<Void, Never>]

  var port: Int { proxyServer.port }

  static func start(
    recording: String, serveOptions: FakeRealtimeServer.Options = .init(speed: 20, waitForClient: true),
    storage: MemoryRecordingStorage = MemoryRecordingStorage(),
    configure: (inout ProxyConfiguration) -> Void = { _ in }
  ) async throws -> Harness {
    try await start(
      script: try ServeScript.load(path: recording), serveOptions: serveOptions, storage: storage,
      configure: configure)
  }

  /// The same with the upstream playing `script` (a recording written in the test).
  static func start(
    script: ServeScript, serveOptions: FakeRealtimeServer.Options = .init(speed: 20, waitForClient: true),
    storage: MemoryRecordingStorage = MemoryRecordingStorage(),
    configure: (inout ProxyConfiguration) -> Void = { _ in }
  ) async throws -> Harness {
    let serve = FakeRealtimeServer(script: script, options: serveOptions)
    let serveServer = try await WebSocketServer.bind(host: "127.0.0.1", port: 0, handler: serve)
    var configuration = ProxyConfiguration(
      port: 0,
      upstream: UpstreamEndpoint(
        base: WebSocketURL(secure: false, host: "127.0.0.1", port: serveServer.port, path: "/v1")),
      // A long close timer: peers here always answer, and a starved test process must not cut them off.
      limits: RelayLimits(closeTimeout: .seconds(30)), recordings: storage)
    configure(&configuration)
    let proxy = try ProxyServer(configuration: configuration)
    let proxyServer = try await WebSocketServer.bind(host: "127.0.0.1", port: 0, handler: proxy)
    let tasks = [Task { await serveServer.run() }, Task { await proxyServer.run() }]
    return Harness(
      serve: serve, serveServer: serveServer, proxy: proxy, proxyServer: proxyServer, storage: storage,
      tasks: tasks)
  }

  /// Waits for every session to end and its recording to be written, then stops both servers.
  func stop() async {
    await waitForSessions()
    await proxy.finish()
    proxyServer.close()
    serveServer.close()
    for task in tasks { await task.value }
  }

  func waitForSessions() async {
    for _ in 0..<12_000 where proxy.openSessions > 0 { try? await Task.sleep(for: .milliseconds(10)) }
    await proxy.finish()
  }

  /// The upstream's log of its first session once it saw the proxy's close (or after 60 s).
  func upstreamSessionAfterClose() async -> FakeRealtimeServer.SessionLog? {
    for _ in 0..<6_000 where serve.sessions.first?.clientClose == nil {
      try? await Task.sleep(for: .milliseconds(10))
    }
    return serve.sessions.first
  }

  /// The one recording the proxy wrote (after ``waitForSessions()``).
  func recording() throws -> (name: String, bytes: [UInt8]) {
    guard let name = storage.names.last, let bytes = storage.contents(name) else {
      throw CaptureError("no recording")
    }
    return (name, bytes)
  }

  /// The events of the recording.
  func recordedEvents() throws -> [TimedEvent] {
    let (name, bytes) = try recording()
    let reader = RecordingReader(bytes: bytes, name: name)
    var events: [TimedEvent] = []
    while let event = try reader.next() { events.append(event) }
    return events
  }
}

/// The lines of a recording, split on newlines.
func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
  bytes.split(separator: 0x0A, omittingEmptySubsequences: true)
}

/// The `local` events of a recording, as JSON objects.
func localEvents(_ bytes: [UInt8]) -> [[String: Any]] {
  lines(bytes).compactMap { line in
    guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
      object["dir"] as? String == "local"
    else { return nil }
    return object["event"] as? [String: Any]
  }
}

let gaFixture = TestPaths.fixture("ga-timed-pcm16.jsonl")

/// A plain HTTP GET on loopback (for /metrics and /healthz) and a one-shot webhook receiver.
enum HTTPGet {
  static func get(port: Int, path: String) async throws -> (status: Int, body: String) {
    let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .connect(host: "127.0.0.1", port: port) { channel in
        channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.addHTTPClientHandlers()
          return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(
            wrappingChannelSynchronously: channel)
        }
      }
    return try await channel.executeThenClose { inbound, outbound in
      var headers = HTTPHeaders()
      headers.add(name: "Host", value: "127.0.0.1:\(port)")
      // Head and end in one write: a GET's head is a whole request to the server, which may answer
      // and close before a separate write of the end (`I/O on closed channel` on a loaded machine).
      try await outbound.write(
        contentsOf: [
          .head(HTTPRequestHead(version: .http1_1, method: .GET, uri: path, headers: headers)), .end(nil),
        ])
      var status = 0
      var body = ""
      for try await part in inbound {
        switch part {
        case .head(let head): status = Int(head.status.code)
        case .body(let buffer): body += String(buffer: buffer)
        case .end: return (status, body)
        }
      }
      return (status, body)
    }
  }
}

/// An HTTP endpoint that keeps every POST body (a webhook receiver).
final class WebhookReceiver: WebSocketServerHandler {
  private let bodies = LockedBoxForTests<[String]>([])
  /// How long it takes to answer.
  private let delay: Duration

  init(delay: Duration = .zero) { self.delay = delay }

  var received: [String] { bodies.value }

  func shouldUpgrade(_ head: HTTPRequestHead) -> HTTPHeaders? { nil }
  func webSocket(_ channel: NIOAsyncChannel<WebSocketFrame, WebSocketFrame>, request: HTTPRequestHead) async {
  }
  func http(_ head: HTTPRequestHead, body: [UInt8]) async -> HTTPAnswer {
    bodies.update { $0.append(String(decoding: body, as: UTF8.self)) }
    if delay > .zero { try? await Task.sleep(for: delay) }
    return HTTPAnswer(status: .ok, body: "")
  }
}

final class LockedBoxForTests<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: Value
  init(_ value: Value) { stored = value }
  var value: Value { lock.withLock { stored } }
  func update(_ body: (inout Value) -> Void) { lock.withLock { body(&stored) } }
}
