import Planning
import Testing

@Suite struct RateLimitTierTests {
  @Test func lowestTierThatHolds() {
    // 300 RPM exceeds T1's 200 → T2 (400 RPM, 200k TPM).
    #expect(RateLimitTier.lowestHolding(rpm: 300, tpm: 10_000, rpd: 10)?.tier == 2)
    // 1,001 requests a day breaks T1's RPD 1,000 even at low RPM.
    #expect(RateLimitTier.lowestHolding(rpm: 5, tpm: 100, rpd: 1_001)?.tier == 2)
    // 900k TPM exceeds T3's 800k → T4.
    #expect(RateLimitTier.lowestHolding(rpm: 100, tpm: 900_000, rpd: 0)?.tier == 4)
    #expect(RateLimitTier.lowestHolding(rpm: 20_001, tpm: 0, rpd: 0) == nil)
  }

  @Test func headroomIsTheTightestLimit() {
    // T3: RPM (5,000 − 4,000)/5,000 = 20 %; TPM (800k − 200k)/800k = 75 % → 20 %.
    #expect(abs(RateLimitTier.tier(3).headroomPercent(rpm: 4_000, tpm: 200_000, rpd: 0) - 20) < 1e-9)
    // Over the limit: (400 − 500)/400 = −25 %.
    #expect(abs(RateLimitTier.tier(2).headroomPercent(rpm: 500, tpm: 0, rpd: 0) + 25) < 1e-9)
  }
}
