import AudioIO
import Foundation
import TestSupport
import Testing

/// Ogg/Opus through libsndfile: LiveKit's stereo `audio.ogg`, user left and agent right.
@Suite struct OggAudioReaderTests {
  /// 8 s of stereo 48 kHz: speech-like sound on the left 1.0–2.5 s and 6.0–7.0 s, on the right
  /// 3.0–5.0 s, over −80 dBFS hiss; written as Ogg/Opus by libsndfile.
  static func write(_ path: String) throws {
    let audio = SyntheticAudio(
      sampleRate: 48_000, channels: 2, durationMicros: 8_000_000, bed: .noise(dBFS: -80),
      events: [
        .init(start: 1_000_000, end: 2_500_000, sound: .speechLike(dBFS: -20), placement: .leftOnly),
        .init(start: 3_000_000, end: 5_000_000, sound: .speechLike(dBFS: -20), placement: .rightOnly),
        .init(start: 6_000_000, end: 7_000_000, sound: .speechLike(dBFS: -20), placement: .leftOnly),
      ])
    try audio.write(to: path, format: .oggOpus)
  }

  @Test func eachChannelsSpeechIsFoundApart() throws {
    let folder = try TestPaths.scratchFolder("ogg")
    let path = folder.appendingPathComponent("audio.ogg").path
    try Self.write(path)
    let reader = try OggAudioReader(path: path)
    #expect(reader.codec == "Opus")
    #expect(reader.channels == 2)
    #expect(reader.sampleRate == 48_000)
    let analysis = try ChannelSpeechAnalysis.analyze(path: path)
    // The whole 8 s decoded (Opus frames are 20 ms: 400 of them).
    #expect(abs(analysis.durationMicros - 8_000_000) <= 20_000)
    let left = analysis.channels[0].filter(\.isCommitted)
    let right = analysis.channels[1].filter(\.isCommitted)
    #expect(left.count == 2)
    #expect(right.count == 1)
    // Within two 20 ms VAD frames of where the sound is (Opus adds a few ms of delay).
    func near(_ micros: Int64, _ expected: Int64) -> Bool { abs(micros - expected) <= 40_000 }
    #expect(near(left[0].start, 1_000_000) && near(left[0].end, 2_500_000), "\(left)")
    #expect(near(left[1].start, 6_000_000) && near(left[1].end, 7_000_000), "\(left)")
    #expect(near(right[0].start, 3_000_000) && near(right[0].end, 5_000_000), "\(right)")
  }

  @Test func aFileThatIsNotOggIsRefusedByName() throws {
    let folder = try TestPaths.scratchFolder("ogg-refused")
    let wav = folder.appendingPathComponent("audio.wav").path
    try SyntheticAudio(sampleRate: 16_000, durationMicros: 100_000, bed: .digitalSilence).write(to: wav)
    #expect(
      throws: AudioError(
        path: wav, reason: "WAV file, not Ogg/Opus; rtcost reads a LiveKit audio.ogg (Ogg/Opus) here")
    ) {
      try OggAudioReader(path: wav)
    }
    let text = folder.appendingPathComponent("audio.ogg").path
    try "not audio".write(toFile: text, atomically: true, encoding: .utf8)
    #expect {
      try OggAudioReader(path: text)
    } throws: { error in
      "\(error)".hasPrefix("\(text): cannot read it as Ogg/Opus audio (libsndfile: ")
    }
  }
}
