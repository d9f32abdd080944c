import Testing

@testable import Simulation

@Suite struct DistributionTests {
  func samples(_ distribution: Distribution, _ count: Int = 20_000) -> [Double] {
    var generator = SplitMix64(seed: 7)
    return (0..<count).map { _ in distribution.sample(using: &generator) }.sorted()
  }

  @Test func lognormalHitsItsMedianAndP95() {
    let values = samples(.lognormal(median: 2, p95: 6))
    let median = values[values.count / 2]
    let p95 = values[values.count * 95 / 100]
    #expect(abs(median - 2) < 0.08)
    #expect(abs(p95 - 6) < 0.35)
  }

  @Test func geometricCountsStartAtOneWithTheGivenMean() {
    let values = samples(.geometric(mean: 3))
    #expect(values.first == 1)
    #expect(values.allSatisfy { $0 == $0.rounded() })
    let mean = values.reduce(0, +) / Double(values.count)
    #expect(abs(mean - 3) < 0.08)
  }

  @Test func exponentialUniformFixedAndEmpirical() {
    let exponential = samples(.exponential(mean: 10))
    #expect(abs(exponential.reduce(0, +) / Double(exponential.count) - 10) < 0.3)
    let uniform = samples(.uniform(min: 2, max: 4))
    #expect(uniform.first! >= 2 && uniform.last! <= 4)
    #expect(samples(.fixed(5), 10) == Array(repeating: 5, count: 10))
    let empirical = samples(.empirical([1, 5, 9]))
    #expect(Set(empirical) == [1, 5, 9])
  }

  @Test func samplingConsumesAFixedNumberOfDraws() {
    // Lognormal uses two draws, the others one, fixed none: a later draw does not depend on values.
    var a = SplitMix64(seed: 1)
    var b = SplitMix64(seed: 1)
    _ = Distribution.lognormal(median: 1, p95: 100).sample(using: &a)
    _ = b.next()
    _ = b.next()
    #expect(a.next() == b.next())
    _ = Distribution.fixed(3).sample(using: &a)
    #expect(a.next() == b.next())
  }

  @Test func heavyTailsAreClampedInsteadOfOverflowing() {
    // median 1 s, p95 1000 days: σ ≈ 11, so some draws exceed Int64 µs; they clamp at the
    // scenario cap, 30 days = 30 × 86,400 × 10^6 µs = 2,592,000,000,000.
    var generator = SplitMix64(seed: 5)
    let heavy = Distribution.lognormal(median: 1_000_000, p95: 86_400_000_000_000)
    let values = (0..<10_000).map { _ in heavy.sampleMicros(using: &generator) }
    #expect(values.max() == 2_592_000_000_000)
    #expect(values.min()! >= 0)
  }
}
