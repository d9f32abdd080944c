import Foundation
import TestSupport
import Testing

@testable import RTCostCLI

/// The banyan captures' whisper-1 transcriptions carry no usage: the total is a flagged lower bound
/// and the transcriptions get a labelled estimate from the server's speech spans (skipped when
/// ../shared/realdata is absent).
@Suite(.enabled(if: ReplayHarness.realData != nil)) struct ReplayRealdataBoundsTests {
  typealias H = ReplayHarness

  @Test func banyanLog1IsALowerBoundWithAWhisperEstimate() throws {
    let path = try #require(H.stream("banyan-log1.server-events.jsonl"))
    let r = try H.json([path])
    // The as-billed total is unchanged (ReplayRealdataTests works it out): $0.177865.
    #expect(H.number(r, "cost_usd.total") == "0.177865")
    #expect(H.number(r, "transcriptions_without_usage") == "11")
    #expect(H.number(r, "responses_without_usage") == "0")
    #expect(r["total_is_lower_bound"] as? Bool == true)
    #expect(H.value(r, "bounds_usd.upper") is NSNull)
    #expect(H.number(r, "bounds_usd.lower") == "0.177865")
    // Every block has cached_tokens_details: no cached split is assumed.
    #expect(H.number(r, "cached_split.usage_blocks") == "0")
    // The eleven spans (audio_end_ms − audio_start_ms): 588 + 652 + 780 + 1,644 + 1,164 + 652 + 620 + 588
    // + 2,732 + 2,668 + 652 = 12,740 ms; whisper-1 at $0.006/min = 100 pico-dollars per µs:
    // 12,740,000 µs × 100 = 1,274,000,000 pico = $0.001274.
    #expect(H.number(r, "transcription_estimate.transcriptions") == "11")
    #expect(H.number(r, "transcription_estimate.speech_s") == "12.74")
    #expect(H.number(r, "transcription_estimate.usd") == "0.001274")
    #expect(H.number(r, "transcription_estimate.not_estimated") == "0")
    #expect(H.value(r, "transcription_estimate.models") as? [String] == ["whisper-1"])
  }

  @Test func bothBanyanCapturesHoldTwelveTranscriptionsWithoutUsage() throws {
    let log1 = try #require(H.stream("banyan-log1.server-events.jsonl"))
    let log2 = try #require(H.stream("banyan-log2.server-events.jsonl"))
    let r = try H.json([log1, log2])
    #expect(H.number(r, "total.transcriptions_without_usage") == "12")
    #expect(H.value(r, "total.total_is_lower_bound") as? Bool == true)
    // log2's one span: 620 ms = $0.000062; with log1's 12,740 ms: 13,360 ms = $0.001336.
    #expect(H.number(r, "total.transcription_estimate.speech_s") == "13.36")
    #expect(H.number(r, "total.transcription_estimate.usd") == "0.001336")
    // 0.177865 + 0.02245 = $0.200315 as billed; the estimate is never added.
    #expect(H.number(r, "total.cost_usd.total") == "0.200315")
    let table = try H.run([log1, log2])
    #expect(table.contains("the total is a lower bound: 12 transcriptions without usage"))
    #expect(
      table.contains(
        "estimate, not billed: 12 transcriptions without usage (whisper-1) = $0.001336 for 13.36 s of speech")
    )
  }

  @Test func liusidaTotalsOnlyBlockIsBilledAtItsTotalsAndFlagged() throws {
    let path = try #require(H.stream("liusida-text-response.events.jsonl"))
    let r = try H.json([path, "--model", "gpt-4o-realtime-preview-2024-12-17"])
    // "[Object]" details: priced from the totals as uncached text (72×5 + 79×20 = 1,940 µ$), a lower bound.
    #expect(H.number(r, "cost_usd.total") == "0.00194")
    #expect(H.number(r, "usage_blocks_billed_at_totals") == "1")
    #expect(r["total_is_lower_bound"] as? Bool == true)
    #expect(H.value(r, "bounds_usd.upper") is NSNull)
  }
}
