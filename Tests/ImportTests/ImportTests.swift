import AudioIO
import Billing
import Foundation
import RealtimeEvents
import Replay
import SessionGuard
import Simulation
import TestSupport
import Testing

@testable import Import

/// Each source format's fixture (made by the project after the public shapes; fixtures/traffic/
/// README.md works out every number) imported and replayed to its worked-out bill.
@Suite struct ImportTests {
  static func fixture(_ name: String) -> String {
    TestPaths.packageRoot.appendingPathComponent("fixtures/traffic").appendingPathComponent(name).path
  }

  static func replay(_ recording: ImportedRecording) throws -> ReplayResult {
    try Replay.run(recording.source(), options: ReplayOptions(settings: GuardSettings()))
  }

  @Test func heliconesLogImportsTimedAndBillsItsWorkedOutTotal() throws {
    let recording = try Importer.read(.helicone, path: Self.fixture("helicone-session.json"))
    #expect(recording.provenance.origin == .imported(tool: "helicone"))
    #expect(recording.isTimed)
    #expect(recording.header.startedAt == "2026-03-02T10:00:00Z")
    // Request and response bodies merged by time: session.created first, the client's update at 50 ms.
    #expect(recording.events.first?.event.typeName == "session.created")
    #expect(recording.events[1].time == 50_000)
    #expect(recording.events[1].direction == .client)
    // One socket error entry is skipped and said so.
    #expect(recording.skipped == ["response.messages[10]: a socket error, not a Realtime event"])
    let result = try Self.replay(recording)
    // gpt-realtime-2025-08-28 (µ$ per token: text 4, cached 0.4, out 16; audio 32, cached 0.4, out 64):
    // R1 1010×4 + 12×32 + 25×16 + 20×64 = 6,104; R2 56×4 + 1024×0.4 + 8×32 + 64×0.4 + 30×16 + 40×64
    // = 3,955.2; transcription (gpt-4o-transcribe, audio in 6, text out 10) 30×6 + 8×10 = 260.
    // 6,104 + 3,955.2 + 260 = 10,319.2 µ$.
    #expect(result.total == usd("0.0103192"))
    #expect(result.guardOutcome != nil)
  }

  @Test func liteLLMsEventsImportBareAndBillTheirWorkedOutTotal() throws {
    let recording = try Importer.read(.litellm, path: Self.fixture("litellm-realtime-payload.json"))
    #expect(recording.provenance.origin == .imported(tool: "litellm"))
    #expect(!recording.isTimed)
    #expect(recording.provenance.limitations[0].hasPrefix("no per-event times"))
    #expect(recording.header.startedAt == "2026-03-02T10:00:00Z")
    #expect(recording.header.model == "gpt-realtime-mini")
    let result = try Self.replay(recording)
    // gpt-realtime-mini-2025-10-06 (text 0.6, cached 0.06, out 2.4; audio 10, cached 0.3, out 20):
    // R1 900×0.6 + 50×10 + 40×2.4 + 100×20 = 3,136; R2 104×0.6 + 896×0.06 + 22×10 + 128×0.3 + 20×2.4
    // + 60×20 = 1,622.56. Total 4,758.56 µ$.
    #expect(result.total == usd("0.00475856"))
    #expect(result.guardOutcome == nil)
  }

  @Test func liveKitsReportImportsItsTotalsAndStates() throws {
    let recording = try Importer.read(.livekit, path: Self.fixture("livekit/session_report.json"))
    #expect(recording.provenance.origin == .imported(tool: "livekit"))
    #expect(recording.isTimed)
    let speech = recording.events.filter { if case .speechStarted = $0.event { true } else { false } }
    // Three user_state_changed speaking spans (t = 0 is the first event, 10:00:00.5).
    #expect(speech.map(\.time) == [1_500_000, 9_500_000, 14_500_000])
    let truncated = recording.events.filter {
      if case .conversationItemTruncated = $0.event { true } else { false }
    }
    #expect(truncated.count == 1)
    #expect(recording.provenance.limitations.contains { $0.contains("tts_usage of sonic-2") })
    let result = try Self.replay(recording)
    // gpt-realtime: (4000 − 2240)×4 + 2240×0.4 + (1400 − 640)×32 + 640×0.4 + 300×16 + 1000×64 = 101,312;
    // gpt-4o-transcribe 120×6 + 40×10 = 1,120. Total 102,432 µ$.
    #expect(result.total == usd("0.102432"))
    #expect(ResponseStatus.allCases.reduce(0) { $0 + result.billed.responses[$1] } == 5)
    #expect(result.billed.functionCalls == 1)
  }

  /// The report with its stereo audio.ogg: turns from the audio's left channel, answers from its right.
  @Test func liveKitsAudioGivesTheTurnsAndTheAnswers() throws {
    let folder = try TestPaths.scratchFolder("livekit")
    let report = folder.appendingPathComponent("session_report.json").path
    try FileManager.default.copyItem(atPath: Self.fixture("livekit/session_report.json"), toPath: report)
    try LiveKitAudio.write(folder.appendingPathComponent("audio.ogg").path)
    let recording = try Importer.read(.livekit, path: report)
    #expect(recording.provenance.limitations.contains { $0.contains("left channel") })
    var fitter = ScenarioFitter(options: .init(minimumSamples: 1))
    try fitter.add(recording.source())
    let fit = try fitter.fit()
    #expect(fit.report.genuineTurns == 3)
    // Speech 2.0, 1.5, 1.2 s (recording 1.0–3.0, 9.0–10.5, 14.0–15.2 s) within two VAD frames.
    let utterances = fitter.recordings[0].utterances.map(\.speech)
    for (found, expected) in zip(utterances, [2_000_000, 1_500_000, 1_200_000] as [Int64]) {
      #expect(abs(found - expected) <= 40_000, "\(utterances)")
    }
    let answers = fitter.recordings[0].utterances.compactMap { $0.responses.first { !$0.functionCall } }
      .map { $0.audioBytes * 1_000_000 / 48_000 }
    for (found, expected) in zip(answers, [3_000_000, 2_200_000, 2_000_000] as [Int64]) {
      #expect(abs(found - expected) <= 40_000, "\(answers)")
    }
    #expect(try Self.replay(recording).total == usd("0.102432"))
  }

  @Test func anImportWritesARecordingTheReaderReadsBack() throws {
    let folder = try TestPaths.scratchFolder("import-write")
    for (kind, name) in [
      (ImportSourceKind.helicone, "helicone-session.json"), (.litellm, "litellm-realtime-payload.json"),
    ] {
      let recording = try Importer.read(kind, path: Self.fixture(name))
      let path = folder.appendingPathComponent("\(kind.rawValue).jsonl").path
      try recording.write(to: path)
      let reader = try RecordingReader(path: path)
      var events: [TimedEvent] = []
      while let event = try reader.next() { events.append(event) }
      #expect(events.map(\.event) == recording.events.map(\.event))
      #expect(events.map(\.time) == recording.events.map(\.time))
      #expect(reader.header == recording.header)
      let replayed = try Replay.run(
        try RecordingReader(path: path), options: ReplayOptions(settings: GuardSettings()))
      #expect(replayed.total == (try Self.replay(recording)).total)
    }
  }

  @Test func badInputIsRefusedNamingTheFileAndEntry() throws {
    let folder = try TestPaths.scratchFolder("import-errors")
    func file(_ name: String, _ text: String) throws -> String {
      let path = folder.appendingPathComponent(name).path
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      return path
    }
    func message(_ kind: ImportSourceKind, _ path: String) -> String {
      do {
        _ = try Importer.read(kind, path: path)
        return "imported"
      } catch {
        return error.description
      }
    }
    let notJSON = try file("a.json", "{nope")
    #expect(message(.helicone, notJSON).hasPrefix("\(notJSON): not JSON"))
    let badTime = try file(
      "b.json",
      #"[{"type":"message","from":"target","timestamp":"yesterday","content":{"type":"session.created","session":{}}}]"#
    )
    #expect(
      message(.helicone, badTime) == "\(badTime): [0].timestamp: must be an ISO 8601 time, got 'yesterday'")
    let badFrom = try file(
      "c.json",
      #"[{"type":"message","from":"server","timestamp":"2026-03-02T10:00:00Z","content":{"type":"response.create"}}]"#
    )
    #expect(message(.helicone, badFrom) == "\(badFrom): [0].from: must be client or target, got 'server'")
    let notEvent = try file(
      "d.json",
      #"[{"type":"message","from":"client","timestamp":"2026-03-02T10:00:00Z","content":{"kind":"x"}}]"#)
    #expect(message(.helicone, notEvent).hasPrefix("\(notEvent): [0].content: not a Realtime event"))
    let noEvents = try file("e.json", "[]")
    #expect(message(.helicone, noEvents) == "\(noEvents): no Realtime event in the log")
    let lines = try file("f.jsonl", "{\"type\":\"response.create\"}\n\n{bad\n")
    #expect(message(.litellm, lines).hasPrefix("\(lines):3: not JSON"))
    let untyped = try file(
      "g.json", #"{"model":"gpt-realtime","response":[{"type":"response.create"},{"no":"type"}]}"#)
    #expect(message(.litellm, untyped).hasPrefix("\(untyped): response[1]: not a Realtime event"))
    let noRealtime = try file(
      "h.json",
      #"{"events":[],"audio_recording_started_at":1772445600,"usage":[{"type":"llm_usage","provider":"openai","model":"gpt-4o-mini","input_tokens":10}]}"#
    )
    #expect(message(.livekit, noRealtime).contains("usage: no llm_usage entry of a Realtime model"))
    let identity = try file(
      "i.json",
      #"{"events":[],"audio_recording_started_at":1772445600,"usage":[{"type":"llm_usage","provider":"openai","model":"gpt-realtime","input_tokens":100,"input_text_tokens":60,"input_audio_tokens":30}]}"#
    )
    #expect(
      message(.livekit, identity).contains(
        "usage[0]: input_tokens 100 is not input_text_tokens + input_audio_tokens + input_image_tokens = 90"))
    let badTimes = try file("j.json", #"{"events":[{"type":"close","created_at":"soon"}],"usage":[]}"#)
    #expect(message(.livekit, badTimes) == "\(badTimes): events[0].created_at: must be a number")
    let wav = folder.appendingPathComponent("audio.wav").path
    try SyntheticAudio(sampleRate: 16_000, durationMicros: 100_000, bed: .digitalSilence).write(to: wav)
    #expect {
      try Importer.read(.livekit, path: Self.fixture("livekit/session_report.json"), audio: wav)
    } throws: { error in
      "\(error)".contains("WAV file, not Ogg/Opus")
    }
    #expect(
      message(.helicone, folder.appendingPathComponent("none.json").path).hasSuffix("none.json: no such file")
    )
  }

  @Test func isoTimesParseWithFractionsAndOffsets() {
    #expect(ISOTime.parse("1970-01-01T00:00:00Z") == 0)
    #expect(ISOTime.parse("2026-03-02T10:00:00.250Z") == 1_772_445_600_250_000)
    #expect(ISOTime.parse("2026-03-02T12:00:00+02:00") == 1_772_445_600_000_000)
    #expect(ISOTime.parse("2026-03-02T10:00:00") == nil)
    #expect(ISOTime.parse("2026-02-30T10:00:00Z") == nil)
    #expect(ISOTime.format(1_772_445_600_500_000) == "2026-03-02T10:00:00.5Z")
    #expect(
      CalendarDay(daysSinceEpoch: CalendarDay("2024-02-29")!.daysSinceEpoch) == CalendarDay("2024-02-29"))
    #expect(CalendarDay(epochSeconds: -1) == CalendarDay("1969-12-31"))
  }
}

/// The fixture report's audio.ogg, written by the project's own generator (libsndfile's Opus encoder):
/// 20 s of stereo 48 kHz, the user's speech-like sound on the left at 1.0–3.0, 9.0–10.5 and
/// 14.0–15.2 s, the agent's on the right at 4.1–7.1, 12.0–14.2 and 16.0–18.0 s: the report's speaking
/// states, which are 1 s later because its recording started 1 s after 10:00:00.
enum LiveKitAudio {
  static func write(_ path: String) throws {
    func speech(_ start: Double, _ end: Double, _ placement: SyntheticAudio.Placement) -> SyntheticAudio.Event
    {
      .init(
        start: Int64(start * 1_000_000), end: Int64(end * 1_000_000), sound: .speechLike(dBFS: -20),
        placement: placement)
    }
    try SyntheticAudio(
      sampleRate: 48_000, channels: 2, durationMicros: 20_000_000, bed: .noise(dBFS: -80),
      events: [
        speech(1.0, 3.0, .leftOnly), speech(9.0, 10.5, .leftOnly), speech(14.0, 15.2, .leftOnly),
        speech(4.1, 7.1, .rightOnly), speech(12.0, 14.2, .rightOnly), speech(16.0, 18.0, .rightOnly),
      ]
    ).write(to: path, format: .oggOpus)
  }
}
