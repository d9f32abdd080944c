import Testing

@testable import Forecast

@Suite struct StatisticsTests {
  @Test func percentilesInterpolateBetweenRanks() {
    let values: [Double] = [4, 1, 3, 2, 5]
    // Sorted 1…5: rank = p/100 × 4. p50 → rank 2 → 3; p5 → rank 0.2 → 1 + 0.2 × 1 = 1.2; p95 → 3.8 → 4.8
    #expect(Statistics.percentile(values, 50) == 3)
    #expect(abs(Statistics.percentile(values, 5)! - 1.2) < 1e-12)
    #expect(abs(Statistics.percentile(values, 95)! - 4.8) < 1e-12)
    #expect(Statistics.percentile([], 50) == nil)
    #expect(Statistics.percentile([7], 95) == 7)
  }

  @Test func meanAndSampleStandardDeviation() {
    // mean 5; squared deviations 9+1+1+9 = 20; sample variance 20/3; sd = 2.5819888974716
    let values: [Double] = [2, 4, 6, 8]
    #expect(Statistics.mean(values) == 5)
    #expect(abs(Statistics.standardDeviation(values) - 2.5819888974716) < 1e-12)
  }

  @Test func tIntervalUsesTheExactTableForSmallSamples() throws {
    // n = 4, df 3, t = 3.182; half width = 3.182 × 2.5819889 / 2 = 4.1079443
    let interval = try #require(Statistics.meanInterval95([2, 4, 6, 8]))
    #expect(abs(interval.lowerBound - (5 - 4.10794433)) < 1e-6)
    #expect(abs(interval.upperBound - (5 + 4.10794433)) < 1e-6)
    #expect(abs(Statistics.tQuantile975(degreesOfFreedom: 199) - 1.97196) < 1e-4)
    #expect(abs(Statistics.tQuantile975(degreesOfFreedom: 40) - 2.02108) < 1e-4)
  }

  /// Why forecasts run every policy on the same worlds: the paired interval of the difference is far
  /// narrower than the unpaired one on the same numbers, because world-to-world variation cancels.
  @Test func pairedIntervalIsNarrowerThanUnpairedOnCorrelatedWorlds() throws {
    // World costs vary a lot (1…20 USD); the policy saves 10% ± a little in every world.
    let baseline = (1...20).map { Double($0) }
    let policy = baseline.enumerated().map { $1 * 0.9 + ($0 % 2 == 0 ? 0.01 : -0.01) }
    let paired = try #require(Statistics.meanInterval95(zip(baseline, policy).map { $0 - $1 }))
    let unpaired = try #require(Statistics.unpairedDifferenceInterval95(baseline, policy))
    let pairedWidth = paired.upperBound - paired.lowerBound
    let unpairedWidth = unpaired.upperBound - unpaired.lowerBound
    #expect(pairedWidth * 10 < unpairedWidth)
    #expect(paired.contains(1.05))  // true mean saving: 0.1 × mean(1…20) = 1.05
    #expect(unpaired.contains(0))  // unpaired cannot even tell the policy saves anything
    #expect(!paired.contains(0))
  }
}
