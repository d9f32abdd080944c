import AudioIO
import Foundation
import TestSupport
import Testing

@Suite struct SyntheticAudioTests {
  private func render(_ audio: SyntheticAudio) -> [Int16] {
    var out: [Int16] = []
    audio.render(blockFrames: 1000) { out += $0 }
    return out
  }

  private func dBFS(_ samples: ArraySlice<Int16>) -> Double {
    let meanSquare = samples.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(samples.count)
    return 10 * log10(meanSquare / (32768.0 * 32768.0))
  }

  @Test func levelsAreTheRequestedRMS() {
    // One second of each sound alone: RMS within 0.2 dB of the request.
    for sound in [
      SyntheticAudio.Sound.tone(hertz: 440, dBFS: -20), .noise(dBFS: -30), .speechLike(dBFS: -20),
    ] {
      let audio = SyntheticAudio(
        sampleRate: 8000, durationMicros: 1_000_000, bed: .digitalSilence,
        events: [SyntheticAudio.Event(start: 0, end: 1_000_000, sound: sound)])
      let target: Double =
        switch sound {
        case .tone(_, let level), .noise(let level), .speechLike(let level): level
        }
      #expect(abs(dBFS(render(audio)[...]) - target) < 0.2, "\(sound)")
    }
  }

  @Test func eventsStartAndEndOnTheirSamples() {
    // A tone from 0.5 s to 1.0 s at 8 kHz covers samples 4000..<8000; the rest is digital silence.
    let samples = render(
      SyntheticAudio(
        sampleRate: 8000, durationMicros: 1_500_000, bed: .digitalSilence,
        events: [SyntheticAudio.Event(start: 500_000, end: 1_000_000, sound: .tone(hertz: 1000, dBFS: -10))]))
    #expect(samples.count == 12_000)
    #expect(samples[0..<4000].allSatisfy { $0 == 0 })
    #expect(samples[8000...].allSatisfy { $0 == 0 })
    #expect(samples[4002] != 0)
  }

  @Test func sameSeedSameSamplesOtherSeedOtherSamples() {
    let a = SyntheticAudio(sampleRate: 8000, durationMicros: 100_000, bed: .noise(dBFS: -30), seed: 5)
    var b = a
    #expect(render(a) == render(b))
    b.seed = 6
    #expect(render(a) != render(b))
  }

  @Test func periodRepeatsTheEvents() {
    // A 0.1 s tone every 0.5 s over 2 s: the same samples at 0, 0.5, 1.0 and 1.5 s.
    let samples = render(
      SyntheticAudio(
        sampleRate: 8000, durationMicros: 2_000_000, bed: .digitalSilence,
        events: [SyntheticAudio.Event(start: 0, end: 100_000, sound: .tone(hertz: 400, dBFS: -10))],
        period: 500_000))
    let first = Array(samples[0..<800])
    #expect(Array(samples[4000..<4800]) == first)
    #expect(Array(samples[12_000..<12_800]) == first)
    #expect(samples[800..<4000].allSatisfy { $0 == 0 })
  }

  @Test func writesWhatItRenders() throws {
    let folder = try TestPaths.scratchFolder("synthetic")
    defer { try? FileManager.default.removeItem(at: folder) }
    let audio = SyntheticAudio(
      sampleRate: 16_000, channels: 2, durationMicros: 300_000, bed: .noise(dBFS: -40),
      events: [
        SyntheticAudio.Event(start: 0, end: 200_000, sound: .speechLike(dBFS: -20), placement: .leftOnly)
      ])
    let path = folder.appendingPathComponent("a.wav").path
    try audio.write(to: path)
    let reader = try WAVReader(path: path)
    var mono: [Int16] = []
    var block: [Int16] = []
    while try reader.read(into: &block) > 0 { mono += block }
    let stereo = render(audio)
    #expect(mono.count == 4800)
    #expect(mono == (0..<4800).map { Int16((Int32(stereo[2 * $0]) + Int32(stereo[2 * $0 + 1])) / 2) })
  }
}
