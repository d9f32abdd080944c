import Foundation

/// A distribution of non-negative values, sampled with a seeded generator.
///
/// Values are plain numbers in the unit of their use: microseconds for durations, counts for
/// turns and tokens. The scenario loader converts `30s` or `250ms` to microseconds before building
/// one, so sampling never parses text.
public enum Distribution: Sendable, Equatable {
  /// Always `value`.
  case fixed(Double)
  /// Uniform on `[min, max]`.
  case uniform(min: Double, max: Double)
  /// Exponential with the given mean (memoryless gaps).
  case exponential(mean: Double)
  /// Log-normal given by its median and 95th percentile: μ = ln(median),
  /// σ = (ln(p95) − μ) / 1.6448536 (the standard normal's 95th percentile).
  case lognormal(median: Double, p95: Double)
  /// Geometric on {1, 2, 3, …} with the given mean (≥ 1): the number of trials to the first success
  /// with success probability 1/mean. Turns per conversation use it.
  case geometric(mean: Double)
  /// One of `values`, each equally likely.
  case empirical([Double])

  /// The standard normal's 95th percentile.
  static let z95 = 1.644_853_626_951_472_2

  /// Draws one value.
  ///
  /// Each case consumes a fixed number of generator outputs (lognormal two, the others one, fixed
  /// none), so the sequence a stream yields does not depend on earlier values.
  /// - Complexity: O(1).
  public func sample(using generator: inout SplitMix64) -> Double {
    switch self {
    case .fixed(let value):
      return value
    case .uniform(let low, let high):
      return low + (high - low) * generator.nextUnitDouble()
    case .exponential(let mean):
      // 1 − U lies in (0, 1], so the logarithm is finite.
      return -mean * log(1 - generator.nextUnitDouble())
    case .lognormal(let median, let p95):
      let mu = log(median)
      let sigma = (log(p95) - mu) / Self.z95
      // Box–Muller, one of the pair.
      let u1 = 1 - generator.nextUnitDouble()
      let u2 = generator.nextUnitDouble()
      let normal = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
      return exp(mu + sigma * normal)
    case .geometric(let mean):
      let unit = 1 - generator.nextUnitDouble()
      guard mean > 1 else { return 1 }
      let p = 1 / mean
      return (log(unit) / log(1 - p)).rounded(.down) + 1
    case .empirical(let values):
      let index = Int(generator.next() % UInt64(values.count))
      return values[index]
    }
  }

  /// A sample as whole microseconds (durations), rounded to nearest, in [0, 30 days]
  /// (``ScenarioLimits/duration``): a heavy tail is clamped to the cap its parameters obey.
  public func sampleMicros(using generator: inout SplitMix64) -> Int64 {
    Int64(min(max(0, sample(using: &generator)), ScenarioLimits.duration).rounded())
  }

  /// A sample as a whole count, rounded to nearest, in [0, ``ScenarioLimits/largestCountSample``].
  public func sampleCount(using generator: inout SplitMix64) -> Int64 {
    Int64(min(max(0, sample(using: &generator)), ScenarioLimits.largestCountSample).rounded())
  }

  /// The mean of the distribution (for documentation and sanity checks).
  public var mean: Double {
    switch self {
    case .fixed(let value): value
    case .uniform(let low, let high): (low + high) / 2
    case .exponential(let mean): mean
    case .lognormal(let median, let p95):
      median * exp(pow((log(p95) - log(median)) / Self.z95, 2) / 2)
    case .geometric(let mean): max(1, mean)
    case .empirical(let values): values.reduce(0, +) / Double(values.count)
    }
  }
}
