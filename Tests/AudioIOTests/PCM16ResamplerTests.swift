import AudioIO
import Foundation
import TestSupport
import Testing

@Suite struct PCM16ResamplerTests {
  /// `seconds` of a sine at `hertz`, amplitude 10,000, at `rate`.
  private func sine(hertz: Double, rate: Int, seconds: Double) -> [Int16] {
    (0..<Int(Double(rate) * seconds)).map {
      Int16((10_000 * sin(2 * Double.pi * hertz * Double($0) / Double(rate))).rounded())
    }
  }

  /// Resamples in blocks of `block` samples.
  private func resample(_ input: [Int16], from rate: Int, block: Int = 4096) throws -> [Int16] {
    let resampler = try PCM16Resampler(inputRate: rate)
    var out: [Int16] = []
    var start = 0
    while start < input.count {
      try resampler.process(input[start..<min(input.count, start + block)]) { out += $0 }
      start += block
    }
    try resampler.finish { out += $0 }
    #expect(resampler.samplesOut == Int64(out.count))
    return out
  }

  private func rms(_ samples: ArraySlice<Int16>) -> Double {
    (samples.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(samples.count)).squareRoot()
  }

  private func upwardZeroCrossings(_ samples: ArraySlice<Int16>) -> Int {
    zip(samples.dropLast(), samples.dropFirst()).filter { $0 < 0 && $1 >= 0 }.count
  }

  @Test(arguments: [8000, 16_000, 22_050, 44_100, 48_000])
  func oneSecondBecomesTwentyFourThousandSamplesOfTheSameTone(rate: Int) throws {
    let out = try resample(sine(hertz: 440, rate: rate, seconds: 1), from: rate)
    // 1 s at any rate → 24,000 samples at 24 kHz (libsamplerate may round the end by a sample).
    #expect(abs(out.count - 24_000) <= 1, "\(out.count)")
    // The middle half second: 440 Hz → 220 upward zero crossings (±1), RMS 10,000/√2 = 7071 (±1 %).
    let middle = out[6000..<18_000]
    #expect(abs(upwardZeroCrossings(middle) - 220) <= 1)
    #expect(abs(rms(middle) - 7071) < 71)
  }

  @Test func twentyFourKilohertzPassesThroughUntouched() throws {
    let input = sine(hertz: 1000, rate: 24_000, seconds: 0.5)
    #expect(try resample(input, from: 24_000) == input)
  }

  @Test func blockSizeDoesNotChangeTheOutput() throws {
    let input = sine(hertz: 300, rate: 16_000, seconds: 0.7)
    let big = try resample(input, from: 16_000, block: 100_000)
    let small = try resample(input, from: 16_000, block: 37)
    #expect(big.count == small.count)
    let largest = zip(big, small).map { abs(Int($0) - Int($1)) }.max() ?? 0
    #expect(largest <= 1)
  }

  @Test func refusesRatesLibsamplerateCannotConvert() {
    // 24,000 / 1 is a ratio of 24,000: beyond libsamplerate's 256.
    #expect(throws: ResamplerError.self) { try PCM16Resampler(inputRate: 1) }
    #expect(throws: ResamplerError.self) { try PCM16Resampler(inputRate: 0) }
  }

  @Test func appendChunksAreHundredMillisecondsOfPCM16() throws {
    // tone-bursts-24k.wav: 2.6 s at 24 kHz → 26 chunks of 2400 samples (4800 bytes, 6400 base64 chars).
    var chunks: [AppendChunk] = []
    let result = try PCM16AppendStream.forEachChunk(
      path: TestPaths.wavFixtures.appendingPathComponent("tone-bursts-24k.wav").path
    ) { chunks.append($0) }
    #expect(result.frames == 62_400)
    #expect(chunks.count == 26)
    #expect(chunks.allSatisfy { $0.samples.count == 2400 })
    #expect(chunks[1].start == 100_000)
    #expect(chunks[25].start == 2_500_000)
    #expect(chunks[0].littleEndianBytes.count == 4800)
    #expect(chunks[0].base64.count == 6400)
    #expect(chunks[0].durationMicros == 100_000)
  }

  @Test func appendChunksFromEightKilohertzEndWithAShorterOne() throws {
    // speech-like-8k.wav: 4 s at 8 kHz → about 96,000 samples at 24 kHz, in 250 ms chunks of 6000:
    // 16 chunks, the last possibly a sample short or long.
    var chunks: [AppendChunk] = []
    _ = try PCM16AppendStream.forEachChunk(
      path: TestPaths.wavFixtures.appendingPathComponent("speech-like-8k.wav").path, chunkMilliseconds: 250
    ) { chunks.append($0) }
    let total = chunks.reduce(0) { $0 + $1.samples.count }
    #expect(abs(total - 96_000) <= 1)
    #expect(chunks.dropLast().allSatisfy { $0.samples.count == 6000 })
    #expect(chunks.count == (total + 5999) / 6000)
  }

  @Test func littleEndianBytesAndBase64() {
    // 1 → 01 00, −2 → FE FF, 256 → 00 01: base64 of 01 00 FE FF 00 01 is "AQD+/wAB".
    let chunk = AppendChunk(start: 0, samples: [1, -2, 256])
    #expect(chunk.littleEndianBytes == [0x01, 0x00, 0xFE, 0xFF, 0x00, 0x01])
    #expect(chunk.base64 == "AQD+/wAB")
  }

  @Test func refusedFilesAndChunkLengths() {
    let float = TestPaths.wavFixtures.appendingPathComponent("invalid-float32.wav").path
    let error = #expect(throws: AudioError.self) { try PCM16AppendStream.forEachChunk(path: float) { _ in } }
    #expect(error?.reason.hasPrefix("WAV with 32-bit float samples") == true)
    #expect(throws: ResamplerError.self) { try PCM16AppendStream(inputRate: 16_000, chunkMilliseconds: 0) }
  }
}
