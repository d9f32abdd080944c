import AudioIO
import Foundation
import RealtimeEvents
import Testing

@testable import Simulation

@Suite struct AudioInputLoaderTests {
  /// A scenario whose `audio_inputs:` entries start on line 6 (`session` lines come before `user`).
  static func yaml(session: String = "", _ inputs: String) -> String {
    """
    model: gpt-realtime
    horizon: 1h
    \(session.isEmpty ? "seed: 1" : "session:\n  " + session)
    user:
      conversations_per_hour: 0
    audio_inputs:
    \(inputs)
    """
  }

  static func parse(_ text: String) throws(ScenarioError) -> Scenario {
    try ScenarioLoader.parse(text, file: "room.yaml", baseDirectory: AudioFixtures.wavFolder)
  }

  /// Expects `text` to be refused at `line` and `keyPath` with a message starting with `message`.
  static func expectRefused(
    _ text: String, line: Int, keyPath: String, message: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    do {
      _ = try parse(text)
      Issue.record("accepted", sourceLocation: sourceLocation)
    } catch {
      #expect(error.file == "room.yaml", sourceLocation: sourceLocation)
      #expect(error.line == line, "\(error)", sourceLocation: sourceLocation)
      #expect(error.keyPath == keyPath, "\(error)", sourceLocation: sourceLocation)
      #expect(error.message.hasPrefix(message), "\(error)", sourceLocation: sourceLocation)
    }
  }

  @Test func entriesAreReadWithTheirDefaults() throws {
    let scenario = try Self.parse(
      Self.yaml(
        """
          - wav: tone-bursts-24k.wav
            at: 2m
            use: ambient
            genuine: false
            response_audio: 2s
            response_text_tokens: { dist: uniform, min: 5, max: 9 }
          - { wav: speech-like-8k.wav, at: 30m, use: utterance, repeat_daily: true }
        """))
    #expect(scenario.audioInputs.count == 2)
    let ambient = scenario.audioInputs[0]
    #expect(ambient.wav == "tone-bursts-24k.wav")
    #expect(ambient.clip.path == AudioFixtures.wav("tone-bursts-24k.wav"))
    #expect(ambient.at == 120_000_000)
    #expect(ambient.use == .ambient)
    #expect(!ambient.genuine && !ambient.repeatDaily)
    #expect(ambient.responseAudio == .fixed(2_000_000))
    #expect(ambient.responseTextTokens == .uniform(min: 5, max: 9))
    #expect(ambient.clip.committedSegments.map(\.committedAt) == [1_200_000, 2_200_000])
    let utterance = scenario.audioInputs[1]
    #expect(utterance.use == .utterance && utterance.genuine && utterance.repeatDaily)
    #expect(utterance.clip.durationMicros == 4_000_000)
    #expect(utterance.responseAudio == nil && utterance.responseTextTokens == nil)
  }

  @Test func theSessionSetsTheVAD() throws {
    // noise-bursts-threshold-8k.wav: threshold 0.5 finds the 20 dB burst only, 0.3 both, 0.8 none.
    let entry = "  - { wav: noise-bursts-threshold-8k.wav, at: 0s, use: ambient, genuine: false }"
    for (threshold, count) in [("0.3", 2), ("0.5", 1), ("0.8", 0)] {
      let scenario = try Self.parse(Self.yaml(session: "vad_threshold: \(threshold)", entry))
      #expect(scenario.audioInputs[0].clip.committedSegments.count == count, "\(threshold)")
    }
    // speech-like-8k.wav: 500 ms of silence merges the first two of three turns.
    let merged = try Self.parse(
      Self.yaml(
        session: "silence_duration: 500ms",
        "  - { wav: speech-like-8k.wav, at: 0s, use: ambient, genuine: true }"))
    #expect(merged.audioInputs[0].clip.vad == .documented)
    #expect(merged.audioInputs[0].clip.committedSegments.map(\.audioTokens) == [20, 6])
  }

  @Test func theFixtureScenarioResolvesWAVsAgainstItsFolder() throws {
    let scenario = try ScenarioLoader.load(path: AudioFixtures.scenario("ambient-room.yaml"))
    #expect(scenario.audioInputs.map(\.wav) == ["../wav/speech-like-8k.wav", "../wav/tone-bursts-24k.wav"])
    #expect(scenario.audioInputs.map(\.clip.committedSegments.count) == [3, 2])
  }

  @Test func aMissingWAVIsRefusedNamingTheKeyAndThePath() {
    Self.expectRefused(
      Self.yaml("  - { wav: nothing-here.wav, at: 1m, use: utterance }"), line: 7,
      keyPath: "audio_inputs[0].wav",
      message: "\(AudioFixtures.wav("nothing-here.wav")): cannot open the file (No such file or directory)")
    let path = AudioFixtures.scenario("bad-audio-missing.yaml")
    #expect {
      try ScenarioLoader.load(path: path)
    } throws: { error in
      "\(error)".hasPrefix("bad-audio-missing.yaml:7: audio_inputs[0].wav: ")
        && "\(error)".hasSuffix(
          "/fixtures/wav/no-such-file.wav: cannot open the file (No such file or directory)")
    }
  }

  @Test(arguments: [
    ("invalid-float32.wav", "WAV with 32-bit float samples; rtcost reads 16-bit PCM WAV only"),
    ("invalid-pcm24.wav", "WAV with 24-bit PCM samples"),
    ("invalid-alaw.wav", "WAV with G.711 A-law samples"),
    ("invalid-aiff-named-wav.wav", "AIFF file with 16-bit PCM samples"),
    ("invalid-empty.wav", "empty file (0 bytes)"),
  ])
  func aRefusedWAVNamesItsFormat(name: String, reason: String) {
    for use in ["ambient", "utterance"] {
      Self.expectRefused(
        Self.yaml("  - { wav: \(name), at: 1m, use: \(use), genuine: true }"), line: 7,
        keyPath: "audio_inputs[0].wav", message: "\(AudioFixtures.wav(name)): \(reason)")
    }
  }

  @Test func theFloatFixtureScenarioIsRefused() {
    #expect {
      try ScenarioLoader.load(path: AudioFixtures.scenario("bad-audio-float.yaml"))
    } throws: { error in
      "\(error)".hasPrefix("bad-audio-float.yaml:7: audio_inputs[0].wav: ")
        && "\(error)".hasSuffix(
          "invalid-float32.wav: WAV with 32-bit float samples; rtcost reads 16-bit PCM WAV only")
    }
  }

  @Test func badEntriesNameTheKeyAndLine() {
    let ok = "wav: tone-bursts-24k.wav"
    Self.expectRefused(
      Self.yaml("  - { \(ok), at: 1m, use: ambient, genuine: false, repeat: true }"), line: 7,
      keyPath: "audio_inputs[0].repeat", message: "unknown key (known keys here: wav, at, use, genuine,")
    Self.expectRefused(
      Self.yaml("  - { at: 1m, use: ambient, genuine: false }"), line: 7, keyPath: "audio_inputs[0].wav",
      message: "is required")
    Self.expectRefused(
      Self.yaml("  - { \(ok), use: ambient, genuine: false }"), line: 7, keyPath: "audio_inputs[0].at",
      message: "is required")
    Self.expectRefused(
      Self.yaml("  - { \(ok), at: 90, use: ambient, genuine: false }"), line: 7,
      keyPath: "audio_inputs[0].at",
      message: "must be a duration such as 30s, 5m, 2h, 7d or 250ms, got 90")
    Self.expectRefused(
      Self.yaml("  - { \(ok), at: 2h, use: ambient, genuine: false }"), line: 7,
      keyPath: "audio_inputs[0].at",
      message: "must be before the end of the horizon, got 2h")
    Self.expectRefused(
      Self.yaml("  - { \(ok), at: 1m, use: music, genuine: false }"), line: 7, keyPath: "audio_inputs[0].use",
      message: "must be one of ambient, utterance, got music")
    Self.expectRefused(
      Self.yaml("  - { \(ok), at: 1m, use: ambient }"), line: 7, keyPath: "audio_inputs[0].genuine",
      message: "is required for ambient audio")
    Self.expectRefused(
      Self.yaml("  - { \(ok), at: 1m, use: ambient, genuine: maybe }"), line: 7,
      keyPath: "audio_inputs[0].genuine", message: "must be true or false, got maybe")
    Self.expectRefused(
      Self.yaml("  - { \(ok), at: 1m, use: utterance, repeat_daily: 2 }"), line: 7,
      keyPath: "audio_inputs[0].repeat_daily", message: "must be true or false, got 2")
    Self.expectRefused(
      Self.yaml("  - { \(ok), at: 1m, use: utterance, response_audio: { dist: geometric, mean: 2 } }"),
      line: 7, keyPath: "audio_inputs[0].response_audio", message: "a geometric distribution gives counts")
    Self.expectRefused(
      Self.yaml("  wav: tone-bursts-24k.wav"), line: 7, keyPath: "audio_inputs",
      message: "must be a list, got a mapping")
    Self.expectRefused(
      Self.yaml("  - tone-bursts-24k.wav"), line: 7, keyPath: "audio_inputs[0]",
      message: "must be a mapping, got tone-bursts-24k.wav")
    // An empty value reads as null (absent), as everywhere in a scenario.
    Self.expectRefused(
      Self.yaml("  - { wav: '', at: 1m, use: utterance }"), line: 7, keyPath: "audio_inputs[0].wav",
      message: "is required")
  }

  @Test func theSecondEntryIsNamedByItsIndex() {
    Self.expectRefused(
      Self.yaml(
        """
          - { wav: tone-bursts-24k.wav, at: 1m, use: utterance }
          - { wav: invalid-pcm8.wav, at: 2m, use: utterance }
        """), line: 8, keyPath: "audio_inputs[1].wav",
      message: "\(AudioFixtures.wav("invalid-pcm8.wav")): WAV with 8-bit PCM samples")
  }

  @Test func ambientAudioNeedsAVAD() {
    Self.expectRefused(
      Self.yaml(
        session: "turn_detection: none",
        "  - { wav: tone-bursts-24k.wav, at: 1m, use: ambient, genuine: true }"),
      line: 8, keyPath: "audio_inputs[0].use", message: "ambient audio needs a VAD")
  }

  @Test func vadSettingsOutOfRangeAreRefused() {
    let entry = "  - { wav: tone-bursts-24k.wav, at: 1m, use: ambient, genuine: true }"
    Self.expectRefused(
      Self.yaml(session: "vad_threshold: 1.5", entry), line: 4, keyPath: "session.vad_threshold",
      message: "must be between 0 and 1, got 1.5")
    Self.expectRefused(
      Self.yaml(session: "silence_duration: 0s", entry), line: 8, keyPath: "audio_inputs[0]",
      message: "the session's VAD settings cannot analyse audio: silence_duration_ms 0 is outside 1…3600000")
  }

  @Test func scenariosWithoutAudioInputsAreUnchanged() throws {
    let scenario = try ScenarioLoader.parse(ScenarioLoaderTests.minimal, file: "mini.yaml")
    #expect(scenario.audioInputs.isEmpty)
    #expect(scenario.session.vadThreshold == 0.5)
  }
}
