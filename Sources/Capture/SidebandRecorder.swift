import NIOCore
public import NIOHTTP1
import NIOWebSocket
public import RealtimeEvents

/// `rtcost record --call-id rtc_…`: attaches to a WebRTC or SIP call's sideband
/// (`wss://api.openai.com/v1/realtime?call_id=…`, DESIGN §7.5) with a normal key and records the
/// session's server events (`response.done` usage included; audio rides the media track).
///
/// The sideband gets no close when the browser leaves (openai-agents-js#684), so the recorder has its
/// own end-of-call detection: the API closing the socket, no server event for ``Options/quietTimeout``,
/// or ``Options/maxDuration`` (the session length cap with a margin), whichever comes first.
public enum SidebandRecorder {
  /// When to call the call over.
  public struct Options: Sendable, Equatable {
    /// No server event for this long ends the recording. A live call sends events at least at every
    /// turn (speech started/stopped, responses); 5 minutes of nothing is the seed design's idle
    /// timeout, long past any pause in a conversation. A named guess: the API documents no signal.
    public var quietTimeout: Duration
    /// The longest a recording runs: GA's 60-minute session cap (DESIGN §1) plus a minute.
    public var maxDuration: Duration
    public var limits: RelayLimits

    public init(
      quietTimeout: Duration = .seconds(300), maxDuration: Duration = .seconds(61 * 60),
      limits: RelayLimits = RelayLimits()
    ) {
      self.quietTimeout = quietTimeout
      self.maxDuration = maxDuration
      self.limits = limits
    }
  }

  /// How the recording ended.
  public enum Ending: Sendable, Equatable {
    /// The API closed the sideband.
    case closed(CloseDetail)
    /// The connection ended without a close frame.
    case lost(String)
    /// No server event for the quiet timeout.
    case quiet(Duration)
    /// The maximum duration passed.
    case maxDuration(Duration)

    /// The `local.session_closed` reason.
    public var closeReason: SessionCloseReason {
      switch self {
      case .closed: .upstreamClosed
      case .lost: .upstreamClosed
      case .quiet: .other("call_quiet")
      case .maxDuration: .other("max_duration")
      }
    }
  }

  /// What was recorded.
  public struct Result: Sendable, Equatable {
    public var ending: Ending
    public var serverEvents: Int
    public var recording: SessionRecorder.Counters
  }

  /// The sideband URL of `callID` on `upstream`.
  public static func url(callID: String, upstream: UpstreamEndpoint) -> WebSocketURL {
    upstream.url(forClientPath: "/v1/realtime", query: "call_id=\(callID)")
  }

  /// Attaches to `url` with `headers` and records into `recorder` until the call is over.
  /// - Throws: ``HandshakeRefusal`` (404 `call_id_not_found`, 401, …) or ``UpstreamUnreachable``.
  public static func record(
    url: WebSocketURL, headers: HTTPHeaders, recorder: SessionRecorder, options: Options = Options()
  ) async throws -> Result {
    try await record(url: url, headers: headers, options: options) { recorder }
  }

  /// Attaches to `url` with `headers`, then records into the recorder `makeRecorder` returns until
  /// the call is over. `makeRecorder` runs only once the sideband is open, so a refused or
  /// unreachable sideband creates no recording at all (`rtcost record` leaves no file behind).
  /// Once attached, nothing is thrown: every ending is a ``Result``.
  /// - Throws: ``HandshakeRefusal`` (404 `call_id_not_found`, 401, …) or ``UpstreamUnreachable``.
  public static func record(
    url: WebSocketURL, headers: HTTPHeaders, options: Options = Options(),
    makeRecorder: () -> SessionRecorder
  ) async throws -> Result {
    let connection = try await WebSocketConnector.connect(to: url, headers: headers, limits: options.limits)
    let recorder = makeRecorder()
    let channel = connection.channel.channel
    let events = LockedBox((count: 0, last: ContinuousClock().now))
    let ending: Ending = try await connection.channel.executeThenClose { inbound, outbound in
      let out = PeerOutbound(outbound, masked: true)
      return await withTaskGroup(of: Ending?.self) { group in
        group.addTask {
          var assembler = MessageAssembler(limit: options.limits.maxMessageSize)
          do {
            for try await frame in inbound {
              switch frame.opcode {
              case .text, .binary, .continuation:
                events.withLock { $0.last = ContinuousClock().now }
                guard case .message(let bytes, let text) = assembler.add(frame) else { continue }
                let event = text ? bytes.withUnsafeReadableBytes { try? RealtimeMessage.decode($0) } : nil
                recorder.message(.server, bytes, isEvent: event != nil)
                events.withLock { $0.count += 1 }
              case .ping:
                try? await out.control(.pong, data: frame.unmaskedData)
              case .connectionClose:
                let detail = CloseDetail(frame: frame)
                await out.replyToClose(detail)
                return .closed(detail)
              default:
                break
              }
            }
            return .lost("the connection closed without a close frame")
          } catch {
            return .lost("\(error)")
          }
        }
        group.addTask {
          let clock = ContinuousClock()
          let start = clock.now
          var lastPing = start
          while true {
            do { try await clock.sleep(for: .milliseconds(250)) } catch { return nil }
            let now = clock.now
            let last = events.withLock { $0.last }
            if now - last >= options.quietTimeout { return .quiet(options.quietTimeout) }
            if now - start >= options.maxDuration { return .maxDuration(options.maxDuration) }
            if now - lastPing >= options.limits.upstreamPingInterval {
              try? await out.control(.ping, data: ByteBuffer(string: "rtcost"))
              lastPing = now
            }
          }
        }
        var result: Ending = .lost("the recorder stopped")
        if let first = await group.next(), let ending = first { result = ending }
        switch result {
        case .quiet, .maxDuration:
          // The recorder ends the call: close 1000 and wait (briefly) for the API's reply.
          _ = await out.farewell(message: nil, close: CloseDetail(code: 1000, reason: "call over"))
          group.addTask {
            try? await ContinuousClock().sleep(for: options.limits.closeTimeout)
            return nil
          }
          _ = await group.next()
        case .closed, .lost:
          break
        }
        channel.close(promise: nil)
        group.cancelAll()
        return result
      }
    }
    var closed = "{\"type\":\"local.session_closed\",\"reason\":\"\(ending.closeReason.wireName)\""
    switch ending {
    case .closed(let detail): closed += ",\"detail\":" + JSONString.quoted("close \(detail)")
    case .lost(let why): closed += ",\"detail\":" + JSONString.quoted(why)
    case .quiet(let after): closed += ",\"detail\":" + JSONString.quoted("no server event for \(after)")
    case .maxDuration(let after):
      closed += ",\"detail\":" + JSONString.quoted("the recording reached \(after)")
    }
    recorder.local(closed + "}")
    let counters = await recorder.finish()
    return Result(ending: ending, serverEvents: events.value.count, recording: counters)
  }
}
