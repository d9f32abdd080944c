public import SessionGuard
public import Simulation

/// How sure a recommendation is: each wide assumption set to the ends of its range on the same worlds
/// (the same seeds), the saving of the policy recommended at the nominal assumptions at each end,
/// and the policy the same limits recommend there.
///
/// Only one policy of each set of identical policies runs (identical at the nominal assumptions; a
/// variation could split such a set, which this does not look for), so a sensitivity run costs
/// `2 × assumptions × sets / policies` forecasts.
public struct Sensitivity: Sendable {
  /// The outcome at one end of an assumption's range.
  public struct Outcome: Sendable {
    /// The value the assumption took.
    public var value: String
    /// The tracked policy's summary there (its saving against the baseline on the same worlds).
    public var tracked: PolicySummary
    /// The label of the policy the limits recommend there; nil when none keeps them.
    public var recommended: String?
    /// Whether that is the nominal recommendation.
    public var holds: Bool
  }

  /// One assumption's row.
  public struct Row: Sendable {
    public var key: String
    public var nominal: String
    public var source: String
    public var low: Outcome
    public var high: Outcome

    /// How far the tracked saving (USD per device-day) moves between the two ends.
    public var swing: Double { abs(high.tracked.savings - low.tracked.savings) }
  }

  /// The label of the policy followed: the recommendation, else (none keeps the limits) the one
  /// ranked first with no limits.
  public var trackedLabel: String
  /// Whether the tracked policy is the recommendation.
  public var tracksRecommendation: Bool
  /// The tracked policy's summary at the nominal assumptions.
  public var nominal: PolicySummary
  /// Largest swing first; ties keep the assumptions' order.
  public var rows: [Row]

  /// Runs `forecast` with each of `assumptions` at its two ends, judging with `recommendation`'s
  /// limits; `results` are the nominal run's.
  public static func run(
    _ forecast: ScenarioForecast, results: ForecastResults, recommendation: Recommendation,
    assumptions: [SensitivityAssumption], jobs: Int, progress: (@Sendable (Int) -> Void)? = nil
  ) throws -> Sensitivity {
    let policyCount = forecast.policies.count
    let unlimited = Recommendation(results, limits: DecisionLimits())
    let tracked =
      recommendation.choice ?? unlimited.choice ?? recommendation.candidates[0]
    let trackedIndex = tracked.policies.representative
    // Run the representatives' policies (on every model) and the baseline.
    var indices = Set(recommendation.candidates.map { $0.policies.representative % policyCount })
    indices.insert(forecast.baseline)
    let subset = indices.sorted()
    var reduced = forecast
    reduced.policies = subset.map { forecast.policies[$0] }
    reduced.baseline = subset.firstIndex(of: forecast.baseline)!
    let trackedInSubset =
      (trackedIndex / policyCount) * subset.count + subset.firstIndex(of: trackedIndex % policyCount)!
    let nominalLabel = recommendation.choice?.summary.label
    var done = 0
    func outcome(_ setting: SensitivityAssumption.Setting) throws -> Outcome {
      var varied = reduced
      setting.apply(&varied.scenario)
      let offset = done
      var shifted: (@Sendable (Int) -> Void)? = nil
      if let progress { shifted = { progress(offset + $0) } }
      let variedResults = try varied.run(jobs: jobs, progress: shifted)
      done += varied.worlds
      let summaries = variedResults.summaries()
      let choice = Recommendation(variedResults, limits: recommendation.limits).choice?.summary.label
      return Outcome(
        value: setting.value, tracked: summaries[trackedInSubset], recommended: choice,
        holds: choice == nominalLabel)
    }
    var rows: [Row] = []
    for assumption in assumptions {
      rows.append(
        Row(
          key: assumption.key, nominal: assumption.nominal, source: assumption.source,
          low: try outcome(assumption.low), high: try outcome(assumption.high)))
    }
    let order = rows.indices.sorted { a, b in
      rows[a].swing != rows[b].swing ? rows[a].swing > rows[b].swing : a < b
    }
    return Sensitivity(
      trackedLabel: tracked.summary.label, tracksRecommendation: recommendation.choice != nil,
      nominal: tracked.summary, rows: order.map { rows[$0] })
  }

  /// Worlds a run of `assumptions` simulates (for a progress bar).
  public static func worldCount(_ forecast: ScenarioForecast, assumptions: [SensitivityAssumption]) -> Int {
    2 * assumptions.count * forecast.worlds
  }
}
