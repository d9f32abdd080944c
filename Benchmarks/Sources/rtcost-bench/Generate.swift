import Billing
import RealtimeEvents

/// Writes a synthetic timed recording of at least `megabytes` MB, mostly 24 kHz pcm16 audio:
/// an append of 100 ms (4,800 bytes) every 100 ms, and every 6 s a turn whose response streams
/// 3 s of audio as 15 deltas of 200 ms (9,600 bytes), with the usual speech, response and usage events.
enum Generate {
  static func run(path: String, megabytes: Int) throws {
    let writer = try RecordingWriter(
      path: path,
      header: RecordingHeader(model: "gpt-realtime-2025-08-28", note: "rtcost-bench synthetic recording"))
    let target = Int64(megabytes) * 1_000_000
    // Bytes per line, approximately: an append line is ~6.5 kB, a delta line ~12.9 kB.
    var written: Int64 = 0
    var time: Micros = 0
    var turn = 0
    func emit(_ event: RealtimeEvent, _ direction: EventDirection, at t: Micros, size: Int64 = 120) throws {
      try writer.write(TimedEvent(time: t, direction: direction, event: event))
      written += size
    }
    let config = SessionConfig(
      model: "gpt-realtime-2025-08-28", inputAudioFormat: .pcm16, outputAudioFormat: .pcm16,
      turnDetection: TurnDetection(
        type: "server_vad", threshold: 0.5, prefixPaddingMs: 300, silenceDurationMs: 200),
      instructionsCharacters: 400, toolCount: 2)
    try emit(.sessionCreated(config), .server, at: 0, size: 1_000)
    while written < target {
      // 6 s of appends with one turn in the middle.
      for step in 1...60 {
        let t = time + Micros(step) * 100_000
        try emit(.inputAudioAppend(bytes: 4_800), .client, at: t, size: 6_460)
        if step == 20 { try emit(.speechStarted, .server, at: t) }
        if step == 35 {
          try emit(.speechStopped, .server, at: t)
          try emit(.inputAudioCommitted, .server, at: t)
          try emit(
            .conversationItemAdded(ConversationItemInfo(type: "message", role: "user")), .server, at: t)
          try emit(.responseCreated(responseID: "resp_\(turn)"), .server, at: t)
          try emit(.rateLimitsUpdated, .server, at: t)
        }
        if (36...50).contains(step) {
          try emit(.outputAudioDelta(bytes: 9_600), .server, at: t, size: 12_860)
        }
        if step == 50 {
          let usage = ResponseUsage(
            totalTokens: 1_290, inputTokens: 1_200, outputTokens: 90,
            input: .init(
              textTokens: 1_100, audioTokens: 100, cachedTokens: 1_024,
              cached: .init(textTokens: 1_024, audioTokens: 0)),
            output: .init(textTokens: 30, audioTokens: 60))
          try emit(
            .responseDone(ResponseDone(responseID: "resp_\(turn)", status: .completed, usage: usage)),
            .server, at: t, size: 400)
        }
      }
      time += 6_000_000
      turn += 1
    }
    try writer.finish()
  }
}
