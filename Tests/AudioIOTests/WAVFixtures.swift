import Foundation

@testable import AudioIO

/// The project's own WAV fixtures (`fixtures/wav/`), each generated from a description here.
///
/// Valid files are ``SyntheticAudio`` rendered to 16-bit PCM; the files rtcost must refuse are the
/// same kind of audio written in another encoding by libsndfile, or bytes cut and made up to
/// break the header. `fixtures/wav/README.md` lists every file with the segments the VAD finds.
enum WAVFixtures {
  /// How a fixture file is made.
  enum Recipe: Sendable {
    /// Rendered audio in a libsndfile encoding.
    case audio(SyntheticAudio, WAVWriterFormat)
    /// Rendered 16-bit PCM audio whose file is then cut to `keepBytes` bytes.
    case truncated(SyntheticAudio, keepBytes: Int)
    /// Literal bytes.
    case bytes([UInt8])
  }

  /// A fixture: its file name and recipe.
  struct Fixture: Sendable {
    var name: String
    var recipe: Recipe
  }

  private static let quietBed = SyntheticAudio.Bed.noise(dBFS: -80)

  private static func seconds(_ value: Double) -> Int64 { Int64((value * 1_000_000).rounded()) }

  private static func event(_ start: Double, _ end: Double, _ sound: SyntheticAudio.Sound)
    -> SyntheticAudio.Event
  {
    SyntheticAudio.Event(start: seconds(start), end: seconds(end), sound: sound)
  }

  /// 8 kHz mono 0.05 s tone: the audio of the refused-encoding fixtures.
  private static let shortTone = SyntheticAudio(
    sampleRate: 8000, durationMicros: 50_000, bed: .digitalSilence,
    events: [event(0, 0.05, .tone(hertz: 440, dBFS: -20))])

  /// Every fixture, valid ones first.
  static let all: [Fixture] = [
    Fixture(
      name: "silence-dither-24k.wav",
      recipe: .audio(
        SyntheticAudio(sampleRate: 24_000, durationMicros: seconds(1), bed: quietBed, seed: 11), .pcm16)),
    Fixture(
      name: "digital-silence-8k.wav",
      recipe: .audio(
        SyntheticAudio(sampleRate: 8000, durationMicros: seconds(1), bed: .digitalSilence), .pcm16)),
    Fixture(
      name: "noise-low-8k.wav",
      recipe: .audio(
        SyntheticAudio(sampleRate: 8000, durationMicros: seconds(3), bed: .noise(dBFS: -45), seed: 13), .pcm16
      )),
    Fixture(
      name: "tone-bursts-24k.wav",
      recipe: .audio(
        SyntheticAudio(
          sampleRate: 24_000, durationMicros: seconds(2.6), bed: quietBed,
          events: [
            event(0.5, 1.0, .tone(hertz: 440, dBFS: -20)), event(1.6, 2.0, .tone(hertz: 440, dBFS: -20)),
          ],
          seed: 17), .pcm16)),
    Fixture(
      name: "speech-like-8k.wav",
      recipe: .audio(
        SyntheticAudio(
          sampleRate: 8000, durationMicros: seconds(4), bed: .noise(dBFS: -55),
          events: [
            event(0.4, 1.2, .speechLike(dBFS: -20)), event(1.5, 2.1, .speechLike(dBFS: -20)),
            event(2.8, 3.2, .speechLike(dBFS: -20)),
          ], seed: 19), .pcm16)),
    Fixture(
      name: "speech-like-left-stereo-16k.wav",
      recipe: .audio(
        SyntheticAudio(
          sampleRate: 16_000, channels: 2, durationMicros: seconds(1.6), bed: .noise(dBFS: -70),
          events: [
            SyntheticAudio.Event(
              start: seconds(0.3), end: seconds(1.1), sound: .speechLike(dBFS: -20), placement: .leftOnly)
          ], seed: 23), .pcm16)),
    Fixture(
      name: "tone-extensible-16k.wav",
      recipe: .audio(
        SyntheticAudio(
          sampleRate: 16_000, durationMicros: seconds(1), bed: quietBed,
          events: [event(0.2, 0.6, .tone(hertz: 1000, dBFS: -20))], seed: 29), .pcm16Extensible)),
    Fixture(
      name: "noise-bursts-threshold-8k.wav",
      recipe: .audio(
        SyntheticAudio(
          sampleRate: 8000, durationMicros: seconds(3), bed: .noise(dBFS: -60),
          events: [event(0.5, 1.0, .noise(dBFS: -48)), event(1.8, 2.3, .noise(dBFS: -40))], seed: 31), .pcm16)
    ),
    Fixture(
      name: "truncated-data-8k.wav",
      // 44-byte header + 4000 frames × 2 bytes + 1 stray byte; the header still claims 8000 frames.
      recipe: .truncated(
        SyntheticAudio(
          sampleRate: 8000, durationMicros: seconds(1), bed: quietBed,
          events: [event(0.1, 0.3, .tone(hertz: 440, dBFS: -20))], seed: 37), keepBytes: 44 + 8000 + 1)),
    Fixture(name: "invalid-float32.wav", recipe: .audio(shortTone, .float32)),
    Fixture(name: "invalid-pcm8.wav", recipe: .audio(shortTone, .pcmU8)),
    Fixture(name: "invalid-pcm24.wav", recipe: .audio(shortTone, .pcm24)),
    Fixture(name: "invalid-pcm32.wav", recipe: .audio(shortTone, .pcm32)),
    Fixture(name: "invalid-ulaw.wav", recipe: .audio(shortTone, .ulaw)),
    Fixture(name: "invalid-alaw.wav", recipe: .audio(shortTone, .alaw)),
    Fixture(
      name: "invalid-3-channels.wav",
      recipe: .audio(
        SyntheticAudio(sampleRate: 8000, channels: 3, durationMicros: 50_000, bed: .noise(dBFS: -40)), .pcm16)
    ),
    Fixture(name: "invalid-aiff-named-wav.wav", recipe: .audio(shortTone, .aiffPCM16)),
    Fixture(name: "invalid-empty.wav", recipe: .bytes([])),
    Fixture(name: "invalid-text.wav", recipe: .bytes(Array("this is not audio\n".utf8))),
    Fixture(name: "invalid-garbage.wav", recipe: .bytes(garbage(count: 256, seed: 41))),
    Fixture(name: "invalid-truncated-header.wav", recipe: .truncated(shortTone, keepBytes: 30)),
    Fixture(name: "invalid-no-data-chunk.wav", recipe: .truncated(shortTone, keepBytes: 36)),
  ]

  /// Writes every fixture into `folder` (created if needed); returns the paths written.
  @discardableResult
  static func writeAll(to folder: String) throws -> [String] {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return try all.map { fixture in
      let path = (folder as NSString).appendingPathComponent(fixture.name)
      try write(fixture, to: path)
      return path
    }
  }

  /// Writes one fixture to `path`.
  static func write(_ fixture: Fixture, to path: String) throws {
    switch fixture.recipe {
    case .audio(let audio, let format):
      try audio.write(to: path, format: format)
    case .truncated(let audio, let keepBytes):
      try audio.write(to: path)
      let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
      try handle.truncate(atOffset: UInt64(keepBytes))
      try handle.close()
    case .bytes(let bytes):
      guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
        throw AudioError(path: path, reason: "cannot create the file")
      }
    }
  }

  private static func garbage(count: Int, seed: UInt64) -> [UInt8] {
    var generator = SplitMix64(seed: seed)
    return (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
  }
}
