import Foundation

/// A distribution fitted to a sample, with how well it fits.
public struct FittedDistribution: Sendable, Equatable {
  public var distribution: Distribution
  /// `lognormal`, `exponential`, `uniform`, `geometric` or `fixed`.
  public var family: String
  public var samples: Int
  /// The Kolmogorov–Smirnov distance between the sample and the fitted distribution (0 = perfect),
  /// and its asymptotic p-value. With parameters estimated from the same sample the p-value is
  /// optimistic (Lilliefors): a small one is a real misfit, a large one is no proof of fit.
  public var ksDistance: Double
  public var ksPValue: Double
  /// The other families tried, with their Akaike information criterion (lower is better).
  public var alternatives: [(family: String, aic: Double)]
  /// The chosen family's AIC.
  public var aic: Double

  public static func == (lhs: FittedDistribution, rhs: FittedDistribution) -> Bool {
    lhs.distribution == rhs.distribution && lhs.family == rhs.family && lhs.samples == rhs.samples
      && lhs.ksDistance == rhs.ksDistance
  }
}

/// Maximum-likelihood fits of the scenario distributions (``Distribution``), chosen by AIC.
///
/// Durations try lognormal and exponential (positive samples) and uniform; token counts try
/// lognormal and uniform; turn counts are geometric on {1, 2, …} (the MLE of its mean is the sample
/// mean). A sample of one value is `fixed`. Fitted values are rounded for the file (durations to
/// whole milliseconds from 100 ms up, else whole microseconds; counts to 0.01), which moves a fit by
/// far less than its sampling error.
public enum DistributionFit {
  /// What the values measure.
  public enum Kind: Sendable, Equatable {
    /// Microseconds.
    case duration
    /// Non-negative counts (tokens).
    case count
    /// Counts ≥ 1 (turns per conversation).
    case turns
  }

  /// The best fit of `values`; nil for an empty sample.
  public static func fit(_ values: [Double], kind: Kind) -> FittedDistribution? {
    guard !values.isEmpty else { return nil }
    let n = Double(values.count)
    let sorted = values.sorted()
    if sorted.first == sorted.last {
      return FittedDistribution(
        distribution: .fixed(round(sorted[0], kind)), family: "fixed", samples: values.count, ksDistance: 0,
        ksPValue: 1, alternatives: [], aic: 0)
    }
    // Each candidate: its maximum-likelihood distribution (likelihood and KS are judged on it) and
    // the same rounded for the file (a log-normal whose 95th percentile rounds to its median is
    // written fixed).
    var candidates:
      [(
        family: String, exact: Distribution, written: Distribution, logLikelihood: Double, parameters: Double
      )] = []
    switch kind {
    case .turns:
      let mean = max(1, values.reduce(0, +) / n)
      let p = 1 / mean
      let logLikelihood =
        p >= 1 ? 0 : values.reduce(0) { $0 + log(p) + ($1 - 1) * log(1 - p) }
      candidates.append(
        ("geometric", .geometric(mean: mean), .geometric(mean: roundCount(mean)), logLikelihood, 1))
    case .duration, .count:
      if sorted[0] > 0 {
        let logs = values.map { log($0) }
        let mu = logs.reduce(0, +) / n
        let sigma = (logs.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / n).squareRoot()
        if sigma > 0 {
          let logLikelihood = logs.reduce(0) { sum, logValue in
            sum - logValue - log(sigma) - 0.5 * log(2 * Double.pi)
              - (logValue - mu) * (logValue - mu) / (2 * sigma * sigma)
          }
          let exact = Distribution.lognormal(median: exp(mu), p95: exp(mu + Distribution.z95 * sigma))
          let median = round(exp(mu), kind)
          let p95 = max(median, round(exp(mu + Distribution.z95 * sigma), kind))
          if median > 0 {
            let written: Distribution = p95 > median ? .lognormal(median: median, p95: p95) : .fixed(median)
            candidates.append(("lognormal", exact, written, logLikelihood, 2))
          }
        }
        if kind == .duration {
          let mean = values.reduce(0, +) / n
          if round(mean, kind) > 0 {
            candidates.append(
              (
                "exponential", .exponential(mean: mean), .exponential(mean: round(mean, kind)),
                -n * log(mean) - n, 1
              ))
          }
        }
      }
      // The bounds' unbiased estimates (the sample's range widened by range/(n−1) at each end): the
      // sample's own minimum and maximum would give the uniform a likelihood no smooth family can
      // match, whatever the data's shape.
      let range = sorted[sorted.count - 1] - sorted[0]
      let widen = values.count > 1 ? range / (n - 1) : 0
      let low = max(0, sorted[0] - widen)
      let high = sorted[sorted.count - 1] + widen
      let writtenLow = max(0, round(low, kind))
      let writtenHigh = max(writtenLow, round(high, kind))
      if high > low, writtenHigh > writtenLow {
        candidates.append(
          (
            "uniform", .uniform(min: low, max: high), .uniform(min: writtenLow, max: writtenHigh),
            -n * log(high - low), 2
          ))
      }
      // A few distinct counts (1, 2 or 4 products): the values themselves, each as often as seen.
      if kind == .count, let empirical = empirical(sorted) {
        candidates.append(
          (
            empirical.family, empirical.distribution, empirical.distribution, empirical.logLikelihood,
            empirical.parameters
          ))
      }
    }
    let scored = candidates.map { ($0, 2 * $0.parameters - 2 * $0.logLikelihood) }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else {
      return FittedDistribution(
        distribution: .empirical(sorted.map { round($0, kind) }), family: "empirical", samples: values.count,
        ksDistance: 0, ksPValue: 1, alternatives: [], aic: 0)
    }
    let distance = ks(sorted, best.0.exact)
    return FittedDistribution(
      distribution: best.0.written, family: best.0.family, samples: values.count, ksDistance: distance,
      ksPValue: kolmogorovPValue(distance, n: values.count),
      alternatives: scored.filter { $0.0.family != best.0.family }.map { ($0.0.family, $0.1) }, aic: best.1)
  }

  /// The empirical distribution of a sample of at most 8 distinct values each seen at least twice, as
  /// a value list with each value repeated in proportion to its count (counts divided by their
  /// greatest common divisor), with its log-likelihood (each value's probability its share).
  static func empirical(_ sorted: [Double]) -> (
    family: String, distribution: Distribution, logLikelihood: Double, parameters: Double
  )? {
    var counts: [(value: Double, count: Int)] = []
    for value in sorted {
      if let last = counts.last, last.value == value {
        counts[counts.count - 1].count += 1
      } else {
        counts.append((value, 1))
      }
    }
    guard counts.count <= 8, counts.allSatisfy({ $0.count >= 2 }) else { return nil }
    func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
    let divisor = counts.map(\.count).reduce(0, gcd)
    var values: [Double] = []
    for (value, count) in counts { values += Array(repeating: roundCount(value), count: count / divisor) }
    let n = Double(sorted.count)
    let logLikelihood = counts.reduce(0.0) { $0 + Double($1.count) * log(Double($1.count) / n) }
    return ("empirical", .empirical(values), logLikelihood, Double(counts.count - 1))
  }

  /// The cumulative distribution function of `distribution` at `x`.
  public static func cdf(_ distribution: Distribution, _ x: Double) -> Double {
    switch distribution {
    case .fixed(let value): return x >= value ? 1 : 0
    case .uniform(let low, let high):
      return high > low ? min(1, max(0, (x - low) / (high - low))) : (x >= low ? 1 : 0)
    case .exponential(let mean): return x <= 0 ? 0 : 1 - exp(-x / mean)
    case .lognormal(let median, let p95):
      guard x > 0 else { return 0 }
      let sigma = (log(p95) - log(median)) / Distribution.z95
      guard sigma > 0 else { return x >= median ? 1 : 0 }
      return 0.5 * (1 + erf((log(x) - log(median)) / (sigma * 2.0.squareRoot())))
    case .geometric(let mean):
      guard x >= 1 else { return 0 }
      return mean <= 1 ? 1 : 1 - pow(1 - 1 / mean, x.rounded(.down))
    case .empirical(let values):
      return Double(values.count { $0 <= x }) / Double(values.count)
    }
  }

  /// The Kolmogorov–Smirnov distance of a sorted sample from `distribution`: the largest gap
  /// between the two distribution functions at each distinct value and just below it, so that tied
  /// values (counts) are compared as a step, not as a ramp.
  static func ks(_ sorted: [Double], _ distribution: Distribution) -> Double {
    let n = Double(sorted.count)
    var distance = 0.0
    var index = 0
    while index < sorted.count {
      let value = sorted[index]
      var end = index
      while end < sorted.count, sorted[end] == value { end += 1 }
      let below = Double(index) / n
      let atOrBelow = Double(end) / n
      distance = max(
        distance, abs(atOrBelow - cdf(distribution, value)), abs(below - cdf(distribution, value.nextDown)))
      index = end
    }
    return distance
  }

  /// The asymptotic p-value of a KS distance (Stephens' small-sample correction).
  static func kolmogorovPValue(_ distance: Double, n: Int) -> Double {
    let root = Double(n).squareRoot()
    let lambda = (root + 0.12 + 0.11 / root) * distance
    guard lambda > 0 else { return 1 }
    var sum = 0.0
    for k in 1...100 {
      let term = exp(-2 * Double(k * k) * lambda * lambda)
      sum += (k % 2 == 1 ? 2 : -2) * term
      if term < 1e-12 { break }
    }
    return min(1, max(0, sum))
  }

  static func round(_ value: Double, _ kind: Kind) -> Double {
    switch kind {
    case .duration: value >= 100_000 ? (value / 1_000).rounded() * 1_000 : value.rounded()
    case .count, .turns: roundCount(value)
    }
  }

  static func roundCount(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}
