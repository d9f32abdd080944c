import Billing
import Foundation
import Testing

@testable import RealtimeEvents

/// What the writer writes, the reader reads back as the same events.
@Suite("Recording writer")
struct WriterRoundTripTests {
  /// One event of every case, with times in order and each event's own direction.
  static let events: [TimedEvent] = {
    let config = SessionConfig(
      model: "gpt-realtime-2025-08-28", inputAudioFormat: .g711Ulaw, outputAudioFormat: .pcm16,
      turnDetection: TurnDetection(
        type: "server_vad", threshold: 0.5, prefixPaddingMs: 300, silenceDurationMs: 200, idleTimeoutMs: 6000,
        createResponse: true),
      transcriptionModel: "whisper-1", instructionsCharacters: 42, toolCount: 3)
    let usage = ResponseUsage(
      totalTokens: 1_260, inputTokens: 1_230, outputTokens: 30,
      input: .init(
        textTokens: 1_150, audioTokens: 80, imageTokens: nil, cachedTokens: 1_088,
        cached: .init(textTokens: 1_024, audioTokens: 64)),
      output: .init(textTokens: 20, audioTokens: 10))
    let cases: [RealtimeEvent] = [
      .sessionCreated(config), .sessionUpdated(SessionConfig(model: "m", inputAudioFormat: .g711Alaw)),
      .sessionUpdate(SessionConfig(transcriptionModel: "gpt-4o-transcribe")), .speechStarted(audioStart: nil),
      .speechStopped(audioEnd: nil),
      .inputAudioCommitted, .inputAudioCleared, .inputAudioTimeoutTriggered,
      .responseCreated(responseID: "resp_1"),
      .responseCreated(responseID: nil),
      .responseDone(
        ResponseDone(
          responseID: "resp_1", status: .cancelled, reason: "turn_detected", usage: usage,
          functionCalls: [
            FunctionCall(name: "get_weather", callID: "call_1"), FunctionCall(name: nil, callID: nil),
          ])),
      .responseDone(ResponseDone(status: .failed, usage: nil)), .outputAudioDelta(bytes: 0),
      .outputAudioDelta(bytes: 1), .outputAudioDelta(bytes: 2), .outputAudioDelta(bytes: 9_600),
      .outputTextDelta, .functionCallArgumentsDone(callID: "call_1", name: "get_weather"),
      .functionCallArgumentsDone(callID: nil, name: nil),
      .conversationItemAdded(ConversationItemInfo(type: .message, role: .user)),
      .conversationItemTruncated(audioEnd: nil),
      .transcriptionCompleted(.duration(microseconds: 2_500_001)),
      .transcriptionCompleted(.tokens(inputTokens: 40, outputTokens: 12, textIn: nil, audioIn: 35)),
      .transcriptionCompleted(nil), .transcriptionFailed, .rateLimitsUpdated,
      .error(code: .sessionExpired, message: "Your session hit the \"maximum duration\"\n of 60 minutes."),
      .error(code: nil, message: nil), .inputAudioAppend(bytes: 4_800), .inputAudioAppend(bytes: 5),
      .inputAudioCommit, .inputAudioClear,
      .conversationItemCreate(ConversationItemInfo(type: .functionCallOutput)), .responseCreate,
      .responseCancel, .userCommand,
      .localAudio(LocalAudioMarker(path: "rooms/living room \"TV\".wav", use: .ambient, genuine: false)),
      .passthrough(type: "response.output_item.added"), .unknown(type: "response.something_new"),
    ]
    return cases.enumerated().map { index, event in
      TimedEvent(time: Micros(index) * 1_234_567, direction: event.defaultDirection, event: event)
    }
  }()

  private func roundTrip(_ encoder: RecordingEncoder, header: RecordingHeader?) throws -> (
    [TimedEvent], RecordingReader
  ) {
    let bytes = try encoder.encode(header: header, events: Self.events)
    let reader = RecordingReader(bytes: bytes, name: "round-trip.jsonl")
    var read: [TimedEvent] = []
    while var event = try reader.next() {
      event.line = 0
      read.append(event)
    }
    return (read, reader)
  }

  @Test("timed GA and beta recordings read back as the same events", arguments: EventNaming.allCases)
  func timed(_ naming: EventNaming) throws {
    let header = RecordingHeader(
      model: "gpt-realtime", startedAt: "2026-11-20T09:00:00Z", note: "round \"trip\"")
    let (read, reader) = try roundTrip(RecordingEncoder(style: .timed, naming: naming), header: header)
    #expect(read == Self.events)
    #expect(reader.header == header)
    #expect(reader.style == .timed)
    // 17 events take the fast path: four deltas (0, 1, 2 and 9,600 bytes), two appends, five
    // input-buffer events, a text delta, a truncation, commit, clear, cancel and the user command.
    #expect(reader.stats.fastPathEvents == 17)
  }

  @Test("bare recordings read back without times, directions inferred from the type")
  func bare() throws {
    let (read, reader) = try roundTrip(RecordingEncoder(style: .bare, naming: .beta), header: nil)
    var expected = Self.events
    for index in expected.indices { expected[index].time = nil }
    #expect(read == expected)
    #expect(reader.style == .bare)
  }

  @Test("beta naming writes beta event names and format strings")
  func betaNames() throws {
    let bytes = try RecordingEncoder(style: .bare, naming: .beta).encode(header: nil, events: Self.events)
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.contains("\"response.audio.delta\""))
    #expect(text.contains("\"conversation.item.created\""))
    #expect(text.contains("\"input_audio_format\":\"g711_ulaw\""))
    #expect(!text.contains("response.output_audio.delta"))
  }

  @Test("times are exact decimal seconds")
  func secondsText() {
    #expect(SecondsText.format(micros: 0) == "0")
    #expect(SecondsText.format(micros: 12_345_000) == "12.345")
    #expect(SecondsText.format(micros: 1_000_001) == "1.000001")
    #expect(SecondsText.format(micros: 7_000_000) == "7")
  }

  @Test("a timed encoder refuses events without a time or before zero")
  func encoderErrors() {
    let encoder = RecordingEncoder()
    var bytes: [UInt8] = []
    #expect(throws: RecordingEncodingError.missingTime) {
      try encoder.append(
        TimedEvent(time: nil, direction: .server, event: .speechStarted(audioStart: nil)), to: &bytes)
    }
    #expect(throws: RecordingEncodingError.negativeTime(-1)) {
      try encoder.append(
        TimedEvent(time: -1, direction: .server, event: .speechStarted(audioStart: nil)), to: &bytes)
    }
    #expect(bytes.isEmpty)
  }

  @Test("the file writer replaces the target only on finish, and refuses times that go back")
  func fileWriter() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rtcost-writer-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("out.jsonl").path

    do {
      let dropped = try RecordingWriter(path: path, header: RecordingHeader())
      try dropped.write(TimedEvent(time: 0, direction: .server, event: .speechStarted(audioStart: nil)))
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)

    let writer = try RecordingWriter(path: path, header: RecordingHeader(model: "gpt-realtime"))
    for event in Self.events { try writer.write(event) }
    let error = #expect(throws: RecordingError.self) {
      try writer.write(TimedEvent(time: 0, direction: .server, event: .speechStarted(audioStart: nil)))
    }
    #expect(error?.line == Self.events.count + 2)
    #expect(!FileManager.default.fileExists(atPath: path))
    try writer.finish()
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.jsonl"])
    let (read, reader) = try RecordingReader.readAll(path: path)
    #expect(read.map { TimedEvent(time: $0.time, direction: $0.direction, event: $0.event) } == Self.events)
    #expect(reader.header?.model == "gpt-realtime")
  }

  @Test("a 12 MiB append (a 16 MiB line) is written and read back in bounded steps")
  func hugeLine() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("rtcost-huge-\(getpid()).jsonl")
      .path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let writer = try RecordingWriter(path: path)
    let bytes: Int64 = 12 * 1_048_576 + 1
    try writer.write(TimedEvent(time: 0, direction: .client, event: .inputAudioAppend(bytes: bytes)))
    try writer.write(TimedEvent(time: 100_000, direction: .server, event: .speechStarted(audioStart: nil)))
    try writer.finish()
    let (read, reader) = try RecordingReader.readAll(path: path)
    #expect(read.map(\.event) == [.inputAudioAppend(bytes: bytes), .speechStarted(audioStart: nil)])
    #expect(reader.stats.fastPathEvents == 2)
    // The buffer grew to hold the 16 MiB line (doubling from 2 MiB), no further.
    #expect(reader.bufferCapacity == 32 * 1_048_576)
  }
}
