import Testing

@testable import RealtimeEvents

@Suite("Session configuration decoding")
struct SessionConfigDecodingTests {
  private func config(_ session: String) throws -> SessionConfig {
    let line = #"{"type":"session.updated","session":"# + session + "}"
    let reader = RecordingReader(bytes: Array(line.utf8), name: "s.jsonl")
    guard case .sessionUpdated(let config) = try reader.next()?.event else {
      Issue.record("not a session.updated")
      return SessionConfig()
    }
    return config
  }

  @Test("GA: formats as objects or strings, semantic VAD, idle_timeout_ms, transcription model")
  func ga() throws {
    let c = try config(
      #"{"type":"realtime","model":"gpt-realtime-2025-08-28","instructions":"Hi ☺","tools":[{},{}],"#
        + #""audio":{"input":{"format":"audio/pcmu","transcription":{"model":"gpt-4o-mini-transcribe"},"#
        + #""turn_detection":{"type":"server_vad","threshold":0.6,"idle_timeout_ms":7000,"create_response":false}},"#
        + #""output":{"format":{"type":"audio/pcma"}}}}"#)
    #expect(
      c
        == SessionConfig(
          model: "gpt-realtime-2025-08-28", inputAudioFormat: .g711Ulaw, outputAudioFormat: .g711Alaw,
          turnDetection: TurnDetection(
            type: "server_vad", threshold: 0.6, idleTimeoutMs: 7000, createResponse: false),
          transcriptionModel: "gpt-4o-mini-transcribe", instructionsCharacters: 4, toolCount: 2))
  }

  @Test("beta: format strings, transcription, turn detection off")
  func beta() throws {
    let c = try config(
      #"{"model":"gpt-4o-realtime-preview-2024-10-01","input_audio_format":"pcm16","output_audio_format":"g711_alaw","#
        + #""turn_detection":null,"input_audio_transcription":{"model":"whisper-1"},"tools":[]}"#)
    #expect(c.inputAudioFormat == .pcm16 && c.outputAudioFormat == .g711Alaw)
    #expect(c.turnDetection == nil)
    #expect(c.transcriptionModel == "whisper-1")
    #expect(c.toolCount == 0)
    #expect(c.instructionsCharacters == nil)
  }

  @Test("a rate that is not the format's is refused with its path")
  func wrongRate() {
    let error = #expect(throws: RecordingError.self) {
      _ = try config(#"{"audio":{"input":{"format":{"type":"audio/pcm","rate":16000}}}}"#)
    }
    #expect(
      error?.kind
        == .invalidValue(
          path: "session.audio.input.format.rate",
          message: "audio/pcm at 16000 Hz is not a Realtime format (expected 24000 Hz)"))
  }

  @Test("turn detection without a type is a missing field")
  func turnWithoutType() {
    let error = #expect(throws: RecordingError.self) {
      _ = try config(#"{"turn_detection":{"threshold":0.5}}"#)
    }
    #expect(error?.kind == .missingField(path: "session.turn_detection.type"))
  }

  @Test("merging keeps what an update leaves out")
  func merging() {
    let base = SessionConfig(model: "m", inputAudioFormat: .pcm16, outputAudioFormat: .pcm16, toolCount: 1)
    let merged = base.merging(SessionConfig(outputAudioFormat: .g711Ulaw, instructionsCharacters: 10))
    #expect(
      merged
        == SessionConfig(
          model: "m", inputAudioFormat: .pcm16, outputAudioFormat: .g711Ulaw, instructionsCharacters: 10,
          toolCount: 1))
  }
}
