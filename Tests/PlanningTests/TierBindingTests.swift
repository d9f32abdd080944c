import Planning
import Testing

/// A tier holds only when every peak fits it, concurrency included; otherwise what binds is named.
@Suite struct TierBindingTests {
  @Test func concurrencyAboveTheQuotedHundredBindsEvenWhenRateLimitsFit() {
    let tier4 = RateLimitTier.tier(4)
    #expect(tier4.holds(rpm: 984, tpm: 2_410_472, rpd: 25_668))
    #expect(
      tier4.binding(rpm: 984, tpm: 2_410_472, rpd: 25_668, sessions: 348) == [
        "concurrent sessions 348 > ~100 (reported at Tier 5 launch; unpublished per tier)"
      ])
    #expect(tier4.binding(rpm: 984, tpm: 2_410_472, rpd: 25_668, sessions: 100).isEmpty)
  }

  @Test func everyExceededLimitIsNamedInOrder() {
    #expect(
      RateLimitTier.tier(1).binding(rpm: 250, tpm: 50_000, rpd: 1_200, sessions: 101) == [
        "requests/min 250 > 200", "tokens/min 50000 > 40000", "requests/day 1200 > 1000",
        "concurrent sessions 101 > ~100 (reported at Tier 5 launch; unpublished per tier)",
      ])
    // Tier 2 has no daily limit: 5,000 requests a day do not bind it.
    #expect(RateLimitTier.tier(2).binding(rpm: 10, tpm: 10, rpd: 5_000, sessions: 1).isEmpty)
  }
}
