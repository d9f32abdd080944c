import Billing
import Replay
import Testing

/// The RFC 3339 parser that dates a recording's header (`started_at`): exact values, rounding,
/// offsets and every malformed shape refused.
@Suite struct InternetDateTimeTests {
  @Test func aUTCTimeIsItsUnixMicroseconds() {
    // python3: datetime(2026, 11, 20, 18, tzinfo=timezone.utc).timestamp() = 1,795,197,600 s.
    #expect(InternetDateTime.epochMicros("2026-11-20T18:00:00Z") == 1_795_197_600_000_000)
    #expect(InternetDateTime.epochMicros("2026-11-20t18:00:00z") == 1_795_197_600_000_000)
    #expect(InternetDateTime.epochMicros("1970-01-01T00:00:00Z") == 0)
  }

  @Test func aLeapDayAndTheLastSecondOfADayAreAccepted() {
    // python3: datetime(2024, 2, 29, 23, 59, 59, tzinfo=timezone.utc).timestamp() = 1,709,251,199 s.
    #expect(InternetDateTime.epochMicros("2024-02-29T23:59:59Z") == 1_709_251_199_000_000)
  }

  @Test func aTimeBeforeTheEpochIsNegative() {
    // One second before 1970-01-01T00:00:00Z.
    #expect(InternetDateTime.epochMicros("1969-12-31T23:59:59Z") == -1_000_000)
  }

  @Test func aFractionIsRoundedHalfUpToTheMicrosecond() {
    let base: Int64 = 1_795_197_600_000_000
    #expect(InternetDateTime.epochMicros("2026-11-20T18:00:00.5Z") == base + 500_000)
    #expect(InternetDateTime.epochMicros("2026-11-20T18:00:00.123456Z") == base + 123_456)
    // 0.1234565 s rounds up to 123,457 µs; 0.1234564 s down to 123,456 µs.
    #expect(InternetDateTime.epochMicros("2026-11-20T18:00:00.1234565Z") == base + 123_457)
    #expect(InternetDateTime.epochMicros("2026-11-20T18:00:00.1234564Z") == base + 123_456)
  }

  @Test func anOffsetIsSubtractedToReachUTC() {
    let base: Int64 = 1_795_197_600_000_000
    // 19:00 at +01:00 is 18:00 UTC; 12:30 at -05:30 is 18:00 UTC.
    #expect(InternetDateTime.epochMicros("2026-11-20T19:00:00+01:00") == base)
    #expect(InternetDateTime.epochMicros("2026-11-20T12:30:00-05:30") == base)
  }

  @Test(arguments: [
    "", "2026-11-20", "2026-11-20T18:00:00", "2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z",
    "2026-02-29T00:00:00Z", "2026-02-30T00:00:00Z", "2026-04-31T00:00:00Z", "2026-11-20T24:00:00Z",
    "2026-11-20T18:60:00Z", "2026-11-20T18:00:60Z", "2026-11-20T18:00:00.Z", "2026-11-20T18:00:00Zjunk",
    "2026-11-20 18:00:00Z", "2026-11-20T18:00:00+0100", "2026-11-20T18:00:00+24:00", "26-11-20T18:00:00Z",
    "2026-1-20T18:00:00Z", "２026-11-20T18:00:00Z",
  ])
  func aMalformedOrImpossibleTimeIsNil(text: String) {
    #expect(InternetDateTime.epochMicros(text) == nil)
  }
}
