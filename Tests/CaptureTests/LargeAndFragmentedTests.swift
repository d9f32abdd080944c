import Capture
import NIOCore
import NIOWebSocket
import RealtimeEvents
import TestSupport
import Testing

@Suite("Capture: 15 MiB appends and fragmented messages")
struct LargeAndFragmentedTests {
  /// An append of `bytes` base64 characters.
  private func append(_ characters: Int) -> [UInt8] {
    Array(#"{"type":"input_audio_buffer.append","audio":""#.utf8)
      + [UInt8](repeating: 0x41, count: characters)
      + Array(#""}"#.utf8)
  }

  @Test func aFifteenMebibyteAppendPassesAndIsRecorded() async throws {
    let harness = try await Harness.start(recording: gaFixture, serveOptions: .init(speed: nil, hold: true))
    let big = append(15 << 20)
    let connection = try await TestClient.connect(port: harness.port)
    _ = await TestClient.run(
      connection, sending: [big], closeAfter: (harness.serve.script.steps.count, .normal))
    await harness.waitForSessions()
    let served = try #require(harness.serve.sessions.first)
    #expect(served.received == [big])
    // 15 MiB of base64 is 15 × 1,048,576 × 3 / 4 = 11,796,480 bytes of audio.
    let events = try harness.recordedEvents()
    #expect(events.contains { $0.direction == .client && $0.event == .inputAudioAppend(bytes: 11_796_480) })
    await harness.stop()
  }

  @Test func fragmentsAreRelayedAsTheyComeAndRecordedWhole() async throws {
    let harness = try await Harness.start(recording: gaFixture, serveOptions: .init(speed: nil, hold: true))
    let message = append(3_000)
    let parts = [message[0..<1_000], message[1_000..<2_000], message[2_000...]]
    let connection = try await TestClient.connect(port: harness.port)
    try await connection.channel.executeThenClose { inbound, outbound in
      for (index, part) in parts.enumerated() {
        var buffer = ByteBuffer()
        buffer.writeBytes(part)
        try await outbound.write(
          WebSocketFrame(
            fin: index == parts.count - 1, opcode: index == 0 ? .text : .continuation, maskKey: .random(),
            data: buffer))
      }
      var frames = inbound.makeAsyncIterator()
      var received = 0
      while received < harness.serve.script.steps.count, let frame = try await frames.next() {
        if frame.opcode == .text { received += 1 }
      }
      try await outbound.write(CloseDetail.normal.frame(masked: true))
      while let frame = try await frames.next(), frame.opcode != .connectionClose {}
    }
    await harness.waitForSessions()
    #expect(harness.serve.sessions.first?.received == [message])
    #expect(harness.serve.sessions.first?.framesReceived == 3)
    let events = try harness.recordedEvents()
    // 3,000 base64 characters are 2,250 bytes of audio.
    #expect(events.filter { $0.direction == .client }.map(\.event) == [.inputAudioAppend(bytes: 2_250)])
    await harness.stop()
  }
}
