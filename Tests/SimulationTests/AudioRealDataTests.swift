import Foundation
import RealtimeEvents
import TestSupport
import Testing

@testable import Simulation

/// The shared real WAV files, when present (never copied into the repository).
enum RealAudio {
  static let folder: String? = {
    let candidates = [
      TestPaths.packageRoot.appendingPathComponent("../shared/realdata/wav").standardized.path,
      "/work/shared/realdata/wav",
    ]
    return candidates.first { FileManager.default.fileExists(atPath: $0) }
  }()
  static let jfk = "ggerganov__whisper.cpp__samples__jfk.wav"
}

@Suite(.enabled(if: RealAudio.folder != nil, "realdata/wav is absent"))
struct AudioRealDataTests {
  @Test func jfkAsAmbientMicGivesOneTurnPerCommittedSegment() throws {
    // docs/audio.md: jfk.wav (11 s), default VAD: 5 committed turns (80 tokens) and a pending click
    // at the very end (4 tokens), which is no turn.
    let marker = LocalAudioMarker(path: RealAudio.jfk, use: .ambient, genuine: true)
    let stimuli = try AudioStimuli.stimuli(
      for: marker, at: 1_000_000, recordingFolder: try #require(RealAudio.folder), vad: .serverDefault)
    #expect(stimuli.count == 5)
    #expect(stimuli.map(\.index) == [0, 1, 2, 3, 4])
    #expect(stimuli.allSatisfy { $0.kind == .userTurn && $0.time > 1_000_000 && $0.time < 12_000_000 })
    let clip = try AudioClip.load(
      path: AudioStimuli.resolve(RealAudio.jfk, relativeTo: try #require(RealAudio.folder)), use: .ambient,
      vad: .serverDefault)
    #expect(clip.committedSegments.reduce(0) { $0 + $1.audioTokens } == 80)
    #expect(clip.segments.count == 6)
  }
}
