import Billing
import TestSupport
import Testing

@testable import RealtimeEvents

/// Every fixture of fixtures/recordings reads to the numbers worked out in its README.
@Suite("Fixture recordings")
struct FixtureTests {
  @Test("ga-timed-pcm16: GA names, timed, pcm16, two responses, one unknown type")
  func gaTimedPCM16() throws {
    let r = try ReadResult(path: TestPaths.fixture("ga-timed-pcm16.jsonl"))
    #expect(
      r.header
        == RecordingHeader(
          model: "gpt-realtime", startedAt: "2026-11-20T09:00:00Z",
          note: "GA names, timed, pcm16 audio both ways, two responses, one unknown type"))
    #expect(r.style == .timed)
    // 1 session + 20 appends + 4 turn events + 2 created + 2 rate limits + 10 deltas + 1 audio.done
    // + 2 done + item.create + response.create + 1 unknown = 45 events on 46 lines.
    #expect(r.events.count == 45)
    #expect(r.stats.lines == 46)
    #expect(r.stats.fastPathEvents == 34)  // 20 appends, 10 deltas, 3 speech/commit, 1 audio.done
    #expect(r.stats.unknownEvents == 1)
    #expect(r.summary.unknownEvents == 1)
    #expect(r.summary.eventCounts["response.future_feature"] == 1)
    #expect(r.summary.eventCounts["input_audio_buffer.append"] == 20)
    #expect(r.summary.eventCounts["response.output_audio.delta"] == 10)
    #expect(r.summary.eventCounts["response.output_audio.done"] == 1)
    #expect(r.summary.model == "gpt-realtime-2025-08-28")
    #expect(r.summary.session.inputAudioFormat == .pcm16)
    #expect(r.summary.session.turnDetection?.silenceDurationMs == 200)
    #expect(r.summary.session.instructionsCharacters == 28)
    #expect(r.summary.session.toolCount == 0)
    // Audio in: 20 × 4,800 B = 96,000 B = 2.0 s; out: 5 × 9,600 + 5 × 4,800 = 72,000 B = 1.5 s.
    #expect(r.summary.audioIn.pcm16Bytes == 96_000)
    #expect(r.summary.audioIn.micros(.pcm16) == 2_000_000)
    #expect(r.summary.audioOut.pcm16Bytes == 72_000)
    #expect(r.summary.audioOut.micros(.pcm16) == 1_500_000)
    #expect(r.summary.responsesByStatus == [.completed: 2])
    #expect(r.summary.duration == 6_000_000)
    // Gaps: 0.3, 0.9, 0.1, 0.3, 3.4, 0.1, 0.4 and the trailing 0.5 s; longest 3.4 s from 1.6 s.
    let gaps = try #require(r.summary.idleGaps)
    #expect(gaps.count == 8)
    #expect(gaps.longest == 3_400_000)
    #expect(gaps.longestStart == 1_600_000)
    #expect(gaps.histogram == [7, 1, 0, 0, 0, 0, 0, 0, 0])
    #expect(gaps.total == 6_000_000)

    let (tokens, costs) = try r.priced(model: "gpt-realtime-2025-08-28")
    // R1 1110/20 in, 30/20 out; R2 text 1150 (1024 cached), audio 80 (64 cached), 20/10 out.
    #expect(
      tokens
        == tokenCounts(
          textIn: 1236, textInCached: 1024, audioIn: 36, audioInCached: 64, textOut: 50, audioOut: 30)
    )
    // R1: 1110×4 + 20×32 + 30×16 + 20×64 = 6,840 µ$.
    // R2: 126×4 + 1024×0.40 + 16×32 + 64×0.40 + 20×16 + 10×64 = 2,411.2 µ$.
    #expect(costs.total == Money(picoUSD: 9_251_200_000))
    #expect(costs.textInCached == Money(picoUSD: 409_600_000))
  }

  @Test("beta-bare-g711: beta names, bare, G.711 μ-law, old usage schema")
  func betaBareG711() throws {
    let r = try ReadResult(path: TestPaths.fixture("beta-bare-g711.jsonl"))
    #expect(r.header == nil)
    #expect(r.style == .bare)
    #expect(r.events.count == 26)
    #expect(r.events.allSatisfy { $0.time == nil })
    #expect(r.events[2].direction == .client)  // an append, direction inferred from the type
    #expect(r.events[25].direction == .server)
    #expect(r.summary.isTimed == false)
    #expect(r.summary.idleGaps == nil)
    #expect(r.summary.duration == nil)
    #expect(r.summary.session.inputAudioFormat == .g711Ulaw)
    #expect(r.summary.session.toolCount == 2)
    #expect(r.summary.session.instructionsCharacters == 9)
    #expect(r.stats.eventsByWireType["response.audio.delta"] == 4)
    #expect(r.stats.eventsByWireType["response.audio_transcript.delta"] == 2)
    #expect(r.summary.eventCounts["response.output_text.delta"] == 2)
    // In: 10 × 800 B μ-law = 8,000 B = 1.0 s; out: 4 × 1,600 B = 6,400 B = 0.8 s.
    #expect(r.summary.audioIn.g711UlawBytes == 8_000)
    #expect(r.summary.audioIn.micros(.g711Ulaw) == 1_000_000)
    #expect(r.summary.audioOut.micros(.g711Ulaw) == 800_000)
    #expect(r.summary.audioOut.pcm16Bytes == 0)

    let card = try PriceBook.bundled.card(for: "gpt-4o-realtime-preview-2024-12-17")
    let priced = try card.price(try #require(r.usages.first))
    // cached_tokens 64 without details: attributed to text first.
    #expect(
      priced.tokens == tokenCounts(textIn: 136, textInCached: 64, audioIn: 10, textOut: 12, audioOut: 16))
    #expect(priced.warnings.contains(.cachedSplitAssumed(cached: 64, text: 64, audio: 0, image: 0)))
    // 136×5 + 64×2.50 + 10×40 + 12×20 + 16×80 = 680 + 160 + 400 + 240 + 1,280 = 2,760 µ$.
    #expect(priced.total == microUSD(2_760))
  }

  @Test("function-call: a GA round trip, tool output sent back, second response cached")
  func functionCall() throws {
    let r = try ReadResult(path: TestPaths.fixture("function-call.jsonl"))
    #expect(r.header?.model == nil)
    #expect(r.summary.model == "gpt-realtime-mini-2025-10-06")
    #expect(r.summary.session.toolCount == 1)
    #expect(r.summary.functionCalls == 1)
    #expect(r.summary.responsesByStatus == [.completed: 2])
    let calls = r.events.compactMap {
      if case .functionCallArgumentsDone(let id, let name) = $0.event { (id, name) } else { nil }
    }
    #expect(calls.count == 1 && calls[0] == ("call_1", "get_weather_0"))
    let creates = r.events.compactMap {
      if case .conversationItemCreate(let info) = $0.event { info } else { nil }
    }
    #expect(creates == [ConversationItemInfo(type: .functionCallOutput)])
    #expect(r.events.first { $0.event == .responseCreate }?.direction == .client)
    // 4 × 12,000 B = 48,000 B = 1.0 s of pcm16.
    #expect(r.summary.audioOut.micros(.pcm16) == 1_000_000)
    let (tokens, costs) = try r.priced(model: "gpt-realtime-mini-2025-10-06")
    #expect(tokens == tokenCounts(textIn: 384, textInCached: 256, audioIn: 30, textOut: 43, audioOut: 20))
    // R1: 300×0.60 + 15×10 + 25×2.40 = 180 + 150 + 60 = 390 µ$.
    // R2: 84×0.60 + 256×0.06 + 15×10 + 18×2.40 + 20×20 = 50.4 + 15.36 + 150 + 43.2 + 400 = 658.96 µ$.
    #expect(costs.total == Money(picoUSD: 1_048_960_000))
  }

  @Test("barge-in: a cancelled response is still billed; another carries all-zero usage")
  func bargeIn() throws {
    let r = try ReadResult(path: TestPaths.fixture("barge-in.jsonl"))
    #expect(r.summary.responsesByStatus == [.cancelled: 2, .completed: 1])
    #expect(r.summary.cancelledWithUsage == 1)
    let reasons = r.events.compactMap { if case .responseDone(let d) = $0.event { d.reason } else { nil } }
    #expect(reasons == ["turn_detected", "turn_detected"])
    #expect(r.summary.eventCounts["conversation.item.truncate"] == 1)
    #expect(r.summary.eventCounts["conversation.item.added"] == 3)
    // 4 deltas × 4,800 B = 19,200 B = 0.4 s.
    #expect(r.summary.audioOut.micros(.pcm16) == 400_000)
    let (tokens, costs) = try r.priced(model: "gpt-4o-realtime-preview-2024-12-17")
    #expect(tokens == tokenCounts(textIn: 528, textInCached: 512, audioIn: 80, textOut: 18, audioOut: 8))
    // R1 cancelled: 500×5 + 20×40 + 10×20 + 4×80 = 2,500 + 800 + 200 + 320 = 3,820 µ$; R2 $0;
    // R3: 28×5 + 512×2.50 + 60×40 + 8×20 + 4×80 = 140 + 1,280 + 2,400 + 160 + 320 = 4,300 µ$.
    #expect(costs.total == microUSD(8_120))
  }

  @Test("transcription: whisper-1 by duration, gpt-4o-transcribe by tokens, G.711 in")
  func transcription() throws {
    let r = try ReadResult(path: TestPaths.fixture("transcription.jsonl"))
    #expect(r.style == .bare)
    #expect(r.summary.transcriptions == 3)
    #expect(r.summary.transcriptionsWithUsage == 2)
    #expect(r.summary.eventCounts["conversation.item.input_audio_transcription.failed"] == 1)
    #expect(r.summary.session.transcriptionModel == "gpt-4o-transcribe")
    #expect(r.summary.sessionEvents == 3)
    // 5 × 8,000 B μ-law = 40,000 B = 5.0 s.
    #expect(r.summary.audioIn.micros(.g711Ulaw) == 5_000_000)
    let usages = r.transcriptionUsages
    #expect(
      usages == [
        .duration(microseconds: 2_500_000),
        .tokens(inputTokens: 40, outputTokens: 12, textIn: 5, audioIn: 35),
      ])
    let whisper = try PriceBook.bundled.transcriptionCard(for: "whisper-1").cost(of: usages[0])
    let transcribe = try PriceBook.bundled.transcriptionCard(for: "gpt-4o-transcribe").cost(of: usages[1])
    // whisper-1: 2.5 s / 60 × $0.006 = $0.00025 = 250 µ$.
    #expect(whisper == microUSD(250))
    // gpt-4o-transcribe: 5×2.50 + 35×6.00 + 12×10.00 = 12.5 + 210 + 120 = 342.5 µ$.
    #expect(transcribe == Money(picoUSD: 342_500_000))
    let (_, costs) = try r.priced(model: "gpt-realtime-2025-08-28")
    // 120×4 + 25×32 + 15×16 = 480 + 800 + 240 = 1,520 µ$.
    #expect(costs.total == microUSD(1_520))
  }

  @Test("always-streaming-mic: appends every 100 ms never idle the seed rule; the standard rule finds quiet")
  func alwaysStreamingMic() throws {
    let r = try ReadResult(path: TestPaths.fixture("always-streaming-mic.jsonl"))
    #expect(r.summary.eventCounts["input_audio_buffer.append"] == 1500)
    #expect(r.summary.eventCounts["local.user_command"] == 1)
    #expect(r.events.first { $0.event == .userCommand }?.direction == .local)
    // 1,500 × 800 B A-law = 1,200,000 B = 150 s in; 10 × 1,600 B = 16,000 B = 2.0 s out.
    #expect(r.summary.audioIn.micros(.g711Alaw) == 150_000_000)
    #expect(r.summary.audioOut.micros(.g711Alaw) == 2_000_000)
    #expect(r.summary.duration == 150_000_000)
    let gaps = try #require(r.summary.idleGaps)
    // 5.0, 2.0, 0.1, 0.6, 72.3, 0.2, 2.0, 0.1, 0.6, 67.1 s.
    #expect(gaps.count == 10)
    #expect(gaps.longest == 72_300_000)
    #expect(gaps.longestStart == 7_700_000)
    #expect(gaps.histogram == [5, 2, 1, 0, 2, 0, 0, 0, 0])
    let seed = RecordingSummary(r.events, activityRule: .seed)
    let seedGaps = try #require(seed.idleGaps)
    #expect(seedGaps.longest == 100_000)
    #expect(seedGaps.histogram[0] == seedGaps.count)
    let (tokens, costs) = try r.priced(model: "gpt-realtime-2025-08-28")
    #expect(tokens == tokenCounts(textIn: 446, textInCached: 384, audioIn: 80, textOut: 22, audioOut: 40))
    // R1: 400×4 + 20×32 + 10×16 + 20×64 = 1,600 + 640 + 160 + 1,280 = 3,680 µ$.
    // R2: 46×4 + 384×0.40 + 60×32 + 12×16 + 20×64 = 184 + 153.6 + 1,920 + 192 + 1,280 = 3,729.6 µ$.
    #expect(costs.total == Money(picoUSD: 7_409_600_000))
  }

  @Test("reading a recording twice gives identical events, stats and summary")
  func readingTwiceIsIdentical() throws {
    for name in [
      "ga-timed-pcm16.jsonl", "beta-bare-g711.jsonl", "function-call.jsonl", "barge-in.jsonl",
      "transcription.jsonl", "always-streaming-mic.jsonl",
    ] {
      let first = try ReadResult(path: TestPaths.fixture(name))
      let second = try ReadResult(path: TestPaths.fixture(name))
      #expect(first.events == second.events, "\(name)")
      #expect(first.stats == second.stats, "\(name)")
      #expect(first.summary == second.summary, "\(name)")
    }
  }
}
