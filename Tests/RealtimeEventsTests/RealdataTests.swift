import Billing
import TestSupport
import Testing

@testable import RealtimeEvents

/// The real captures in ../shared/realdata/streams read fully (skipped when the folder is absent).
@Suite("Real captures", .enabled(if: TestPaths.realData != nil))
struct RealdataTests {
  @Test("banyan-log1: 414 events, 12 responses, 8 cancelled (4 billed), 1 function call")
  func banyanLog1() throws {
    let r = try ReadResult(path: try #require(TestPaths.stream("banyan-log1.server-events.jsonl")))
    #expect(r.events.count == 414)
    #expect(r.style == .bare)
    #expect(r.stats.unknownEvents == 0)
    #expect(r.stats.warningCount == 0)
    #expect(r.events.allSatisfy { $0.direction == .server })
    #expect(r.summary.model == "gpt-4o-realtime-preview-2024-12-17")
    #expect(r.summary.responses == 12)
    #expect(r.summary.responsesByStatus == [.completed: 4, .cancelled: 8])
    #expect(r.summary.cancelledWithUsage == 4)
    #expect(r.summary.functionCalls == 1)
    #expect(r.summary.eventCounts["response.function_call_arguments.done"] == 1)
    #expect(r.summary.eventCounts["conversation.item.truncated"] == 5)
    #expect(r.stats.eventsByWireType["response.audio_transcript.delta"] == 157)
    #expect(r.summary.transcriptions == 11)
    #expect(r.summary.transcriptionsWithUsage == 0)
    #expect(r.summary.audioOut.totalMicros == 0)  // WebRTC: audio on the media track

    let (tokens, costs) = try r.priced(model: "gpt-4o-realtime-preview-2024-12-17")
    // Per response (text_in uncached, cached text, audio_in uncached, cached audio, text_out, audio_out):
    // 853,0,0,0,38,119 → 14,545 µ$;  869,0,85,0,25,61 → 13,125;  72,832,152,0,37,123 → 19,100;
    // 959,0,298,0,47,175 → 31,655;  991,0,369,0,37,89 → 27,575;  1007,0,407,0,8,9 → 22,195;
    // 1031,0,460,0,9,15 → 24,935;  23,1024,82,384,135,189 → 24,735; four cancelled at zero.
    #expect(
      tokens
        == tokenCounts(
          textIn: 5805, textInCached: 1856, audioIn: 1853, audioInCached: 384, textOut: 336, audioOut: 780))
    // 5,805×5 + 1,856×2.50 + 1,853×40 + 384×2.50 + 336×20 + 780×80
    //   = 29,025 + 4,640 + 74,120 + 960 + 6,720 + 62,400 = 177,865 µ$.
    #expect(costs.total == microUSD(177_865))
  }

  @Test("banyan-log2: 72 events, 2 completed responses with 832 cached text tokens each")
  func banyanLog2() throws {
    let r = try ReadResult(path: try #require(TestPaths.stream("banyan-log2.server-events.jsonl")))
    #expect(r.events.count == 72)
    #expect(r.summary.responsesByStatus == [.completed: 2])
    let (tokens, _) = try r.priced(model: "gpt-4o-realtime-preview-2024-12-17")
    #expect(tokens.textInCached == 1664)
  }

  @Test("liusida: \"[Object]\" detail blocks are recorded and warned about, not a crash")
  func liusida() throws {
    let r = try ReadResult(path: try #require(TestPaths.stream("liusida-text-response.events.jsonl")))
    #expect(r.events.count == 85)
    #expect(r.stats.eventsByWireType["response.text.delta"] == 77)
    let usage = try #require(r.usages.first)
    #expect(usage.malformedFields == ["input_token_details", "output_token_details"])
    #expect(usage.inputTokens == 72 && usage.outputTokens == 79)
    // Two warnings on the response.done line: the usage details and the output item.
    #expect(r.stats.warningCount == 2)
    #expect(r.stats.warnings.map(\.line) == [85, 85])
    #expect(r.stats.warnings[0].message.contains("malformed detail blocks"))
    #expect(r.stats.warnings[1].message.contains("1 output item(s) that are not objects"))
    let priced = try PriceBook.bundled.card(for: "gpt-4o-realtime-preview-2024-12-17").price(usage)
    #expect(
      priced.warnings.contains(.totalsOnly(malformedFields: ["input_token_details", "output_token_details"])))
    // Totals only, as uncached text: 72×5 + 79×20 = 360 + 1,580 = 1,940 µ$ (a lower bound).
    #expect(priced.total == microUSD(1_940))
  }
}
