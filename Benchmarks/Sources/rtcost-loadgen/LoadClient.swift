import Capture
import NIOCore
import NIOHTTP1
import NIOWebSocket

/// One benchmark session: appends of 20–100 ms of pcm16 audio at that pace, a `response.create`
/// every 3 s, a 15 MiB append when told, and the latency of every audio delta received.
struct LoadClient {
  let port: Int
  let seconds: Double
  let seed: UInt64
  let largeAppendAt: Double?
  let deltaLatency: Samples

  func run() async throws -> (sent: Int, received: Int, bytes: Int) {
    var headers = HTTPHeaders()
    headers.add(name: "Host", value: "127.0.0.1:\(port)")
    headers.add(name: "Authorization", value: "Bearer sk-bench")
    let url = WebSocketURL(
      secure: false, host: "127.0.0.1", port: port, path: "/v1/realtime", query: "model=gpt-realtime")
    let connection = try await WebSocketConnector.connect(to: url, headers: headers)
    var random = SplitMix(seed: seed)
    let start = monotonicNanos()
    let end = start + UInt64(seconds * 1e9)
    let latency = deltaLatency
    return try await connection.channel.executeThenClose { inbound, outbound in
      let reader = Task { () -> (Int, Int) in
        var received = 0
        var bytes = 0
        for try await frame in inbound {
          switch frame.opcode {
          case .text:
            let now = monotonicNanos()
            received += 1
            bytes += frame.length
            let head =
              frame.unmaskedData.getString(at: frame.unmaskedData.readerIndex, length: min(100, frame.length))
              ?? ""
            if head.contains("output_audio.delta"), let stamp = BenchUpstream.stamp(head) {
              latency.add(now &- stamp)
            }
          case .connectionClose:
            return (received, bytes)
          default:
            break
          }
        }
        return (received, bytes)
      }
      var sent = 0
      var sentBytes = 0
      var nextResponse = start + 3_000_000_000
      var largeSent = largeAppendAt == nil
      while monotonicNanos() < end {
        let milliseconds = 20 + Int(random.next() % 81)
        let audio = String(repeating: "A", count: milliseconds * 48 / 3 * 4)
        let event =
          #"{"type":"input_audio_buffer.append","event_id":"t_\#(monotonicNanos())","audio":"\#(audio)"}"#
        try await outbound.write(
          WebSocketFrame(fin: true, opcode: .text, maskKey: .random(), data: ByteBuffer(string: event)))
        sent += 1
        sentBytes += event.utf8.count
        if !largeSent, let at = largeAppendAt, Double(monotonicNanos() - start) / 1e9 >= at {
          largeSent = true
          let big = String(repeating: "A", count: 15 << 20)
          let large =
            #"{"type":"input_audio_buffer.append","event_id":"t_\#(monotonicNanos())","audio":"\#(big)"}"#
          try await outbound.write(
            WebSocketFrame(fin: true, opcode: .text, maskKey: .random(), data: ByteBuffer(string: large)))
          sent += 1
          sentBytes += large.utf8.count
        }
        if monotonicNanos() >= nextResponse {
          nextResponse += 3_000_000_000
          try await outbound.write(
            WebSocketFrame(
              fin: true, opcode: .text, maskKey: .random(),
              data: ByteBuffer(string: #"{"type":"response.create"}"#)))
          sent += 1
        }
        try await Task.sleep(for: .milliseconds(milliseconds))
      }
      var close = ByteBuffer()
      close.writeInteger(UInt16(1000))
      try await outbound.write(
        WebSocketFrame(fin: true, opcode: .connectionClose, maskKey: .random(), data: close))
      let (received, bytes) = try await reader.value
      return (sent, received, sentBytes + bytes)
    }
  }
}

/// A 15-line SplitMix64, seeded per session so every run sends the same traffic.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
