import Billing
import Foundation
import RealtimeEvents
import Simulation
import TestSupport
import Testing

@testable import RTCostCLI

enum ResimulateRealData {
  /// `../shared/realdata` beside the package root, or /work/shared/realdata; nil when absent.
  static let folder: URL? = {
    let candidates = [
      TestPaths.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/realdata"),
      URL(fileURLWithPath: "/work/shared/realdata"),
    ]
    return candidates.first { FileManager.default.fileExists(atPath: $0.path) }
  }()

  static func file(_ relative: String) -> String? {
    guard let path = folder?.appendingPathComponent(relative).path,
      FileManager.default.fileExists(atPath: path)
    else { return nil }
    return path
  }

  static let banyan = file("streams/banyan-log1.server-events.jsonl")
}

@Suite struct ResimulateTests {
  func temporaryFile(_ text: String) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "resim-\(UUID().uuidString).jsonl")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  /// A hand-made two-turn recording: the second response's input is predicted from the first.
  ///
  /// Prompt fitted so response 1's text input (900) matches: items before it are one committed
  /// user audio of 1,000 ms (special 4 text + 10 audio tokens), so prompt = 900 − 4 = 896.
  /// Response 1 outputs 40 audio tokens (2 s) and 10 text; its item adds 4 + 10 text, 40 audio.
  /// Turn 2 commits 500 ms: 4 text + 5 audio. Response 2 predicted input: text 896 + 4 + 14 + 4 =
  /// 918, audio 10 + 40 + 5 = 55; cached = ⌊(900 + 10) / 64⌋ · 64 = 896, all text (the prompt
  /// leads). So predicted text_in 22, text_in_cached 896, audio_in 55, audio_in_cached 0.
  @Test func handMadeRecordingPredictsTheSecondResponse() async throws {
    func done(_ text: Int, _ cachedText: Int, _ audio: Int, _ cachedAudio: Int, outText: Int, outAudio: Int)
      -> String
    {
      let input = text + audio
      return """
        {"type":"response.done","response":{"status":"completed","usage":{"total_tokens":\(input + outText + outAudio),"input_tokens":\(input),"output_tokens":\(outText + outAudio),"input_token_details":{"text_tokens":\(text),"audio_tokens":\(audio),"cached_tokens":\(cachedText + cachedAudio),"cached_tokens_details":{"text_tokens":\(cachedText),"audio_tokens":\(cachedAudio)}},"output_token_details":{"text_tokens":\(outText),"audio_tokens":\(outAudio)}}}}
        """
    }
    let lines = [
      #"{"type":"session.created","session":{"model":"gpt-realtime"}}"#,
      #"{"type":"input_audio_buffer.speech_started","audio_start_ms":1000}"#,
      #"{"type":"input_audio_buffer.speech_stopped","audio_end_ms":2000}"#,
      #"{"type":"input_audio_buffer.committed"}"#,
      #"{"type":"conversation.item.created","item":{"type":"message","role":"user"}}"#,
      #"{"type":"response.created","response":{}}"#,
      done(900, 0, 10, 0, outText: 10, outAudio: 40),
      #"{"type":"input_audio_buffer.speech_started","audio_start_ms":5000}"#,
      #"{"type":"input_audio_buffer.speech_stopped","audio_end_ms":5500}"#,
      #"{"type":"input_audio_buffer.committed"}"#,
      #"{"type":"response.created","response":{}}"#,
      done(920, 896, 55, 0, outText: 5, outAudio: 20),
    ]
    let path = try temporaryFile(lines.joined(separator: "\n") + "\n")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let trace = try Calibration.extract(path: path)
    // Before the calibration (exact prefix, 4 special tokens per item): the arithmetic above.
    let result = Calibration.run(trace, parameters: .beforeCalibration)
    #expect(result.promptTokens == 896)
    #expect(result.rows.count == 2)
    var expected = TokenCounts.zero
    expected.textIn = 22
    expected.textInCached = 896
    expected.audioIn = 55
    expected.audioOut = 20
    expected.textOut = 5
    #expect(result.rows[1].predicted == expected)
    // Recorded text_in = 920 − 896 = 24 vs 22 predicted: error 2; everything else matches.
    #expect(result.absoluteError == 2)
    // Calibrated (7 special tokens per item): prompt = 900 − 7 = 893. R1 is a session's first
    // response: the prompt (893 → 832) is warm from other sessions with probability 1/2, so its
    // expectation is 416 cached: error 416 (text_in 484 vs 900) + 416 (cached) = 832. R2's input:
    // text 893 + 7 + (7 + 10) + 7 = 924, audio 10 + 40 + 5 = 55; a hit serves max(910 − 64, 893) = 893
    // → 832: text_in 92 (recorded 24), cached 832 (recorded 896): error 68 + 64 = 132.
    let calibrated = Calibration.run(trace)
    #expect(calibrated.promptTokens == 893)
    expected.textIn = 92
    expected.textInCached = 832
    #expect(calibrated.rows[1].predicted == expected)
    #expect(calibrated.absoluteError == 832 + 132)
    let json = try ResimulateReport.render(path: path, model: nil, priceBook: .bundled, format: .json)
    #expect(json.contains("\"abs_error_tokens\": 964"))
    #expect(json.contains("\"before_calibration\": {"))
    #expect(json.contains("\"abs_error_tokens\": 2,"))
  }

  @Test func errorsNameTheFileAndLine() async throws {
    // A commit no speech_stopped sized (push-to-talk) is accepted: it commits what was appended
    // since the last commit, or 1 s when the log shows no appends.
    let noStop = try temporaryFile(
      #"{"type":"session.created","session":{"model":"gpt-realtime"}}"# + "\n"
        + #"{"type":"input_audio_buffer.committed"}"# + "\n")
    defer { try? FileManager.default.removeItem(atPath: noStop) }
    #expect(
      try ResimulateReport.render(path: noStop, model: nil, priceBook: .bundled, format: .table)
        .contains("re-simulated"))
    let noMs = try temporaryFile(#"{"type":"input_audio_buffer.speech_started"}"# + "\n")
    defer { try? FileManager.default.removeItem(atPath: noMs) }
    #expect {
      try ResimulateReport.render(path: noMs, model: "gpt-realtime", priceBook: .bundled, format: .table)
    } throws: { error in
      String(describing: error).contains("speech_started without audio_start_ms in a bare recording")
    }
    let noModel = try temporaryFile(#"{"type":"response.created","response":{}}"# + "\n")
    defer { try? FileManager.default.removeItem(atPath: noModel) }
    #expect {
      try ResimulateReport.render(path: noModel, model: nil, priceBook: .bundled, format: .json)
    } throws: { error in
      String(describing: error).contains("--model")
    }
    #expect(throws: (any Error).self) {
      try ResimulateReport.render(path: "/no/such/file.jsonl", model: nil, priceBook: .bundled, format: .json)
    }
  }

  @Test(.enabled(if: ResimulateRealData.banyan != nil)) func banyanModelErrorIsPinned() async throws {
    let path = ResimulateRealData.banyan!
    let trace = try Calibration.extract(path: path)
    let result = Calibration.run(trace, parameters: .beforeCalibration)
    let table = try ResimulateReport.render(path: path, model: nil, priceBook: .bundled, format: .table)
    #expect(table.contains("11931 (120.5%)"))
    #expect(result.trace.timed == false)
    // 12 responses: 8 billed, 4 cancelled before generating anything (all-zero usage, not compared).
    #expect(result.rows.count == 8)
    #expect(result.trace.unbilledLines.count == 4)
    #expect(result.promptTokens == 849)
    #expect(result.recordedInput == 9_898)
    #expect(result.predictedInput == 10_001)
    // Before the calibration (docs/simulation.md): 11,931 tokens over the 8 billed responses,
    // 120.5 % of the recorded input, mostly cached-versus-uncached.
    #expect(result.absoluteError == 11_931)
    // Cached and uncached together, the context's size is close: the error is the cache split.
    // Per billed response |Δtext| + |Δaudio| (from the table): 0 + (17+1) + (15+2) + (9+4) + (6+9)
    // + (11+11) + (1+13) + (9+15) = 123 tokens, 1.2 % of 9,898.
    #expect(result.sizeError == 123)
    // Calibrated: the size error falls to 76, the token error to 6,004 (a probabilistic rule
    // predicts its expectation), and the cost error from −33.0 % to −0.5 %.
    let calibrated = Calibration.run(trace)
    #expect(calibrated.promptTokens == 846)
    #expect(calibrated.sizeError == 76)
    #expect(calibrated.absoluteError == 6_004)
    #expect(table.contains("$0.177865    $0.11924      -33.0%"))
    #expect(table.contains("$0.177865  $0.1769075       -0.5%"))
    let json = try ResimulateReport.render(path: path, model: nil, priceBook: .bundled, format: .json)
    #expect(json.contains("\"relative_error\": 1.2054"))
    #expect(json.contains("\"cost_error_percent\": -0.54"))
  }
}

/// `rtcost replay --resimulate` through the built binary.
@Suite struct ReplayResimulateCommandTests {
  @Test(.enabled(if: ResimulateRealData.banyan != nil)) func theFlagRunsTheCalibration() async throws {
    let result = await CommandRunner.run([
      "replay", "--resimulate", ResimulateRealData.banyan!, "--format", "json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("\"model\": \"gpt-4o-realtime-preview-2024-12-17\""))
    let again = await CommandRunner.run([
      "replay", "--resimulate", ResimulateRealData.banyan!, "--format", "json",
    ])
    #expect(again.stdout == result.stdout)
  }

  @Test(.enabled(if: ResimulateRealData.banyan != nil)) func fitCacheRefitsTheDefaultsFromBothCaptures()
    async throws
  {
    let log2 = ResimulateRealData.file("streams/banyan-log2.server-events.jsonl")!
    let result = await CommandRunner.run([
      "replay", "--resimulate", "--fit-cache", ResimulateRealData.banyan!, log2,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout.contains(
        "after a barge-in: 5 of 7 responses missed; prompt warm from other sessions: 1 of 2"))
    #expect(result.stdout.contains("  cache_miss_after_barge_in: 0.7142857142857143\n"))
    #expect(result.stdout.contains("  special_tokens_per_item: 7\n"))
    let json = await CommandRunner.run([
      "replay", "--resimulate", "--fit-cache", ResimulateRealData.banyan!, log2, "--format", "json",
    ])
    #expect(json.stdout.contains("\"mismatches\": 0"))
  }

  @Test func fitCacheNeedsResimulate() async throws {
    let result = await CommandRunner.run([
      "replay", "--fit-cache", "fixtures/recordings/ga-timed-pcm16.jsonl",
    ])
    #expect(result.status != 0)
    #expect(result.stderr.contains("--fit-cache needs --resimulate"))
  }

  @Test func csvIsRefused() async throws {
    let result = await CommandRunner.run([
      "replay", "--resimulate", "fixtures/recordings/ga-timed-pcm16.jsonl", "--format", "csv",
    ])
    #expect(result.status != 0)
    #expect(result.stderr.contains("--resimulate writes table or json, not csv"))
  }
}
