public import NIOCore
public import NIOHTTP1
public import NIOWebSocket
import RealtimeEvents
import Synchronization

/// `rtcost serve`: a local fake Realtime endpoint that plays a recording's server events to whoever
/// connects, exactly as the recording holds them, paced by the recorded times (or faster, or not at
/// all), optionally waiting for the client's messages the recording says came first. The proxy's
/// tests use it as their upstream; app developers run their client against a recorded session
/// without an API key. Every path upgrades (so `ws://127.0.0.1:PORT/v1/realtime?model=…` works).
public final class FakeRealtimeServer: WebSocketServerHandler {
  /// How to play the script.
  public struct Options: Sendable, Equatable {
    /// Recorded times divided by `speed`; nil sends everything at once.
    public var speed: Double?
    /// Wait for the client messages the recording has before each server event.
    public var waitForClient: Bool
    /// Keep the connection open after the last event (until the client closes).
    public var hold: Bool
    /// Refuse every handshake with this status and body (401, 404 `call_id_not_found`, 429, …).
    public var refusal: Refusal?
    /// Drop the connection without a close frame after this many events (a lost upstream), 100 ms
    /// after the last of them was sent.
    public var dropAfter: Int?

    /// A handshake refusal.
    public struct Refusal: Sendable, Equatable {
      public var status: Int
      public var body: String

      public init(status: Int, body: String) {
        self.status = status
        self.body = body
      }

      /// The API's error body for `status` with `code`.
      public static func api(status: Int, code: String, message: String) -> Refusal {
        let type = status == 429 ? "rate_limit_error" : "invalid_request_error"
        return Refusal(
          status: status,
          body:
            "{\"error\":{\"type\":\"\(type)\",\"code\":\"\(code)\",\"message\":\(JSONString.quoted(message))}}"
        )
      }
    }

    public init(
      speed: Double? = 1, waitForClient: Bool = false, hold: Bool = false, refusal: Refusal? = nil,
      dropAfter: Int? = nil
    ) {
      self.speed = speed
      self.waitForClient = waitForClient
      self.hold = hold
      self.refusal = refusal
      self.dropAfter = dropAfter
    }
  }

  /// What one connection sent and got.
  public struct SessionLog: Sendable, Equatable {
    /// The request target of the handshake.
    public var requestURI: String
    /// The handshake's headers (names lowercased), as received.
    public var headers: [String: String]
    /// Whole messages the client sent, in order.
    public var received: [[UInt8]] = []
    /// Data frames the client sent (a fragmented message is several).
    public var framesReceived = 0
    /// Server events sent.
    public var sent = 0
    /// The client's close frame, if it sent one.
    public var clientClose: CloseDetail?
    /// Pings the client sent (each answered with a pong).
    public var pingsReceived = 0
  }

  public let script: ServeScript
  public let options: Options
  private let logs = Mutex<[SessionLog]>([])
  private let open = LockedBox<[Int: any Channel]>([:])
  private let limits: RelayLimits

  public init(script: ServeScript, options: Options = Options(), limits: RelayLimits = RelayLimits()) {
    self.script = script
    self.options = options
    self.limits = limits
  }

  /// Every connection so far (the last one last).
  public var sessions: [SessionLog] { logs.withLock { $0 } }

  /// Closes every open connection (a shutdown: held sessions end too).
  public func closeAll() {
    for channel in open.value.values { channel.close(promise: nil) }
  }

  public func shouldUpgrade(_ head: HTTPRequestHead) -> HTTPHeaders? {
    guard options.refusal == nil else { return nil }
    var headers = HTTPHeaders()
    let offered = head.headers[canonicalForm: "sec-websocket-protocol"].flatMap { $0.split(separator: ",") }
      .map { $0.trimmingPrefix(" ") }
    if offered.contains(where: { $0 == "realtime" }) {
      headers.add(name: "Sec-WebSocket-Protocol", value: "realtime")
    }
    return headers
  }

  public func refusal(_ head: HTTPRequestHead) -> HTTPAnswer {
    guard let refusal = options.refusal else { return .notFound(head.uri) }
    return HTTPAnswer(
      status: HTTPResponseStatus(statusCode: refusal.status), contentType: "application/json",
      body: refusal.body)
  }

  public func http(_ head: HTTPRequestHead, body: [UInt8]) async -> HTTPAnswer {
    if head.uri == "/healthz" { return HTTPAnswer(status: .ok, body: "ok\n") }
    if let refusal = options.refusal {
      return HTTPAnswer(
        status: HTTPResponseStatus(statusCode: refusal.status), contentType: "application/json",
        body: refusal.body)
    }
    return .notFound(head.uri)
  }

  public func webSocket(_ channel: NIOAsyncChannel<WebSocketFrame, WebSocketFrame>, request: HTTPRequestHead)
    async
  {
    var headers: [String: String] = [:]
    for (name, value) in request.headers { headers[name.lowercased()] = value }
    let index = logs.withLock { logs -> Int in
      logs.append(SessionLog(requestURI: request.uri, headers: headers))
      return logs.count - 1
    }
    let arrivals = LockedBox<[ContinuousClock.Instant]>([])
    let script = self.script
    let options = self.options
    let limits = self.limits
    let raw = channel.channel
    open.withLock { $0[index] = raw }
    defer { _ = open.withLock { $0.removeValue(forKey: index) } }
    try? await channel.executeThenClose { inbound, outbound in
      let out = PeerOutbound(outbound, masked: false)
      await withTaskGroup(of: Void.self) { group in
        group.addTask {
          var assembler = MessageAssembler(limit: limits.maxMessageSize)
          do {
            for try await frame in inbound {
              switch frame.opcode {
              case .text, .binary, .continuation:
                self.logs.withLock { $0[index].framesReceived += 1 }
                if case .message(let bytes, _) = assembler.add(frame) {
                  let now = ContinuousClock().now
                  arrivals.withLock { $0.append(now) }
                  self.logs.withLock { $0[index].received.append(Array(bytes.readableBytesView)) }
                }
              case .ping:
                self.logs.withLock { $0[index].pingsReceived += 1 }
                try? await out.control(.pong, data: frame.unmaskedData)
              case .connectionClose:
                let detail = CloseDetail(frame: frame)
                self.logs.withLock { $0[index].clientClose = detail }
                await out.replyToClose(detail)
                raw.close(promise: nil)
                return
              default:
                break
              }
            }
          } catch {}
          raw.close(promise: nil)
        }
        group.addTask {
          let clock = ContinuousClock()
          let start = clock.now
          for (number, step) in script.steps.enumerated() {
            if let dropAfter = options.dropAfter, number >= dropAfter {
              // Let what was sent reach the client first: a drop mid-session, not at the handshake.
              try? await clock.sleep(for: .milliseconds(100))
              raw.close(promise: nil)
              return
            }
            var due = start
            if let speed = options.speed, speed > 0 {
              due = start + .microseconds(Double(step.time) / speed)
            }
            if options.waitForClient, step.clientMessagesBefore > 0 {
              var arrived: ContinuousClock.Instant?
              while arrived == nil {
                arrived = arrivals.withLock {
                  $0.count >= step.clientMessagesBefore ? $0[step.clientMessagesBefore - 1] : nil
                }
                if arrived == nil {
                  do { try await clock.sleep(for: .milliseconds(2)) } catch { return }
                }
              }
              if let arrived, let speed = options.speed, speed > 0 {
                due = max(due, arrived + .microseconds(Double(step.time - step.lastClientTime) / speed))
              }
            }
            if due > clock.now {
              do { try await clock.sleep(until: due) } catch { return }
            }
            var buffer = ByteBuffer()
            buffer.writeBytes(step.message)
            do {
              guard try await out.relay(WebSocketFrame(fin: true, opcode: .text, data: buffer)) else {
                return
              }
            } catch {
              return
            }
            self.logs.withLock { $0[index].sent += 1 }
          }
          if !options.hold {
            _ = await out.farewell(message: nil, close: CloseDetail(code: 1000, reason: "end of recording"))
          }
        }
        await group.next()
        await group.next()
      }
    }
  }
}
