import Billing
import RealtimeEvents
import Replay
import TestSupport
import Testing

/// Totals never trap: sums past the exact money range are a clear error, never a crash.
@Suite struct HugeTotalsTests {
  @Test func fiftyBillionTokenResponsesOnTheLaunchCardAreAnErrorNotATrap() throws {
    // Each response: 1e9 audio output tokens at $200 per 1M = $200,000 (2e17 pico-dollars); fifty of
    // them are $10M, past the exact range of $9,223,372.036854775807.
    let usage = ResponseUsage(
      totalTokens: 1_000_000_000, inputTokens: 0, outputTokens: 1_000_000_000,
      input: .init(textTokens: 0, audioTokens: 0, cachedTokens: 0),
      output: .init(textTokens: 0, audioTokens: 1_000_000_000))
    var events = [
      TimedEvent(
        time: nil, direction: .server,
        event: .sessionCreated(SessionConfig(model: "gpt-4o-realtime-preview-2024-10-01")))
    ]
    events += (0..<50).map { _ in
      TimedEvent(
        time: nil, direction: .server, event: .responseDone(ResponseDone(status: .completed, usage: usage)))
    }
    let options = ReplayOptions(at: CalendarDay("2024-10-15"))
    #expect {
      try Replay.run(EventArraySource(events, name: "huge.jsonl"), options: options)
    } throws: { error in
      (error as? ReplayError)?.message
        == "huge.jsonl: the billed total passes $9223372.036854775807 (rtcost's exact money range): the usage "
        + "counts are not plausible for one recording"
    }
    // Forty-six of them ($9.2M) still fit, exactly.
    let fits = Array(events.prefix(47))
    let result = try Replay.run(EventArraySource(fits, name: "fits.jsonl"), options: options)
    #expect(result.total == Money(picoUSD: 46 * 200_000_000_000_000_000))
  }

  @Test func saturatedSumsSayTheyOverflowed() {
    let (sum, overflow) = Money.max.addingSaturated(Money(picoUSD: 1))
    #expect(sum == .max && overflow)
    let (small, exact) = Money(picoUSD: 5).addingSaturated(Money(picoUSD: -7))
    #expect(small == Money(picoUSD: -2) && !exact)
  }
}
