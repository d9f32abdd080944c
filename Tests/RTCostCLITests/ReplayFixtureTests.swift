import Foundation
import TestSupport
import Testing

@testable import RTCostCLI

/// Every recording fixture replays to the numbers worked out in fixtures/recordings/README.md.
@Suite struct ReplayFixtureTests {
  typealias H = ReplayHarness

  @Test func gaTimedPCM16() throws {
    let r = try H.json([H.fixture("ga-timed-pcm16.jsonl")])
    #expect(r["model"] as? String == "gpt-realtime-2025-08-28")
    #expect(r["model_source"] as? String == "session")
    #expect(H.number(r, "responses.completed") == "2")
    // Tokens: 1,110 + 126 uncached text; 1,024 cached; 20 + 16 audio; 64 cached audio; 30 + 20; 20 + 10.
    #expect(H.number(r, "tokens.text_in") == "1236")
    #expect(H.number(r, "tokens.text_in_cached") == "1024")
    #expect(H.number(r, "tokens.audio_in") == "36")
    #expect(H.number(r, "tokens.audio_in_cached") == "64")
    #expect(H.number(r, "tokens.text_out") == "50")
    #expect(H.number(r, "tokens.audio_out") == "30")
    // 1,236×4 = 4,944 µ$; 1,024×0.40 = 409.6; 36×32 = 1,152; 64×0.40 = 25.6; 50×16 = 800; 30×64 = 1,920.
    #expect(H.number(r, "cost_usd.text_in") == "0.004944")
    #expect(H.number(r, "cost_usd.text_in_cached") == "0.0004096")
    #expect(H.number(r, "cost_usd.audio_out") == "0.00192")
    // 6,840 + 2,411.2 = 9,251.2 µ$.
    #expect(H.number(r, "cost_usd.total") == "0.0092512")
    // Seed: input_tokens 1,130 + 1,230 = 2,360 × $0.000005 = $0.0118; output 50 + 30 = 80 × $0.00002 = $0.0016;
    // audio out 72,000 B / 48,000 = 1.5 s × $0.00002222 = $0.00003333 → $0.01343333.
    #expect(H.number(r, "seed_estimate_usd") == "0.01343333")
    // 2.0 s in (20 × 4,800 B), 1.5 s out (72,000 B) at 48,000 B/s.
    #expect(H.number(r, "audio.in.pcm16_s") == "2")
    #expect(H.number(r, "audio.out.pcm16_s") == "1.5")
    #expect(H.number(r, "time.duration_s") == "6")
    #expect(H.number(r, "idle.gaps.count") == "8")
    #expect(H.number(r, "idle.gaps.longest_s") == "3.4")
    #expect(H.number(r, "idle.gaps.longest_start_s") == "1.6")
    #expect(H.number(r, "unknown_events") == "1")
    // Default policy (5 min timeout): nothing happens in 6 s.
    #expect(H.number(r, "idle.disconnects") == "0")
    #expect((r["alerts"] as? [Any])?.isEmpty == true)
  }

  @Test func betaBareG711() throws {
    let r = try H.json([H.fixture("beta-bare-g711.jsonl"), "--idle-timeout", "1m"])
    #expect(r["model"] as? String == "gpt-4o-realtime-preview-2024-12-17")
    #expect(r["timed"] as? Bool == false)
    // 136×5 + 64×2.50 + 10×40 + 12×20 + 16×80 = 680 + 160 + 400 + 240 + 1,280 = 2,760 µ$.
    #expect(H.number(r, "cost_usd.total") == "0.00276")
    #expect(H.number(r, "tokens.text_in_cached") == "64")
    #expect(H.number(r, "audio.in.g711_ulaw_s") == "1")
    #expect(H.number(r, "audio.out.g711_ulaw_s") == "0.8")
    // A bare recording: the time questions get the note (the option is noted as ignored), not an error.
    #expect(H.value(r, "idle.disconnects") is NSNull)
    let note = try #require(H.value(r, "idle.note") as? String)
    #expect(note.contains("no timestamps") && note.contains("ignored"))
    let warnings = try #require(r["warnings"] as? [[String: Any]])
    #expect(warnings.count == 1)
    #expect((warnings[0]["message"] as? String)?.contains("attributed to text first") == true)
  }

  @Test func functionCall() throws {
    let r = try H.json([H.fixture("function-call.jsonl")])
    #expect(r["model"] as? String == "gpt-realtime-mini-2025-10-06")
    #expect(H.number(r, "function_calls") == "1")
    // 390 + 658.96 = 1,048.96 µ$.
    #expect(H.number(r, "cost_usd.total") == "0.00104896")
    #expect(H.number(r, "audio.out.pcm16_s") == "1")
  }

  @Test func bargeInCancelledButBilled() throws {
    let r = try H.json([H.fixture("barge-in.jsonl")])
    #expect(H.number(r, "responses.completed") == "1")
    #expect(H.number(r, "responses.cancelled") == "2")
    #expect(H.number(r, "responses.cancelled_billed") == "1")
    // 3,820 + 0 + 4,300 = 8,120 µ$.
    #expect(H.number(r, "cost_usd.total") == "0.00812")
    #expect(H.number(r, "audio.out.pcm16_s") == "0.4")
  }

  @Test func transcriptionFollowsTheModelSwitch() throws {
    let r = try H.json([H.fixture("transcription.jsonl")])
    // whisper-1 250 µ$ + gpt-4o-transcribe 342.5 µ$ = 592.5 µ$; the response 1,520 µ$; all 2,112.5 µ$.
    #expect(H.number(r, "cost_usd.transcription") == "0.0005925")
    #expect(H.number(r, "cost_usd.responses") == "0.00152")
    #expect(H.number(r, "cost_usd.total") == "0.0021125")
    #expect(H.number(r, "transcriptions_priced") == "2")
    #expect(H.number(r, "audio.in.g711_ulaw_s") == "5")
  }

  @Test func alwaysStreamingMicRealMonitorDisconnects() throws {
    let r = try H.json([
      H.fixture("always-streaming-mic.jsonl"), "--idle-timeout", "60s", "--check-interval", "10s",
    ])
    // 3,680 + 3,729.6 = 7,409.6 µ$.
    #expect(H.number(r, "cost_usd.total") == "0.0074096")
    #expect(H.number(r, "audio.in.g711_alaw_s") == "150")
    #expect(H.number(r, "audio.out.g711_alaw_s") == "2")
    #expect(H.number(r, "idle.gaps.count") == "10")
    #expect(H.number(r, "idle.gaps.longest_s") == "72.3")
    // Checks every 10 s from 0. Last activity 7.7 s: at 70 s idle 62.3 > 60 → disconnect. The wake word
    // at 80.0 s reconnects. Last activity 82.9 s: at 150 s (80 + 7×10) idle 67.1 > 60 → disconnect.
    #expect(H.number(r, "idle.disconnects") == "2")
    #expect(H.number(r, "idle.reconnects") == "1")
    let timeline = try #require(H.value(r, "idle.timeline") as? [[String: Any]])
    #expect(timeline.map { $0["event"] as? String } == ["disconnect", "reconnect", "disconnect"])
    #expect(timeline.map { H.number($0, "t") } == ["70", "80", "150"])
    #expect(timeline.map { $0["detail"] as? String } == ["idle 62.3s", "user_input", "idle 67.1s"])
    // Connected 0–70 s and 80–150 s = 140 s; no response fell in the gap, so nothing would be saved.
    #expect(H.number(r, "time.connected_s") == "140")
    #expect(H.number(r, "counterfactual.not_billed_usd") == "0")
  }

  @Test func alwaysStreamingMicSeedNeverIdles() throws {
    let r = try H.json([
      H.fixture("always-streaming-mic.jsonl"), "--idle-timeout", "60s", "--check-interval", "10s",
      "--mode", "seed",
    ])
    // Every append is activity (defect 1): the longest gap between events is 0.1 s.
    #expect(H.number(r, "idle.disconnects") == "0")
    #expect((H.value(r, "idle.timeline") as? [Any])?.isEmpty == true)
    #expect(H.number(r, "time.connected_s") == "150")
    #expect((H.value(r, "idle.policy.mode_label") as? String)?.hasPrefix("seed-compatible") == true)
  }

  @Test func counterfactualSavingIsKeptApart() throws {
    // ga-timed-pcm16 with a 2 s timeout checked every second: last activity 1.6 s, at 4 s idle 2.4 > 2 →
    // disconnect. The typed turn at 5.0 s is not user input to the real classifier (speech or a local
    // command is), so resp_2 (2,411.2 µ$) arrives while disconnected: the counterfactual saving.
    let r = try H.json([H.fixture("ga-timed-pcm16.jsonl"), "--idle-timeout", "2s", "--check-interval", "1s"])
    #expect(H.number(r, "idle.disconnects") == "1")
    let timeline = try #require(H.value(r, "idle.timeline") as? [[String: Any]])
    #expect(H.number(timeline.first, "t") == "4")
    #expect(H.number(r, "counterfactual.responses_not_billed") == "1")
    #expect(H.number(r, "counterfactual.not_billed_usd") == "0.0024112")
    // The as-billed total is unchanged: 9,251.2 µ$.
    #expect(H.number(r, "cost_usd.total") == "0.0092512")
  }

  @Test func alertsWithTimes() throws {
    // Real alerts are evaluated after every metered response: resp_1 (6,840 µ$) crosses a $0.005 warning at
    // its response.done; the session total 9,251.2 µ$ crosses a $0.009 alert at resp_2's.
    let r = try H.json([H.fixture("ga-timed-pcm16.jsonl"), "--warn", "0.005", "--alert", "0.009"])
    let alerts = try #require(r["alerts"] as? [[String: Any]])
    #expect(alerts.map { $0["level"] as? String } == ["warning", "alert"])
    #expect(alerts.map { $0["window"] as? String } == ["session", "session"])
    #expect(alerts.map { H.number($0, "cost_usd") } == ["0.00684", "0.0092512"])
    #expect(alerts.allSatisfy { H.number($0, "t") != nil })
  }

  @Test func alertDisconnectClosesTheConnection() throws {
    let r = try H.json([
      H.fixture("ga-timed-pcm16.jsonl"), "--warn", "none", "--alert", "0.005", "--alert-action", "disconnect",
    ])
    let timeline = try #require(H.value(r, "idle.timeline") as? [[String: Any]])
    #expect(timeline.first?["event"] as? String == "alert_disconnect")
    // resp_2 then arrives with no connection: 2,411.2 µ$ would not have been billed.
    #expect(H.number(r, "counterfactual.not_billed_usd") == "0.0024112")
  }

  @Test func sameRecordingTwiceIsByteIdentical() throws {
    let args = [H.fixture("always-streaming-mic.jsonl"), "--format", "json", "--idle-timeout", "60s"]
    #expect(try H.run(args) == H.run(args))
  }

  @Test func severalFilesHaveFilesAndTotal() throws {
    let r = try H.json([H.fixture("barge-in.jsonl"), H.fixture("function-call.jsonl")])
    let files = try #require(r["files"] as? [[String: Any]])
    #expect(files.map { ($0["file"] as? String)?.hasSuffix("barge-in.jsonl") } == [true, false])
    // 8,120 + 1,048.96 = 9,168.96 µ$.
    #expect(H.number(r, "total.cost_usd.total") == "0.00916896")
    #expect(H.number(r, "total.responses.total") == "5")
    #expect(
      H.value(r, "total.models") as? [String] == [
        "gpt-4o-realtime-preview-2024-12-17", "gpt-realtime-mini-2025-10-06",
      ])
  }

  @Test func csvAndMarkdownCarryTheSameTotal() throws {
    let csv = try H.run([H.fixture("barge-in.jsonl"), H.fixture("function-call.jsonl"), "--format", "csv"])
    let lines = csv.split(separator: "\n")
    #expect(lines.count == 4)
    let header = lines[0].split(separator: ",", omittingEmptySubsequences: false)
    let total = lines[3].split(separator: ",", omittingEmptySubsequences: false)
    let column = try #require(header.firstIndex(of: "usd_total"))
    #expect(total[0] == "total" && total[column] == "0.00916896")
    let md = try H.run([H.fixture("barge-in.jsonl"), "--format", "md"])
    #expect(md.contains("as billed: $0.00812"))
    #expect(md.contains("| text_in | 528 | $0.00264 |"))
  }
}
