import AudioIO
import Foundation
import TestSupport
import Testing

/// The real WAV files of `../shared/realdata` (skipped when the folder is absent).
@Suite(.enabled(if: TestPaths.realData != nil, "needs ../shared/realdata"))
struct RealDataWAVTests {
  /// The frame count a WAV header implies, computed here without the module's code: walk the RIFF
  /// chunks to `fmt ` (block align) and `data` (offset, claimed size), then take the bytes present.
  static func expectedFrames(_ url: URL) throws -> (frames: Int64, sampleRate: Int64) {
    let bytes = [UInt8](try Data(contentsOf: url))
    func u32(_ i: Int) -> Int64 { (0..<4).reduce(0) { $0 | Int64(bytes[i + $1]) << (8 * $1) } }
    func u16(_ i: Int) -> Int64 { Int64(bytes[i]) | Int64(bytes[i + 1]) << 8 }
    var offset = 12
    var blockAlign: Int64 = 0
    var rate: Int64 = 0
    while offset + 8 <= bytes.count {
      let id = String(decoding: bytes[offset..<offset + 4], as: UTF8.self)
      let size = u32(offset + 4)
      if id == "fmt " {
        rate = u32(offset + 12)
        blockAlign = u16(offset + 20)
      }
      if id == "data" {
        let present = min(size, Int64(bytes.count - offset - 8))
        return (present / blockAlign, rate)
      }
      offset += 8 + Int(size) + Int(size & 1)
    }
    throw AudioError(path: url.path, reason: "test parser found no data chunk")
  }

  /// Files that are speech; the rest of the folder is tones (ding, DTMF) and a 100-frame sine.
  static let speechFiles: Set<String> = [
    "ggerganov__whisper.cpp__samples__jfk.wav",
    "livekit__agents__tests__test_realtime__hello_world.wav",
    "livekit__agents__tests__test_realtime__weather_question.wav",
    "pipecat-ai__pipecat__examples__foundational__assets__pre-recorded.wav",
    "speechbrain__speechbrain__tests__samples__ASR__spk1_snt1.wav",
    "speechbrain__speechbrain__tests__samples__ASR__spk2_snt1.wav",
    "speechbrain__speechbrain__tests__samples__TTS__LJ050-0131.wav",
    "speechbrain__speechbrain__tests__samples__single-mic__example1.wav",
    "speechbrain__speechbrain__tests__samples__stereo__spk1_and_2_snt5.wav",
  ]

  @Test func everyFileIsReadToTheFrameAndSpeechIsFound() throws {
    let files = TestPaths.realDataFiles("wav")
    #expect(files.count == 12)
    for url in files {
      let name = url.lastPathComponent
      let expected = try RealDataWAVTests.expectedFrames(url)
      let analysis = try WAVAnalysis.analyze(path: url.path)
      #expect(analysis.frames == expected.frames, "\(name)")
      #expect(Int64(analysis.format.sampleRate) == expected.sampleRate, "\(name)")
      #expect(analysis.durationMicros == expected.frames * 1_000_000 / expected.sampleRate, "\(name)")
      #expect(analysis.format.encoding == .pcm(bits: 16), "\(name)")
      #expect(analysis.warnings.isEmpty, "\(name): \(analysis.warnings)")
      if RealDataWAVTests.speechFiles.contains(name) {
        // Speech found: at least one segment, and together they cover over half of the file.
        let speech = analysis.segments.reduce(0) { $0 + $1.speechMicros }
        #expect(!analysis.segments.isEmpty, "\(name): no speech found")
        #expect(speech * 2 > analysis.durationMicros, "\(name): only \(speech) µs of speech")
      }
    }
  }

  @Test func knownDurations() throws {
    // Durations from the data chunk sizes: jfk 352,000 bytes / 2 = 176,000 frames at 16 kHz = 11 s;
    // hello_world 49,520 / 2 = 24,760 frames at 24 kHz = 1.031666 s; the stereo 16 kHz file
    // 166,400 / 4 = 41,600 frames = 2.6 s; the WAV.jl file 400 / 4 = 100 frames at 48 kHz.
    let cases: [(String, Int64, Int64)] = [
      ("ggerganov__whisper.cpp__samples__jfk.wav", 176_000, 11_000_000),
      ("livekit__agents__tests__test_realtime__hello_world.wav", 24_760, 1_031_666),
      ("speechbrain__speechbrain__tests__samples__stereo__spk1_and_2_snt5.wav", 41_600, 2_600_000),
      ("ssfrr__WAV.jl__test__audio__48000_stereo_pcm16.wav", 100, 2_083),
    ]
    for (name, frames, micros) in cases {
      let analysis = try WAVAnalysis.analyze(
        path: TestPaths.realData!.appendingPathComponent("wav/\(name)").path)
      #expect(analysis.frames == frames, "\(name)")
      #expect(analysis.durationMicros == micros, "\(name)")
    }
  }

  @Test func jfkSegmentsFollowTheSentence() throws {
    // "And so my fellow Americans … ask … not … what your country can do for you … ask what you can
    // do for your country": five phrases separated by pauses of 0.4 s or more, then a click at the
    // very end that is still open when the file stops (pending). Pinned from the frame levels.
    let path = TestPaths.realData!.appendingPathComponent("wav/ggerganov__whisper.cpp__samples__jfk.wav").path
    let analysis = try WAVAnalysis.analyze(path: path)
    let spans = analysis.segments.map { [$0.start, $0.end, $0.committedAt ?? -1] }
    #expect(
      spans == [
        [320_000, 2_120_000, 2_320_000], [3_280_000, 3_660_000, 3_860_000],
        [4_020_000, 4_280_000, 4_480_000],
        [5_420_000, 7_500_000, 7_700_000], [8_200_000, 10_180_000, 10_380_000], [10_960_000, 11_000_000, -1],
      ])
    // Tokens: (1.80 + 0.30) s → 21; 0.38 + 0.30 → 7 (0.68 s rounds up); 0.26 + 0.16 (only 0.16 s since
    // the commit at 3.86) → 5; 2.08 + 0.30 → 24; 1.98 + 0.30 → 23 (2.28 s rounds up). 21+7+5+24+23 = 80.
    #expect(analysis.committedAudioTokens == 80)
    #expect(analysis.pendingAudioTokens == 4)  // 0.04 + 0.30 s → 4
  }

  @Test func tonesAreDetectedLikeSpeechAKnownLimit() throws {
    // An energy detector cannot tell a tone from a voice: the DTMF digit (0–0.3 s) is one segment.
    let path = TestPaths.realData!.appendingPathComponent(
      "wav/pipecat-ai__pipecat__src__pipecat__audio__dtmf__dtmf-1.wav"
    ).path
    let analysis = try WAVAnalysis.analyze(path: path)
    #expect(
      analysis.segments == [SpeechSegment(start: 0, end: 300_000, prefixPadding: 0, committedAt: 500_000)])
  }

  /// Every file of `wav-invalid/` and the start of its refusal.
  static let refusals: [String: String] = [
    "ruuda__hound__testsamples__fuzz__crash-24728523ef4be15c838293b676f6853e73723bf4.wav":
      "truncated WAV: the fmt chunk declares 655360 bytes but the file ends after 37 bytes",
    "ruuda__hound__testsamples__fuzz__crash-e879de4eb4d206c59e21f0e01def16457af80fdc.wav":
      "truncated WAV: the file ends after 45 bytes without a fmt chunk",
    "ruuda__hound__testsamples__fuzz__oom-48ae4cd061ff8578ad3f23dc87624bd365cf5216.wav":
      "malformed WAV: chunk \"oooo\" at byte 12 declares 2974173522 bytes but the file ends after 22 bytes",
    "ruuda__hound__testsamples__waveformatex-ieeefloat-44100Hz-mono.wav":
      "WAV with 32-bit float samples; rtcost reads 16-bit PCM WAV only",
    "ruuda__hound__testsamples__waveformatextensible-24bit-192kHz-mono.wav":
      "WAV (WAVE_FORMAT_EXTENSIBLE) with 24-bit PCM samples; rtcost reads 16-bit PCM WAV only",
    "ssfrr__WAV.jl__test__audio__48000_stereo_alaw.wav": "WAV with G.711 A-law samples",
    "ssfrr__WAV.jl__test__audio__48000_stereo_float32.wav": "WAV with 32-bit float samples",
    "ssfrr__WAV.jl__test__audio__48000_stereo_pcm24.wav":
      "WAV (WAVE_FORMAT_EXTENSIBLE) with 24-bit PCM samples",
    "ssfrr__WAV.jl__test__audio__48000_stereo_pcm8.wav": "WAV with 8-bit PCM samples",
    "ssfrr__WAV.jl__test__audio__48000_stereo_ulaw.wav": "WAV with G.711 μ-law samples",
    // Trailing garbage after a μ-law WAV: refused for its encoding.
    "ssfrr__WAV.jl__test__audio__Ptjunk.wav": "WAV with G.711 μ-law samples",
  ]

  @Test func everyInvalidFileIsRefusedWithItsFormatNamed() throws {
    let files = TestPaths.realDataFiles("wav-invalid")
    #expect(files.count == RealDataWAVTests.refusals.count)
    for url in files {
      let name = url.lastPathComponent
      let expected = try #require(RealDataWAVTests.refusals[name], "no expectation for \(name)")
      let error = #expect(throws: AudioError.self, "\(name)") { try WAVAnalysis.analyze(path: url.path) }
      #expect(error?.reason.hasPrefix(expected) == true, "\(name): \(error?.reason ?? "accepted")")
    }
  }
}
