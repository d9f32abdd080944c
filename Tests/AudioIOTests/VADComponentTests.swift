import Foundation
import Testing

@testable import AudioIO

/// The pieces of the VAD emulation on hand-made input.
@Suite struct FrameLevelMeterTests {
  private func levels(_ samples: [Int16], rate: Int) -> [FrameLevel] {
    var meter = FrameLevelMeter(sampleRate: rate)
    var out: [FrameLevel] = []
    meter.push(samples[...]) { out.append($0) }
    meter.finish { out.append($0) }
    return out
  }

  @Test func fullScaleSquareWaveIsZeroDBFS() {
    // ±32767 alternating: variance 32767², 20·log10(32767/32768) = −0.00027 dB → 0 centibels.
    let square = (0..<160).map { $0 % 2 == 0 ? Int16(32767) : Int16(-32767) }
    #expect(levels(square, rate: 8000).map(\.centibels) == [0])
  }

  @Test func sineLevelIsItsRMS() {
    // A 1 kHz sine of amplitude 3277 at 8 kHz: RMS 3277/√2 = 2317.2; 20·log10(2317.2/32768) = −23.01 dB.
    let sine = (0..<160).map { Int16((3277 * sin(2 * Double.pi * 1000 * Double($0) / 8000)).rounded()) }
    let level = levels(sine, rate: 8000)[0].centibels
    #expect(abs(level - -2301) <= 2)
  }

  @Test func aConstantOffsetIsSilence() {
    // DC is removed: a constant 1000 has zero variance → the −100 dBFS floor.
    #expect(levels(Array(repeating: 1000, count: 160), rate: 8000).map(\.centibels) == [-10_000])
  }

  @Test func framesAreTwentyMillisecondsAtAnyRate() {
    // 22,050 Hz: frame k holds samples ⌊k·441⌋…; 11,025 Hz: ⌊k·220.5⌋, so 220 and 221 alternate.
    let at22k = levels(Array(repeating: 0, count: 22_050), rate: 22_050)
    #expect(at22k.count == 50)
    #expect(at22k[1].start == 20_000 && at22k[1].end == 40_000)
    let at11k = levels(Array(repeating: 0, count: 441), rate: 11_025)
    // Samples 0..<220 (0–19.954 ms) and 220..<441 (19.954–40 ms).
    #expect(at11k.map(\.start) == [0, 19_954])
    #expect(at11k.map(\.end) == [19_954, 40_000])
  }

  @Test func aPartialLastFrameIsMeasuredOverWhatItHas() {
    // 100 frames at 48 kHz is 2.083 ms: one partial frame.
    let partial = levels(Array(repeating: 5, count: 100), rate: 48_000)
    #expect(partial.count == 1)
    #expect(partial[0].end == 2_083)
  }
}

@Suite struct NoiseFloorWindowTests {
  private func frame(_ index: Int64, _ dB: Double) -> FrameLevel {
    let power = dB <= -100 ? 0 : pow(10, dB / 10)
    return FrameLevel(
      index: index, start: index * 20_000, end: (index + 1) * 20_000, power: power,
      centibels: FrameLevelMeter.centibels(power: power))
  }

  private func floor(of levels: [Double]) -> Int32 {
    var window = NoiseFloorWindow(lookBackFrames: 150, lookAheadFrames: 75)
    for (index, level) in levels.enumerated() { window.append(frame(Int64(index), level)) }
    window.close()
    return window.floorCentibels
  }

  @Test func twoFramesOfDigitalSilenceDoNotSetTheFloor() {
    // −40 dBFS noise with two digital-silence frames: the quietest 5-frame mean is 3/5 of the noise
    // power, 10·log10(0.6) = −2.22 dB below it: −42.22 dBFS.
    #expect(
      floor(of: Array(repeating: -40, count: 10) + [-100, -100] + Array(repeating: -40, count: 10)) == -4222)
  }

  @Test func fiveFramesOfDigitalSilenceDo() {
    #expect(
      floor(
        of: Array(repeating: -40, count: 10) + Array(repeating: -100, count: 5)
          + Array(repeating: -40, count: 10)) == -10_000)
  }

  @Test func theEdgesHaveNoSmoothedLevelOfTheirOwn() {
    // Two silent frames at the start and end are outside every whole 5-frame window.
    #expect(floor(of: [-100, -100] + Array(repeating: -30, count: 10) + [-100, -100]) == -3222)
  }

  @Test func audioShorterThanFiveFramesUsesTheMeanOfAll() {
    // Mean power of −30 and −40 dBFS: (10^−3 + 10^−4)/2 = 5.5·10^−4 → −32.60 dBFS.
    #expect(floor(of: [-30, -40]) == -3260)
  }

  @Test func evictionKeepsTheWindowBounded() {
    var window = NoiseFloorWindow(lookBackFrames: 3, lookAheadFrames: 2)
    // A quiet stretch, then loud: once the quiet frames leave the window the floor rises.
    let levels: [Double] = [-60, -60, -60, -60, -60, -60, -20, -20, -20, -20, -20, -20, -20, -20, -20, -20]
    var floors: [Int32] = []
    for (index, level) in levels.enumerated() {
      window.append(frame(Int64(index), level))
      let ready = window.smoothedThrough - 2
      if ready >= 0 {
        window.evict(before: ready - 3)
        floors.append(window.floorCentibels)
      }
    }
    #expect(floors.first == -6000)
    #expect(floors.last == -2000)
    #expect(window.capacity == 11)
  }
}

@Suite struct TurnDetectorTests {
  /// Feeds 20 ms frames with the given activity pattern and returns every segment.
  private func run(_ pattern: String, prefix: Int64 = 300_000, silence: Int64 = 200_000) -> [SpeechSegment] {
    var detector = TurnDetector(prefixPadding: prefix, silenceDuration: silence)
    var out: [SpeechSegment] = []
    for (index, character) in pattern.enumerated() {
      let start = Int64(index) * 20_000
      if let segment = detector.frame(start: start, end: start + 20_000, active: character == "#") {
        out.append(segment)
      }
    }
    if let pending = detector.finish() { out.append(pending) }
    return out
  }

  @Test func silenceOfExactlyTheDurationEndsTheTurn() {
    // Active frames 5–9 (0.10–0.20 s), then 10 silent frames = 200 ms: committed at 0.40 s.
    let pattern =
      String(repeating: ".", count: 5) + String(repeating: "#", count: 5) + String(repeating: ".", count: 10)
    #expect(
      run(pattern) == [
        SpeechSegment(start: 100_000, end: 200_000, prefixPadding: 100_000, committedAt: 400_000)
      ])
  }

  @Test func aShorterPauseDoesNotEndIt() {
    // 9 silent frames (180 ms) between two bursts: one turn 0–0.46 s, committed 0.66 s.
    let pattern = "#####" + String(repeating: ".", count: 9) + "#####" + String(repeating: ".", count: 10)
    #expect(run(pattern) == [SpeechSegment(start: 0, end: 380_000, prefixPadding: 0, committedAt: 580_000)])
  }

  @Test func prefixIsLimitedByThePreviousCommit() {
    // Turn 1 commits at 0.30 s; turn 2 starts at 0.40 s: only 0.10 s of prefix is in the buffer.
    let pattern =
      "#####" + String(repeating: ".", count: 10) + "....." + "#####" + String(repeating: ".", count: 10)
    let segments = run(pattern)
    #expect(segments.count == 2)
    #expect(
      segments[1] == SpeechSegment(start: 400_000, end: 500_000, prefixPadding: 100_000, committedAt: 700_000)
    )
  }

  @Test func speechStillOpenAtTheEndIsPending() {
    #expect(
      run(".....#####...") == [
        SpeechSegment(start: 100_000, end: 200_000, prefixPadding: 100_000, committedAt: nil)
      ])
    #expect(run("..........").isEmpty)
  }
}

@Suite struct InputAudioTokensTests {
  @Test func roundsUpToWholeHundredMilliseconds() {
    #expect(InputAudioTokens.count(micros: 0) == 0)
    #expect(InputAudioTokens.count(micros: -5) == 0)
    #expect(InputAudioTokens.count(micros: 1) == 1)
    #expect(InputAudioTokens.count(micros: 100_000) == 1)
    #expect(InputAudioTokens.count(micros: 100_001) == 2)
    #expect(InputAudioTokens.count(micros: 750_000) == 8)
    // One hour: 36,000 tokens.
    #expect(InputAudioTokens.count(micros: 3_600_000_000) == 36_000)
  }

  @Test func segmentBillsSpeechPlusPrefix() {
    // 1.23 s of speech + 0.3 s prefix = 1.53 s → 16 tokens.
    let segment = SpeechSegment(
      start: 1_000_000, end: 2_230_000, prefixPadding: 300_000, committedAt: 2_430_000)
    #expect(segment.speechMicros == 1_230_000)
    #expect(segment.billedMicros == 1_530_000)
    #expect(segment.audioTokens == 16)
  }
}
