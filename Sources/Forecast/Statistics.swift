/// Order statistics and intervals over per-world samples, computed deterministically.
public enum Statistics {
  /// The `p`-th percentile (0...100) of `values` by linear interpolation between closest ranks
  /// (the "R-7" definition used by NumPy and spreadsheets); nil for no values.
  ///
  /// - Complexity: O(n log n) for the sort.
  public static func percentile(_ values: [Double], _ p: Double) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    return percentile(sorted: sorted, p)
  }

  /// ``percentile(_:_:)`` over values already sorted ascending.
  public static func percentile(sorted: [Double], _ p: Double) -> Double? {
    guard !sorted.isEmpty else { return nil }
    let rank = (p / 100) * Double(sorted.count - 1)
    let lower = Int(rank.rounded(.down))
    let upper = min(lower + 1, sorted.count - 1)
    let fraction = rank - Double(lower)
    return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
  }

  /// The arithmetic mean; nil for no values.
  public static func mean(_ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    return kahanSum(values) / Double(values.count)
  }

  /// The sample standard deviation (n − 1 in the denominator); 0 for fewer than two values.
  public static func standardDeviation(_ values: [Double]) -> Double {
    guard values.count > 1, let mean = mean(values) else { return 0 }
    let squares = values.map { ($0 - mean) * ($0 - mean) }
    return (kahanSum(squares) / Double(values.count - 1)).squareRoot()
  }

  /// A two-sided 95% confidence interval for the mean of `values` (Student's t).
  public static func meanInterval95(_ values: [Double]) -> ClosedRange<Double>? {
    guard let mean = mean(values) else { return nil }
    guard values.count > 1 else { return mean...mean }
    let half =
      tQuantile975(degreesOfFreedom: values.count - 1) * standardDeviation(values)
      / Double(values.count).squareRoot()
    return (mean - half)...(mean + half)
  }

  /// The 95% interval of the difference of two independent means (Welch), for comparison with the
  /// paired interval: common random numbers make the paired one narrower.
  public static func unpairedDifferenceInterval95(_ a: [Double], _ b: [Double]) -> ClosedRange<Double>? {
    guard let meanA = mean(a), let meanB = mean(b), a.count > 1, b.count > 1 else { return nil }
    let varianceA = standardDeviation(a) * standardDeviation(a) / Double(a.count)
    let varianceB = standardDeviation(b) * standardDeviation(b) / Double(b.count)
    let standardError = (varianceA + varianceB).squareRoot()
    let degrees = Int(
      ((varianceA + varianceB) * (varianceA + varianceB)
        / (varianceA * varianceA / Double(a.count - 1) + varianceB * varianceB / Double(b.count - 1)))
        .rounded(.down))
    let half = tQuantile975(degreesOfFreedom: max(1, degrees)) * standardError
    let difference = meanA - meanB
    return (difference - half)...(difference + half)
  }

  /// The 97.5% quantile of Student's t distribution (two-sided 95%): exact table to 30 degrees of
  /// freedom, then the Cornish–Fisher expansion, which is within 10⁻⁴ of the true value there.
  public static func tQuantile975(degreesOfFreedom df: Int) -> Double {
    let table: [Double] = [
      12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145,
      2.131,
      2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ]
    if df >= 1, df <= table.count { return table[df - 1] }
    let z = 1.959963984540054
    let n = Double(df)
    let z3 = z * z * z
    let z5 = z3 * z * z
    return z + (z3 + z) / (4 * n) + (5 * z5 + 16 * z3 + 3 * z) / (96 * n * n)
  }

  /// A compensated sum, so that the order-independent inputs give stable means.
  static func kahanSum(_ values: [Double]) -> Double {
    var sum = 0.0
    var compensation = 0.0
    for value in values {
      let adjusted = value - compensation
      let next = sum + adjusted
      compensation = (next - sum) - adjusted
      sum = next
    }
    return sum
  }
}
