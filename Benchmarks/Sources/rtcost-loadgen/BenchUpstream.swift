import Capture
import Dispatch
import NIOCore
import NIOHTTP1
import NIOWebSocket
import Synchronization

/// Nanoseconds on the monotonic clock (the same clock in every process on the machine).
func monotonicNanos() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// Latency samples in nanoseconds.
final class Samples: Sendable {
  private let values = Mutex<[UInt64]>([])
  func add(_ value: UInt64) { values.withLock { $0.append(value) } }
  var all: [UInt64] { values.withLock { $0 } }
  func reset() { values.withLock { $0 = [] } }
}

/// The fake Realtime upstream of the benchmark: it takes every client message, measures the
/// one-way latency of appends from the send time in their `event_id`, and answers each
/// `response.create` with a response: `response.created`, 1 s of 24 kHz audio in 50 ms deltas sent
/// every 25 ms (faster than real time, as the API does), each stamped with its send time, then a
/// `response.done` with a usage block.
final class BenchUpstream: WebSocketServerHandler {
  let appendLatency = Samples()
  let largeAppendLatency = Samples()
  private let delta: String = {
    let bytes = 2_400  // 50 ms of pcm16 at 48,000 bytes/s
    return String(repeating: "A", count: bytes / 3 * 4)
  }()

  func shouldUpgrade(_ head: HTTPRequestHead) -> HTTPHeaders? { HTTPHeaders() }
  func http(_ head: HTTPRequestHead, body: [UInt8]) async -> HTTPAnswer { .notFound(head.uri) }

  func webSocket(_ channel: NIOAsyncChannel<WebSocketFrame, WebSocketFrame>, request: HTTPRequestHead) async {
    let delta = self.delta
    try? await channel.executeThenClose { inbound, outbound in
      let responses = AsyncStream<Int>.makeStream()
      await withTaskGroup(of: Void.self) { group in
        group.addTask {
          var number = 0
          for await _ in responses.stream {
            number += 1
            let id = "resp_\(number)"
            try? await outbound.write(Self.text(#"{"type":"response.created","response":{"id":"\#(id)"}}"#))
            for _ in 0..<20 {
              let event =
                #"{"type":"response.output_audio.delta","event_id":"t_\#(monotonicNanos())","response_id":"\#(id)","delta":"\#(delta)"}"#
              try? await outbound.write(Self.text(event))
              try? await Task.sleep(for: .milliseconds(25))
            }
            try? await outbound.write(
              Self.text(
                #"{"type":"response.done","response":{"id":"\#(id)","status":"completed","usage":{"total_tokens":1260,"input_tokens":1230,"output_tokens":30,"input_token_details":{"text_tokens":1150,"audio_tokens":80,"cached_tokens":0},"output_token_details":{"text_tokens":10,"audio_tokens":20}}}}"#
              ))
          }
        }
        var partial = ByteBuffer()
        do {
          for try await frame in inbound {
            switch frame.opcode {
            case .text, .continuation:
              var data = frame.unmaskedData
              partial.writeBuffer(&data)
              guard frame.fin else { continue }
              let now = monotonicNanos()
              let size = partial.readableBytes
              let head = partial.getString(at: partial.readerIndex, length: min(120, size)) ?? ""
              partial.clear()
              if head.contains("input_audio_buffer.append"), let stamp = Self.stamp(head) {
                (size > 1 << 20 ? largeAppendLatency : appendLatency).add(now &- stamp)
              } else if head.contains("response.create") {
                responses.continuation.yield(1)
              }
            case .ping:
              try await outbound.write(WebSocketFrame(fin: true, opcode: .pong, data: frame.unmaskedData))
            case .connectionClose:
              try? await outbound.write(
                WebSocketFrame(fin: true, opcode: .connectionClose, data: frame.unmaskedData))
              responses.continuation.finish()
              return
            default:
              break
            }
          }
        } catch {}
        responses.continuation.finish()
        group.cancelAll()
      }
    }
  }

  static func text(_ string: String) -> WebSocketFrame {
    WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(string: string))
  }

  /// The send time in an `event_id` of the form `t_<nanoseconds>`.
  static func stamp(_ head: String) -> UInt64? {
    guard let range = head.firstRange(of: "\"t_") else { return nil }
    let digits = head[range.upperBound...].prefix { $0.isNumber }
    return UInt64(digits)
  }
}
