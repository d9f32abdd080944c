import AudioIO
import Foundation
import RealtimeEvents
import TestSupport
import Testing

@testable import Simulation

/// The project's own WAV fixtures and scenario fixtures.
enum AudioFixtures {
  static let wavFolder = TestPaths.packageRoot.appendingPathComponent("fixtures/wav").path
  static let scenarioFolder = TestPaths.packageRoot.appendingPathComponent("fixtures/scenarios").path
  static func wav(_ name: String) -> String { (wavFolder as NSString).appendingPathComponent(name) }
  static func scenario(_ name: String) -> String { (scenarioFolder as NSString).appendingPathComponent(name) }
}

/// (time, kind, conversation, index, duration): the timing part of a stimulus.
struct StimulusTiming: Equatable, CustomStringConvertible {
  var time: Micros
  var kind: Stimulus.Kind
  var conversation: Int32
  var index: Int32
  var duration: Micros

  init(_ time: Micros, _ kind: Stimulus.Kind, _ conversation: Int32, _ index: Int32, _ duration: Micros) {
    (self.time, self.kind, self.conversation, self.index, self.duration) = (
      time, kind, conversation, index, duration
    )
  }

  init(_ stimulus: Stimulus) {
    self.init(stimulus.time, stimulus.kind, stimulus.conversation ?? -1, stimulus.index, stimulus.duration)
  }

  var description: String { "(\(time), \(kind), c\(conversation), i\(index), d\(duration))" }
}

@Suite struct AudioStimuliTests {
  @Test func ambientGenuineTurnsStartAtSegmentsAndCommitAtCommittedAt() throws {
    // tone-bursts-24k.wav, default VAD (fixtures/wav/README.md): 0.5–1.0 c 1.2 → 8 tokens,
    // 1.6–2.0 c 2.2 → 7 tokens. Played from t = 10 s: speech at 10.5 s and 11.6 s; the duration
    // is sized so start + duration + 200 ms silence = 10 s + committedAt (11.2 s, 12.2 s).
    let clip = try AudioClip.load(
      path: AudioFixtures.wav("tone-bursts-24k.wav"), use: .ambient, vad: .serverDefault)
    #expect(clip.durationMicros == 2_600_000)
    #expect(clip.committedSegments.map(\.audioTokens) == [8, 7])
    let stimuli = AudioStimuli.stimuli(clip: clip, at: 10_000_000, genuine: true, conversation: 4)
    #expect(
      stimuli.map(StimulusTiming.init) == [
        StimulusTiming(10_500_000, .userTurn, 4, 0, 500_000),
        StimulusTiming(11_600_000, .userTurn, 4, 1, 400_000),
      ])
    let commits = stimuli.map { $0.time + $0.duration + clip.silenceDurationMicros }
    #expect(commits == [11_200_000, 12_200_000])
    // The committed buffer: prefix + (committedAt − start): 0.3 + 0.7 = 1.0 s; 0.3 + 0.6 = 0.9 s.
    #expect(stimuli.map(\.committedAudio) == [1_000_000, 900_000])
    #expect(
      stimuli.allSatisfy { $0.responseAudio == 0 && $0.responseTextTokens == 0 && $0.reconnectLatency == 0 })
  }

  @Test func ambientNoiseBecomesNoiseBurstsWithTheGivenSourceIndex() throws {
    // speech-like-8k.wav, default VAD: 0.4–1.2 c 1.4, 1.5–2.1 c 2.3, 2.8–3.2 c 3.4.
    let clip = try AudioClip.load(
      path: AudioFixtures.wav("speech-like-8k.wav"), use: .ambient, vad: .serverDefault)
    let stimuli = AudioStimuli.stimuli(clip: clip, at: 0, genuine: false, noiseIndex: 3)
    #expect(
      stimuli.map(StimulusTiming.init) == [
        StimulusTiming(400_000, .noiseBurst, -1, 3, 800_000),
        StimulusTiming(1_500_000, .noiseBurst, -1, 3, 600_000),
        StimulusTiming(2_800_000, .noiseBurst, -1, 3, 400_000),
      ])
    // The second turn's padding is clamped to the 0.1 s since the first commit (README):
    // 0.3 + (1.4 − 0.4) = 1.3 s; 0.1 + (2.3 − 1.5) = 0.9 s; 0.3 + (3.4 − 2.8) = 0.9 s.
    #expect(stimuli.map(\.committedAudio) == [1_300_000, 900_000, 900_000])
    #expect(clip.committedSegments.map(\.prefixPadding) == [300_000, 100_000, 300_000])
  }

  @Test func documentedSilenceMergesTheFirstTwoTurns() throws {
    // With 500 ms: 0.4–2.1 c 2.6 and 2.8–3.2 c 3.7 (README). Durations: 2.6 − 0.5 − 0.4 = 1.7 s,
    // 3.7 − 0.5 − 2.8 = 0.4 s.
    let clip = try AudioClip.load(
      path: AudioFixtures.wav("speech-like-8k.wav"), use: .ambient, vad: .documented)
    let stimuli = AudioStimuli.stimuli(clip: clip, at: 1_000_000, genuine: true)
    #expect(
      stimuli.map(StimulusTiming.init) == [
        StimulusTiming(1_400_000, .userTurn, -1, 0, 1_700_000),
        StimulusTiming(3_800_000, .userTurn, -1, 1, 400_000),
      ])
    #expect(clip.committedSegments.map(\.audioTokens) == [20, 6])
  }

  @Test func frameRoundingOfTheSilenceLengthensTheSpeechSoTheCommitLandsOnTime() throws {
    // A 250 ms silence is completed by the 13th 20 ms frame: committed 260 ms after the speech
    // ends. The stimulus keeps the commit at t + committedAt: duration = 1.26 − 0.25 − 0.5 = 0.51 s.
    let vad = try VADParameters(threshold: 0.5, prefixPaddingMs: 300, silenceDurationMs: 250)
    let clip = AudioClip(
      path: "x.wav", use: .ambient, vad: vad, durationMicros: 3_000_000,
      segments: [
        SpeechSegment(start: 500_000, end: 1_000_000, prefixPadding: 300_000, committedAt: 1_260_000)
      ],
      warnings: [])
    let stimulus = try #require(AudioStimuli.stimuli(clip: clip, at: 0, genuine: true).first)
    #expect(stimulus.duration == 510_000)
    #expect(stimulus.time + stimulus.duration + clip.silenceDurationMicros == 1_260_000)
    #expect(stimulus.committedAudio == 1_060_000)  // 0.3 + 1.26 − 0.5
  }

  @Test func aPendingSegmentIsNoTurn() {
    let clip = AudioClip(
      path: "x.wav", use: .ambient, vad: .serverDefault, durationMicros: 2_000_000,
      segments: [
        SpeechSegment(start: 100_000, end: 500_000, prefixPadding: 100_000, committedAt: 700_000),
        SpeechSegment(start: 1_200_000, end: 2_000_000, prefixPadding: 300_000, committedAt: nil),
      ], warnings: [])
    let stimuli = AudioStimuli.stimuli(clip: clip, at: 0, genuine: false)
    #expect(stimuli.map(StimulusTiming.init) == [StimulusTiming(100_000, .noiseBurst, -1, 0, 400_000)])
    #expect(stimuli.map(\.committedAudio) == [700_000])  // 0.1 + 0.7 − 0.1
  }

  @Test func silenceAndSteadyNoiseGiveNoStimuli() throws {
    for name in ["silence-dither-24k.wav", "digital-silence-8k.wav", "noise-low-8k.wav"] {
      let clip = try AudioClip.load(path: AudioFixtures.wav(name), use: .ambient, vad: .serverDefault)
      #expect(AudioStimuli.stimuli(clip: clip, at: 0, genuine: true).isEmpty, "\(name)")
    }
  }

  @Test func anUtteranceIsOneTurnOfTheWholeFile() throws {
    // speech-like-8k.wav is 4 s: one turn of 4 s speech (40 tokens as one utterance).
    let clip = try AudioClip.load(
      path: AudioFixtures.wav("speech-like-8k.wav"), use: .utterance, vad: .serverDefault)
    #expect(clip.segments.isEmpty)
    #expect(try WAVMeasurement.measure(path: clip.path).utteranceAudioTokens == 40)
    #expect(
      AudioStimuli.stimuli(clip: clip, at: 7_000_000, genuine: true, conversation: 2).map(StimulusTiming.init)
        == [StimulusTiming(7_000_000, .userTurn, 2, 0, 4_000_000)])
    // No VAD segment: the session's settings decide what is committed around it.
    #expect(AudioStimuli.stimuli(clip: clip, at: 0, genuine: true).first?.committedAudio == 0)
    #expect(
      AudioStimuli.stimuli(clip: clip, at: 7_000_000, genuine: false, noiseIndex: 1).map(StimulusTiming.init)
        == [StimulusTiming(7_000_000, .noiseBurst, -1, 1, 4_000_000)])
  }

  @Test func anUtteranceTakesTheFramesPresentNotTheHeaderClaim() throws {
    // truncated-data-8k.wav claims 1 s but holds 0.5 s (and warns).
    let clip = try AudioClip.load(
      path: AudioFixtures.wav("truncated-data-8k.wav"), use: .utterance, vad: .serverDefault)
    #expect(clip.durationMicros == 500_000)
    #expect(clip.warnings.count == 2)
  }

  @Test func aMarkerIsResolvedAgainstTheRecordingFolder() throws {
    let marker = LocalAudioMarker(path: "tone-bursts-24k.wav", use: .ambient, genuine: false)
    let stimuli = try AudioStimuli.stimuli(
      for: marker, at: 60_000_000, recordingFolder: AudioFixtures.wavFolder, vad: .serverDefault)
    #expect(
      stimuli.map(StimulusTiming.init) == [
        StimulusTiming(60_500_000, .noiseBurst, -1, 0, 500_000),
        StimulusTiming(61_600_000, .noiseBurst, -1, 0, 400_000),
      ])
    let absolute = LocalAudioMarker(
      path: AudioFixtures.wav("speech-like-8k.wav"), use: .utterance, genuine: true)
    let utterance = try AudioStimuli.stimuli(
      for: absolute, at: 5, recordingFolder: "/nowhere", vad: .serverDefault, conversation: 9)
    #expect(utterance.map(StimulusTiming.init) == [StimulusTiming(5, .userTurn, 9, 0, 4_000_000)])
  }

  @Test func aMarkerWithAMissingFileNamesIt() {
    let marker = LocalAudioMarker(path: "room.wav", use: .ambient, genuine: false)
    #expect {
      try AudioStimuli.stimuli(
        for: marker, at: 0, recordingFolder: "/nonexistent-folder", vad: .serverDefault)
    } throws: { error in
      let error = error as? AudioError
      return error?.path == "/nonexistent-folder/room.wav"
        && error?.reason.hasPrefix("cannot open the file") == true
    }
  }

  @Test(arguments: [
    ("invalid-float32.wav", "WAV with 32-bit float samples; rtcost reads 16-bit PCM WAV only"),
    ("invalid-ulaw.wav", "WAV with G.711 μ-law samples"),
    ("invalid-3-channels.wav", "WAV with 16-bit PCM samples in 3 channels"),
    ("invalid-text.wav", "not a WAV file (it starts with \"this\")"),
  ])
  func aMarkerWithARefusedFileNamesItsFormat(name: String, reason: String) {
    for use in [LocalAudioMarker.Use.ambient, .utterance] {
      let marker = LocalAudioMarker(path: name, use: use, genuine: true)
      #expect {
        try AudioStimuli.stimuli(
          for: marker, at: 0, recordingFolder: AudioFixtures.wavFolder, vad: .serverDefault)
      } throws: { error in
        (error as? AudioError)?.reason.hasPrefix(reason) == true
      }
    }
  }

  @Test func pathsResolve() {
    #expect(AudioStimuli.resolve("a.wav", relativeTo: "/rec") == "/rec/a.wav")
    #expect(AudioStimuli.resolve("/abs/a.wav", relativeTo: "/rec") == "/abs/a.wav")
    #expect(AudioStimuli.resolve("a.wav", relativeTo: "") == "a.wav")
    #expect(AudioStimuli.resolve("../wav/a.wav", relativeTo: "/x/scenarios") == "/x/wav/a.wav")
  }

  @Test func sessionSettingsGiveTheVADParameters() throws {
    var settings = SessionSettings()
    #expect(try settings.vadParameters() == .serverDefault)
    settings.vadThreshold = 0.3
    settings.silenceDuration = 500_000
    settings.prefixPadding = 250_500  // rounded down to 250 ms
    #expect(
      try settings.vadParameters()
        == VADParameters(threshold: 0.3, prefixPaddingMs: 250, silenceDurationMs: 500))
    settings.silenceDuration = 0
    #expect(throws: VADParameterError.silenceDuration(0)) { try settings.vadParameters() }
  }
}
