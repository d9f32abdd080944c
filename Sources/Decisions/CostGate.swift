/// Thresholds a diff must stay under (`rtcost gate`), judged so that noise cannot fail a build:
/// a forecast's increase is the **lower bound** of its paired 95% interval, a recording's is exact.
public struct CostGate: Sendable, Equatable {
  /// The largest increase allowed, as a percentage of the base (nil: no limit).
  public var maxIncreasePercent: Double?
  /// The largest increase allowed in USD: per device-day for forecasts, per recording for
  /// recordings (nil: no limit).
  public var maxIncreaseUSD: Double?
  /// The largest increase allowed in a fleet plan's monthly cost, in USD (nil: no limit).
  public var maxIncreaseUSDPerMonth: Double?

  public init(
    maxIncreasePercent: Double? = nil, maxIncreaseUSD: Double? = nil, maxIncreaseUSDPerMonth: Double? = nil
  ) {
    self.maxIncreasePercent = maxIncreasePercent
    self.maxIncreaseUSD = maxIncreaseUSD
    self.maxIncreaseUSDPerMonth = maxIncreaseUSDPerMonth
  }

  /// Every threshold crossed, one sentence each, in the diff's order; empty when the gate passes.
  public func crossings(_ diff: SnapshotDiff) -> [String] {
    var reasons: [String] = []
    for change in diff.forecasts {
      reasons += judged(
        change, what: "the deployed policy's cost", unit: "per device-day", over: "worlds",
        usdLimit: maxIncreaseUSD.map { ($0, "--max-increase-usd") })
    }
    for change in diff.plans {
      reasons += judged(
        change, what: "the fleet's cost", unit: "a month", over: "sampled months",
        usdLimit: maxIncreaseUSDPerMonth.map { ($0, "--max-increase-usd-per-month") })
    }
    for change in diff.recordings {
      let delta = Double(change.deltaPico) / 1e12
      let what = "\(change.name): the recording's bill rose by $\(SnapshotDiff.usd(delta))"
      if let limit = maxIncreaseUSD, delta > limit {
        reasons.append("\(what), above --max-increase-usd \(limit)")
      }
      if let limit = maxIncreasePercent, change.basePico > 0 {
        let percent = Double(change.deltaPico) / Double(change.basePico) * 100
        if percent > limit {
          reasons.append("\(what), \(Self.percentText(percent))%, above --max-increase-percent \(limit)")
        }
      }
    }
    return reasons
  }

  /// The thresholds a paired change crosses, judged on the lower bound of its interval.
  private func judged(
    _ change: SnapshotDiff.ForecastChange, what: String, unit: String, over: String,
    usdLimit: (value: Double, flag: String)?
  ) -> [String] {
    var reasons: [String] = []
    let lower = change.delta.interval.lowerBound
    let sentence =
      "\(change.scenario): \(what) rose by at least $\(SnapshotDiff.usd(lower)) \(unit) "
      + "(lower bound of the paired 95% interval over \(change.worlds) \(over))"
    if let usdLimit, lower > usdLimit.value {
      reasons.append("\(sentence), above \(usdLimit.flag) \(usdLimit.value)")
    }
    if let limit = maxIncreasePercent, change.baseMean > 0, change.percent(lower) > limit {
      reasons.append(
        "\(sentence), \(Self.percentText(change.percent(lower)))%, above --max-increase-percent \(limit)")
    }
    return reasons
  }

  static func percentText(_ value: Double) -> String {
    let tenths = Int64((value * 10).rounded())
    return "\(tenths / 10).\(abs(tenths % 10))"
  }
}
