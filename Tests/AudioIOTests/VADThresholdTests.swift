import AudioIO
import TestSupport
import Testing

/// How `threshold` maps onto the signal, shown on the threshold fixture.
///
/// The fixture: white noise at −60 dBFS, with a noise burst at −48 dBFS (0.5–1.0 s) and one at
/// −40 dBFS (1.8–2.3 s). Burst plus bed: 10·log10(10^−4.8 + 10^−6) = −47.7 dBFS (12.3 dB over the bed)
/// and −39.96 dBFS (20.0 dB over it). The floor is the bed's quietest 100 ms, about −60.2 dBFS.
@Suite struct VADThresholdTests {
  @Test func mapping() throws {
    // requiredSNR = 30 dB × threshold; gate = −70 dBFS + 40 dB × threshold.
    #expect(VADParameters.serverDefault.requiredSNRdB == 15)
    #expect(VADParameters.serverDefault.absoluteGateDBFS == -50)
    let low = try VADParameters(threshold: 0.3, prefixPaddingMs: 300, silenceDurationMs: 200)
    #expect(abs(low.requiredSNRdB - 9) < 1e-9)
    #expect(abs(low.absoluteGateDBFS - -58) < 1e-9)
    let high = try VADParameters(threshold: 0.8, prefixPaddingMs: 300, silenceDurationMs: 200)
    #expect(abs(high.requiredSNRdB - 24) < 1e-9)
    #expect(abs(high.absoluteGateDBFS - -38) < 1e-9)
    let zero = try VADParameters(threshold: 0, prefixPaddingMs: 0, silenceDurationMs: 1)
    #expect(zero.requiredSNRdB == 0 && zero.absoluteGateDBFS == -70)
    let one = try VADParameters(threshold: 1, prefixPaddingMs: 0, silenceDurationMs: 1)
    #expect(one.requiredSNRdB == 30 && one.absoluteGateDBFS == -30)
  }

  private func segments(threshold: Double) throws -> [SpeechSegment] {
    let parameters = try VADParameters(threshold: threshold, prefixPaddingMs: 300, silenceDurationMs: 200)
    let path = TestPaths.wavFixtures.appendingPathComponent("noise-bursts-threshold-8k.wav").path
    return try WAVAnalysis.analyze(path: path, parameters: parameters).segments
  }

  @Test func defaultThresholdFindsOnlyTheLouderBurst() throws {
    // 0.5: 15 dB needed. The −48 dBFS burst is 12.3 dB over the floor: not speech. The −40 dBFS
    // burst is 20 dB over it and above the −50 dBFS gate: 1.8–2.3 s, committed at 2.5.
    #expect(
      try segments(threshold: 0.5) == [
        SpeechSegment(start: 1_800_000, end: 2_300_000, prefixPadding: 300_000, committedAt: 2_500_000)
      ])
  }

  @Test func lowerThresholdFindsBoth() throws {
    // 0.3: 9 dB over the floor and −58 dBFS: both bursts.
    #expect(
      try segments(threshold: 0.3) == [
        SpeechSegment(start: 500_000, end: 1_000_000, prefixPadding: 300_000, committedAt: 1_200_000),
        SpeechSegment(start: 1_800_000, end: 2_300_000, prefixPadding: 300_000, committedAt: 2_500_000),
      ])
  }

  @Test func higherThresholdFindsNeither() throws {
    // 0.8: 24 dB over the floor and −38 dBFS: the −40 dBFS burst fails both.
    #expect(try segments(threshold: 0.8).isEmpty)
  }

  @Test func outOfRangeSettingsAreRefused() {
    #expect(throws: VADParameterError.threshold(1.5)) {
      try VADParameters(threshold: 1.5, prefixPaddingMs: 300, silenceDurationMs: 200)
    }
    #expect(throws: VADParameterError.threshold(-0.1)) {
      try VADParameters(threshold: -0.1, prefixPaddingMs: 300, silenceDurationMs: 200)
    }
    #expect(throws: VADParameterError.prefixPadding(-1)) {
      try VADParameters(threshold: 0.5, prefixPaddingMs: -1, silenceDurationMs: 200)
    }
    #expect(throws: VADParameterError.silenceDuration(0)) {
      try VADParameters(threshold: 0.5, prefixPaddingMs: 300, silenceDurationMs: 0)
    }
    #expect(VADParameterError.threshold(1.5).description == "threshold 1.5 is outside 0…1")
    let nan = #expect(throws: VADParameterError.self) {
      try VADParameters(threshold: .nan, prefixPaddingMs: 300, silenceDurationMs: 200)
    }
    #expect(nan != nil)
  }

  @Test func defaultsAreTheRealSessionsAndTheDocumentedOnes() {
    #expect(VADParameters.serverDefault.silenceDurationMs == 200)
    #expect(VADParameters.documented.silenceDurationMs == 500)
    #expect(VADParameters.serverDefault.prefixPaddingMs == 300)
    #expect(VADParameters.serverDefault.threshold == 0.5)
  }
}
