import AudioIO
import TestSupport
import Testing

/// The VAD emulation on the generated fixtures: exact segments, worked out from the fixture recipes.
///
/// Every sound in the fixtures starts and ends on a 20 ms frame boundary and sits at least 20 dB
/// above the gate and the noise floor (or, for the threshold fixture, a known distance from them),
/// so the frame decisions and hence the segment times are exact.
@Suite struct VADFixtureTests {
  private func analyze(_ name: String, _ parameters: VADParameters = .serverDefault) throws -> WAVAnalysis {
    try WAVAnalysis.analyze(
      path: TestPaths.wavFixtures.appendingPathComponent(name).path, parameters: parameters)
  }

  private func segment(_ start: Int64, _ end: Int64, prefix: Int64, committed: Int64?) -> SpeechSegment {
    SpeechSegment(
      start: start * 1000, end: end * 1000, prefixPadding: prefix * 1000,
      committedAt: committed.map { $0 * 1000 })
  }

  @Test(arguments: ["silence-dither-24k.wav", "digital-silence-8k.wav", "noise-low-8k.wav"])
  func nothingInSilenceOrLowSteadyNoise(name: String) throws {
    let analysis = try analyze(name)
    #expect(analysis.segments.isEmpty)
    #expect(analysis.committedAudioTokens == 0)
    // Nor with the documented 500 ms of silence.
    #expect(try analyze(name, .documented).segments.isEmpty)
  }

  @Test func toneBursts() throws {
    // Tones at 0.5–1.0 s and 1.6–2.0 s. 200 ms of silence commits each at 1.2 s and 2.2 s.
    // Prefix: 0.3 s each (0.5 − 0 and 1.6 − 1.2 are both ≥ 0.3).
    // Tokens: (0.5 + 0.3) s → 8 and (0.4 + 0.3) s → 7; 15 in all.
    let analysis = try analyze("tone-bursts-24k.wav")
    #expect(
      analysis.segments == [
        segment(500, 1000, prefix: 300, committed: 1200), segment(1600, 2000, prefix: 300, committed: 2200),
      ])
    #expect(analysis.segments.map(\.audioTokens) == [8, 7])
    #expect(analysis.committedAudioTokens == 15)
  }

  @Test func speechLikeBurstsWithTheRealSessionsSilence() throws {
    // Bursts A 0.4–1.2, B 1.5–2.1, C 2.8–3.2 s over −55 dBFS noise; silence 200 ms.
    // A commits at 1.4; B's prefix is only 1.5 − 1.4 = 0.1 s (the buffer was committed at 1.4);
    // B commits at 2.3; C's prefix 0.3 (2.8 − 2.3 = 0.5 ≥ 0.3) and commits at 3.4.
    // Tokens: (0.8 + 0.3) → 11, (0.6 + 0.1) → 7, (0.4 + 0.3) → 7; 25 in all.
    let analysis = try analyze("speech-like-8k.wav")
    #expect(
      analysis.segments == [
        segment(400, 1200, prefix: 300, committed: 1400), segment(1500, 2100, prefix: 100, committed: 2300),
        segment(2800, 3200, prefix: 300, committed: 3400),
      ])
    #expect(analysis.committedAudioTokens == 25)
  }

  @Test func speechLikeBurstsWithTheDocumentedSilence() throws {
    // Silence 500 ms: the 0.3 s gap between A and B no longer ends a turn, so A+B is one turn
    // 0.4–2.1 s committed at 2.6; C (gap 0.7 s) commits at 3.7 with prefix 2.8 − 2.6 = 0.2 s.
    // Tokens: (1.7 + 0.3) → 20, (0.4 + 0.2) → 6; 26 in all.
    let analysis = try analyze("speech-like-8k.wav", .documented)
    #expect(
      analysis.segments == [
        segment(400, 2100, prefix: 300, committed: 2600), segment(2800, 3200, prefix: 200, committed: 3700),
      ])
    #expect(analysis.committedAudioTokens == 26)
  }

  @Test func stereoWithSpeechInOneChannel() throws {
    // Left channel only, −20 dBFS → −26 dBFS after averaging with the (−70 dBFS) right channel:
    // still far above the gate. 0.3–1.1 s, committed at 1.3, prefix 0.3: (0.8 + 0.3) s → 11 tokens.
    let analysis = try analyze("speech-like-left-stereo-16k.wav")
    #expect(analysis.format.channels == 2)
    #expect(analysis.segments == [segment(300, 1100, prefix: 300, committed: 1300)])
    #expect(analysis.committedAudioTokens == 11)
  }

  @Test func prefixPaddingIsLimitedByTheStartOfTheAudio() throws {
    // Tone 0.2–0.6 s in a WAVE_FORMAT_EXTENSIBLE file: only 0.2 s of audio precede it.
    // (0.4 + 0.2) s → 6 tokens.
    let analysis = try analyze("tone-extensible-16k.wav")
    #expect(analysis.segments == [segment(200, 600, prefix: 200, committed: 800)])
    #expect(analysis.committedAudioTokens == 6)
  }

  @Test func truncatedFileIsAnalysedOverTheFramesPresent() throws {
    // Tone 0.1–0.3 s; the file holds 0.5 s. Committed at 0.5 s, exactly at the end of the audio.
    let analysis = try analyze("truncated-data-8k.wav")
    #expect(analysis.durationMicros == 500_000)
    #expect(analysis.segments == [segment(100, 300, prefix: 100, committed: 500)])
  }

  @Test func aSegmentOpenAtTheEndIsPendingAndNotBilled() throws {
    // With 500 ms of silence the same truncated file ends 0.2 s after the tone: not committed.
    let analysis = try analyze("truncated-data-8k.wav", .documented)
    #expect(analysis.segments == [segment(100, 300, prefix: 100, committed: nil)])
    #expect(analysis.committedAudioTokens == 0)
    #expect(analysis.pendingAudioTokens == 3)  // (0.2 + 0.1) s → 3
  }

  @Test func segmentsAreTheSameWhateverTheBlockSize() throws {
    let path = TestPaths.wavFixtures.appendingPathComponent("speech-like-8k.wav").path
    let whole = try WAVAnalysis.analyze(path: path, blockFrames: 40_000)
    let tiny = try WAVAnalysis.analyze(path: path, blockFrames: 13)
    #expect(whole.segments == tiny.segments)
    #expect(whole.segments.count == 3)
  }

  @Test func theSegmenterCanBeDrivenDirectly() throws {
    // The pure state machine, fed block by block: the same three segments, and 90 speech frames
    // ((0.8 + 0.6 + 0.4) s / 20 ms) out of 200 (4 s).
    let reader = try WAVReader(path: TestPaths.wavFixtures.appendingPathComponent("speech-like-8k.wav").path)
    var segmenter = SpeechSegmenter(sampleRate: reader.format.sampleRate)
    var block: [Int16] = []
    var segments: [SpeechSegment] = []
    while try reader.read(into: &block) > 0 { segments += segmenter.push(block[...]) }
    segments += segmenter.finish()
    #expect(segments.map(\.start) == [400_000, 1_500_000, 2_800_000])
    #expect(segmenter.activeFrames == 90)
    #expect(segmenter.framesDecided == 200)
    #expect(segmenter.windowCapacity == 231)
  }
}
