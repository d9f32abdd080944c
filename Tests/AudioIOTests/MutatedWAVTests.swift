import AudioIO
import Foundation
import TestSupport
import Testing

/// Broken files made from good ones: every one is analysed or refused with an `AudioError`, never a crash.
@Suite struct MutatedWAVTests {
  /// SplitMix64, for reproducible mutations.
  private struct Mutator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  /// Analyses `bytes` written to a scratch file; returns true when accepted, false when refused.
  private func outcome(_ bytes: [UInt8], in folder: URL, name: String) throws -> Bool {
    let path = folder.appendingPathComponent(name).path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    do {
      let analysis = try WAVAnalysis.analyze(path: path)
      // Accepted: the frames read fit in the file.
      #expect(analysis.frames * 2 <= Int64(bytes.count))
      return true
    } catch {
      #expect(!error.reason.isEmpty)
      #expect(error.path == path)
      return false
    }
  }

  @Test func everyTruncationIsReadOrRefused() throws {
    let folder = try TestPaths.scratchFolder("truncations")
    defer { try? FileManager.default.removeItem(at: folder) }
    let whole = [UInt8](
      try Data(contentsOf: TestPaths.wavFixtures.appendingPathComponent("tone-extensible-16k.wav")))
    var accepted: [Int] = []
    for length in 0..<200 {
      if try outcome(Array(whole.prefix(length)), in: folder, name: "cut-\(length).wav") {
        accepted.append(length)
      }
    }
    // The header is 80 bytes: RIFF/WAVE 12, fmt (WAVE_FORMAT_EXTENSIBLE) 8 + 40, fact 8 + 4, data
    // header 8. Every cut inside it is refused; every cut after it is read (with a warning).
    #expect(accepted == Array(80..<200))
  }

  @Test func randomHeaderDamageIsReadOrRefused() throws {
    let folder = try TestPaths.scratchFolder("mutations")
    defer { try? FileManager.default.removeItem(at: folder) }
    var mutator = Mutator(state: 2026)
    var refused = 0
    for source in ["tone-bursts-24k.wav", "tone-extensible-16k.wav", "speech-like-left-stereo-16k.wav"] {
      let original = [UInt8](try Data(contentsOf: TestPaths.wavFixtures.appendingPathComponent(source)))
      let header = Array(original.prefix(2000))  // the header plus the first samples
      for round in 0..<100 {
        var bytes = header
        for _ in 0..<(1 + Int(mutator.next() % 4)) {
          let position = Int(mutator.next() % 80)
          bytes[position] = UInt8(truncatingIfNeeded: mutator.next())
        }
        if try !outcome(bytes, in: folder, name: "\(source)-\(round).wav") { refused += 1 }
      }
    }
    #expect(refused > 0)
  }

  @Test func anEmptyDataChunkIsZeroSecondsOfNothing() throws {
    let folder = try TestPaths.scratchFolder("empty-data")
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("empty.wav").path
    try WAVWriter(path: path, sampleRate: 16_000, channels: 1).close()
    let analysis = try WAVAnalysis.analyze(path: path)
    #expect(analysis.frames == 0)
    #expect(analysis.durationMicros == 0)
    #expect(analysis.segments.isEmpty)
  }

  @Test func sampleRatesOutsideTheRangeAreRefused() throws {
    let folder = try TestPaths.scratchFolder("rates")
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("slow.wav").path
    let writer = try WAVWriter(path: path, sampleRate: 500, channels: 1)
    try writer.write(interleaved: [Int16](repeating: 100, count: 500)[...])
    try writer.close()
    let error = #expect(throws: AudioError.self) { try WAVReader(path: path) }
    #expect(error?.reason == "WAV with 16-bit PCM samples at 500 Hz; rtcost reads 1000–768000 Hz")
  }
}
