import Foundation
import TestSupport
import Testing

@testable import RTCostCLI

/// Honest bounds in the replay report (DESIGN §7.3), on the bounds-* fixtures of
/// fixtures/recordings/README.md.
@Suite struct ReplayBoundsTests {
  typealias H = ReplayHarness

  @Test func anUndetailedCachedSplitIsAnUpperBoundWithTheAudioFirstSplitBeside() throws {
    let r = try H.json([H.fixture("bounds-cached-split.jsonl")])
    // resp_1 text first: 300×2.50 + 212×2.50 + 488×40 + 20×20 + 100×80 = 750 + 530 + 19,520 + 400 + 8,000
    //   = 29,200 µ$; audio first: 300×5 + 512×2.50 + 188×40 + 400 + 8,000 = 1,500 + 1,280 + 7,520 + 8,400
    //   = 18,700 µ$. resp_2 (detailed, exact): 100×5 + 10×20 = 700 µ$.
    #expect(H.number(r, "cost_usd.total") == "0.0299")
    #expect(H.number(r, "cached_split.usage_blocks") == "1")
    #expect(H.number(r, "cached_split.as_billed_usd") == "0.0299")
    // 18,700 + 700 = 19,400 µ$; slack 29,200 − 18,700 = 10,500 µ$.
    #expect(H.number(r, "cached_split.cheapest_split_usd") == "0.0194")
    #expect(H.number(r, "cached_split.slack_usd") == "0.0105")
    #expect(H.number(r, "bounds_usd.lower") == "0.0194")
    #expect(H.number(r, "bounds_usd.upper") == "0.0299")
    #expect(r["total_is_lower_bound"] as? Bool == false)
    let messages = try #require(r["warnings"] as? [[String: Any]]).compactMap { $0["message"] as? String }
    #expect(
      messages == [
        "cached_tokens 512 had no cached_tokens_details: attributed to text first (text 300, audio 212, image 0), "
          + "the most expensive consistent split; billed $0.0292 as the upper bound; the cheapest consistent split "
          + "(on bundled cards audio first) would cost $0.0187, the lower bound"
      ])
    let table = try H.run([H.fixture("bounds-cached-split.jsonl")])
    #expect(
      table.contains(
        "as billed $0.0299, an upper bound: the cheapest consistent split (audio first on bundled cards) would be "
          + "$0.0194 (1 usage block with cached_tokens"))
    #expect(!table.contains("lower bound:"))
  }

  @Test func detailsBelowTheTotalsAreBilledAtTheTotalsAndFlagged() throws {
    let r = try H.json([H.fixture("bounds-details-below-totals.jsonl")])
    // Input details 200 + 250 = 450 of 500: 50 more as uncached text; output 10 + 40 = 50 of 60: 10 more as
    // text out. (200 + 50)×4 + 250×32 + (10 + 10)×16 + 40×64 = 1,000 + 8,000 + 320 + 2,560 = 11,880 µ$
    // (the details alone: 800 + 8,000 + 160 + 2,560 = 11,520 µ$, less than the totals say).
    #expect(H.number(r, "cost_usd.total") == "0.01188")
    #expect(H.number(r, "tokens.text_in") == "250")
    #expect(H.number(r, "tokens.text_out") == "20")
    #expect(H.number(r, "usage_blocks_billed_at_totals") == "1")
    #expect(r["total_is_lower_bound"] as? Bool == true)
    #expect(H.number(r, "bounds_usd.lower") == "0.01188")
    #expect(H.value(r, "bounds_usd.upper") is NSNull)
    let table = try H.run([H.fixture("bounds-details-below-totals.jsonl")])
    #expect(
      table.contains(
        "the total is a lower bound: 1 usage block billed at the totals (details missing or short: the rest as text)"
      ))
  }

  @Test func responsesAndTranscriptionsWithoutUsageAreALowerBoundWithAWhisperEstimate() throws {
    let r = try H.json([H.fixture("bounds-missing-usage.jsonl")])
    // resp_2 only: 150×5 + 50×40 + 10×20 + 20×80 = 750 + 2,000 + 200 + 1,600 = 4,550 µ$.
    #expect(H.number(r, "cost_usd.total") == "0.00455")
    #expect(H.number(r, "responses_without_usage") == "2")
    #expect(H.number(r, "transcriptions_without_usage") == "2")
    #expect(H.number(r, "transcriptions_priced") == "0")
    #expect(r["total_is_lower_bound"] as? Bool == true)
    #expect(H.value(r, "bounds_usd.upper") is NSNull)
    // Spans 3,500 − 1,000 = 2,500 ms and 6,400 − 5,200 = 1,200 ms: 3.7 s × $0.006/60 s = $0.00037.
    #expect(H.number(r, "transcription_estimate.transcriptions") == "2")
    #expect(H.number(r, "transcription_estimate.speech_s") == "3.7")
    #expect(H.number(r, "transcription_estimate.usd") == "0.00037")
    #expect(H.number(r, "transcription_estimate.not_estimated") == "0")
    #expect(H.value(r, "transcription_estimate.models") as? [String] == ["whisper-1"])
    #expect(
      (H.value(r, "transcription_estimate.label") as? String)?.hasPrefix("estimate, not billed") == true)
    // Never part of the bill.
    #expect(H.number(r, "cost_usd.transcription") == "0")
    let lines = try #require(r["warnings"] as? [[String: Any]]).compactMap { $0["line"] as? Int }
    #expect(lines == [7, 14])
    let markdown = try H.run([H.fixture("bounds-missing-usage.jsonl"), "--format", "md"])
    #expect(
      markdown.contains(
        "- the total is a lower bound: 2 response.done without usage, 2 transcriptions without usage\n"))
    #expect(
      markdown.contains(
        "- estimate, not billed: 2 transcriptions without usage (whisper-1) = $0.00037 for 3.7 s of speech"))
  }

  @Test func aSkippedLineThatHeldAResponseDoneMakesTheTotalALowerBound() async throws {
    let strict = await CommandRunner.run(["replay", H.fixture("bounds-skipped-usage.jsonl")])
    #expect(strict.status == 1)
    #expect(strict.stdout.isEmpty)
    #expect(strict.stderr.contains("bounds-skipped-usage.jsonl:3: malformed JSON"))
    let r = try H.json([H.fixture("bounds-skipped-usage.jsonl"), "--lenient"])
    // Lines 2 and 6 are read: 100×4 + 30×16 + 10×4 + 10×16 = 400 + 480 + 40 + 160 = 1,080 µ$.
    #expect(H.number(r, "cost_usd.total") == "0.00108")
    #expect(H.number(r, "skipped_lines") == "3")
    #expect(H.number(r, "skipped_lines_with_response_done") == "1")
    #expect(H.number(r, "skipped_lines_with_transcription") == "1")
    #expect(r["total_is_lower_bound"] as? Bool == true)
    let warnings = try #require(r["warnings"] as? [[String: Any]])
    let byLine = Dictionary(
      uniqueKeysWithValues: warnings.map { ($0["line"] as? Int ?? 0, $0["message"] as? String ?? "") })
    #expect(
      byLine[3]?.hasSuffix(
        "(the line held a response.done: its usage is missing, so the total is a lower bound)") == true)
    #expect(byLine[4]?.contains("held a conversation.item.input_audio_transcription.completed") == true)
    #expect(byLine[5]?.contains("held a") == false)
    let table = try H.run([H.fixture("bounds-skipped-usage.jsonl"), "--lenient"])
    #expect(
      table.contains(
        "the total is a lower bound: 1 skipped line held a response.done, 1 skipped line held a transcription"
      ))
  }

  @Test func theTotalOverFilesSumsTheBounds() throws {
    let r = try H.json([H.fixture("bounds-cached-split.jsonl"), H.fixture("bounds-missing-usage.jsonl")])
    // 29,900 + 4,550 = 34,450 µ$ billed; less the slack 10,500: 23,950 µ$.
    #expect(H.number(r, "total.cost_usd.total") == "0.03445")
    #expect(H.number(r, "total.cached_split.slack_usd") == "0.0105")
    #expect(H.number(r, "total.bounds_usd.lower") == "0.02395")
    #expect(H.value(r, "total.bounds_usd.upper") is NSNull)
    #expect(H.value(r, "total.total_is_lower_bound") as? Bool == true)
    #expect(H.number(r, "total.responses_without_usage") == "2")
    #expect(H.number(r, "total.transcription_estimate.usd") == "0.00037")
  }

  @Test func aTranscriptionOfTwoTrillionTokensIsOneClearError() async throws {
    let path = H.fixture("replay-errors/implausible-transcription.jsonl")
    let result = await CommandRunner.run(["replay", path])
    #expect(result.status == 1)
    #expect(result.stdout.isEmpty)
    let lines = result.stderr.split(separator: "\n")
    #expect(lines.count == 1, "\(result.stderr)")
    #expect(
      result.stderr.contains(
        "implausible-transcription.jsonl:2: usage.input_tokens: a transcription usage count of 2000000000000 "
          + "tokens is not plausible (at most 1000000000)"), "\(result.stderr)")
    // Skipped leniently, the line is a transcription whose usage is missing: a flagged lower bound.
    let lenient = try H.json([path, "--lenient"])
    #expect(H.number(lenient, "skipped_lines_with_transcription") == "1")
    #expect(lenient["total_is_lower_bound"] as? Bool == true)
    #expect(H.number(lenient, "cost_usd.total") == "0")
  }
}
