import AudioIO
import Foundation
import TestSupport
import Testing

@Suite struct WAVReaderTests {
  private func fixture(_ name: String) -> String { TestPaths.wavFixtures.appendingPathComponent(name).path }

  /// Reads a whole file through the reader, in blocks of `blockFrames`.
  private func readAll(_ path: String, blockFrames: Int = 4096) throws -> (WAVReader, [Int16]) {
    let reader = try WAVReader(path: path, blockFrames: blockFrames)
    var all: [Int16] = []
    var block: [Int16] = []
    while try reader.read(into: &block) > 0 { all += block }
    return (reader, all)
  }

  @Test func readsPlainMonoPCM16() throws {
    let (reader, samples) = try readAll(fixture("tone-bursts-24k.wav"))
    #expect(
      reader.format
        == WAVFormat(sampleRate: 24_000, channels: 1, encoding: .pcm(bits: 16), isExtensible: false))
    // 2.6 s × 24,000 Hz = 62,400 frames; the header claims the same.
    #expect(reader.framesRead == 62_400)
    #expect(samples.count == 62_400)
    #expect(reader.claimedFrames == 62_400)
    #expect(reader.durationMicros == 2_600_000)
    #expect(reader.warnings.isEmpty)
  }

  @Test func acceptsWaveFormatExtensible() throws {
    let (reader, _) = try readAll(fixture("tone-extensible-16k.wav"))
    #expect(reader.format.isExtensible)
    #expect(reader.format.encoding == .pcm(bits: 16))
    #expect(reader.format.description == "WAV (WAVE_FORMAT_EXTENSIBLE), 16-bit PCM, 16000 Hz, mono")
    #expect(reader.framesRead == 16_000)
  }

  @Test func blockSizeDoesNotChangeTheSamples() throws {
    let (_, whole) = try readAll(fixture("speech-like-8k.wav"), blockFrames: 32_000)
    let (reader, small) = try readAll(fixture("speech-like-8k.wav"), blockFrames: 7)
    #expect(whole == small)
    // The buffer never holds more than one block: 7 frames × 1 channel.
    #expect(reader.bufferHighWaterMark == 7)
  }

  @Test func stereoIsTheAverageOfTheChannelsTruncatedTowardZero() throws {
    let folder = try TestPaths.scratchFolder("downmix")
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("stereo.wav").path
    let writer = try WAVWriter(path: path, sampleRate: 8000, channels: 2)
    // (L, R) pairs and their averages: (3+0)/2 = 1, (−3+0)/2 = −1 (toward zero), extremes stay in range.
    try writer.write(
      interleaved: [3, 0, -3, 0, 32767, 32767, -32768, -32768, 1000, -1000, 32767, -32768][...])
    try writer.close()
    let (reader, mono) = try readAll(path)
    #expect(reader.format.channels == 2)
    #expect(mono == [1, -1, 32767, -32768, 0, 0])
    #expect(reader.bufferHighWaterMark == 12)
  }

  @Test func headerThatClaimsMoreDataWarnsAndUsesTheFramesPresent() throws {
    // The generator cut this file to 44 + 8000 + 1 bytes: 4000 whole frames and one stray byte,
    // while the data chunk still claims 16,000 bytes (8000 frames, 1 s).
    let path = fixture("truncated-data-8k.wav")
    let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
    #expect(size == 8045)
    let (reader, samples) = try readAll(path)
    #expect(reader.claimedFrames == 8000)
    #expect(reader.availableFrames == 4000)  // libsndfile clamps the data chunk to the bytes present
    #expect(reader.framesRead == 4000)
    #expect(samples.count == 4000)
    #expect(reader.durationMicros == 500_000)
    #expect(
      reader.warnings == [
        "the data chunk claims 16000 bytes (8000 frames, 1 s) but the file holds 8001 (4000 frames, 0.5 s); "
          + "the duration is taken from the frames present",
        "1 trailing data byte(s) do not make a whole frame and are ignored",
      ])
  }

  /// Every refused fixture and the words its message must contain.
  static let refusals: [(String, String)] = [
    ("invalid-float32.wav", "WAV with 32-bit float samples; rtcost reads 16-bit PCM WAV only"),
    ("invalid-pcm8.wav", "WAV with 8-bit PCM samples; rtcost reads 16-bit PCM WAV only"),
    ("invalid-pcm24.wav", "WAV with 24-bit PCM samples; rtcost reads 16-bit PCM WAV only"),
    ("invalid-pcm32.wav", "WAV with 32-bit PCM samples; rtcost reads 16-bit PCM WAV only"),
    ("invalid-ulaw.wav", "WAV with G.711 μ-law samples; rtcost reads 16-bit PCM WAV only"),
    ("invalid-alaw.wav", "WAV with G.711 A-law samples; rtcost reads 16-bit PCM WAV only"),
    ("invalid-3-channels.wav", "WAV with 16-bit PCM samples in 3 channels; rtcost reads mono or stereo only"),
    ("invalid-aiff-named-wav.wav", "AIFF file with 16-bit PCM samples; rtcost reads 16-bit PCM WAV only"),
    ("invalid-empty.wav", "empty file (0 bytes)"),
    ("invalid-text.wav", "not a WAV file (it starts with \"this\")"),
    ("invalid-garbage.wav", "not a WAV file (it starts with \"IL\\x81\\x8b\")"),
    (
      "invalid-truncated-header.wav",
      "truncated WAV: the fmt chunk declares 16 bytes but the file ends after 30 bytes"
    ),
    ("invalid-no-data-chunk.wav", "truncated WAV: the file ends after 36 bytes without a data chunk"),
  ]

  @Test(arguments: refusals)
  func refusesWithTheActualFormatNamed(name: String, message: String) throws {
    let path = fixture(name)
    let error = #expect(throws: AudioError.self) { try WAVReader(path: path) }
    #expect(error?.path == path)
    #expect(error?.reason.hasPrefix(message) == true, "\(error?.reason ?? "no error")")
    #expect(error?.description.hasPrefix("\(path): ") == true)
  }

  @Test func missingFileIsAnErrorNamingIt() {
    let error = #expect(throws: AudioError.self) { try WAVReader(path: "/no/such/file.wav") }
    #expect(error?.description == "/no/such/file.wav: cannot open the file (No such file or directory)")
  }

  @Test func aFolderIsRefused() {
    let path = TestPaths.wavFixtures.path
    let error = #expect(throws: AudioError.self) { try WAVReader(path: path) }
    #expect(error?.description == "\(path): a folder, not a WAV file")
  }
}

@Suite struct WAVMeasurementTests {
  @Test func utteranceDurationAndTokens() throws {
    // tone-bursts-24k.wav: 62,400 frames at 24 kHz = 2.6 s → 26 tokens as one utterance.
    let measured = try WAVMeasurement.measure(
      path: TestPaths.wavFixtures.appendingPathComponent("tone-bursts-24k.wav").path)
    #expect(measured.frames == 62_400)
    #expect(measured.durationMicros == 2_600_000)
    #expect(measured.utteranceAudioTokens == 26)
    // truncated-data-8k.wav: 0.5 s present (the header claims 1 s) → 5 tokens and a warning.
    let truncated = try WAVMeasurement.measure(
      path: TestPaths.wavFixtures.appendingPathComponent("truncated-data-8k.wav").path)
    #expect(truncated.durationMicros == 500_000)
    #expect(truncated.utteranceAudioTokens == 5)
    #expect(truncated.warnings.count == 2)
  }

  @Test func refusedLikeTheReader() {
    let path = TestPaths.wavFixtures.appendingPathComponent("invalid-alaw.wav").path
    let error = #expect(throws: AudioError.self) { try WAVMeasurement.measure(path: path) }
    #expect(error?.reason.hasPrefix("WAV with G.711 A-law samples") == true)
  }
}
