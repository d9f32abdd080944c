internal import RealtimeEvents

/// The answer a forecast gives: the cheapest policy that keeps the user's limits, the frontier of
/// saving against added waiting, and each set of identical policies once.
///
/// The rule, stated in every report: a policy keeps the limits when each figure's conservative side
/// (``DecisionLimits``) is at most the limit; among those, the one with the largest saving at the
/// low end of its paired 95% interval is recommended; ties go to fewer seconds of added waiting per
/// device-day, then to the label that sorts first. The baseline is a candidate like any other, so
/// "keep the baseline" is a possible answer.
public struct Recommendation: Sendable {
  /// One row of the decision: a set of identical policies, its summary and its limit figures.
  public struct Candidate: Sendable {
    public var policies: IdenticalPolicies
    /// The representative's summary.
    public var summary: PolicySummary
    /// The judged figure of every limit, in the limits' order.
    public var figures: [(limit: DecisionLimits.Limit, value: Double)]
    /// Whether every figure is within its limit.
    public var keepsLimits: Bool { figures.allSatisfy { $0.value <= $0.limit.maximum } }
    /// The limits it breaks.
    public var broken: [(limit: DecisionLimits.Limit, value: Double)] {
      figures.filter { $0.value > $0.limit.maximum }
    }
  }

  public var limits: DecisionLimits
  /// One per set of identical policies, in grid order of their representatives.
  public var candidates: [Candidate]
  /// Index into ``candidates`` of the recommendation; nil when no policy keeps every limit.
  public var recommended: Int?
  /// Indices into ``candidates`` of the Pareto frontier of mean saving against mean added waiting
  /// (no other candidate saves at least as much with at most as much waiting, one of them strictly),
  /// by added waiting, then saving.
  public var frontier: [Int]

  /// The recommendation ``results`` give under ``limits``.
  public init(_ results: ForecastResults, limits: DecisionLimits) {
    let summaries = results.summaries()
    let days = Double(results.identity.horizon) / Double(86_400 * Micros.perSecond)
    self.limits = limits
    candidates = IdenticalPolicies.groups(results).map { group in
      let summary = summaries[group.representative]
      let runs = results.worlds.map { $0.metrics[group.representative] }
      return Candidate(
        policies: group, summary: summary,
        figures: limits.limits.map { limit in
          (limit, DecisionLimits.figure(limit.kind, summary: summary, runs: runs, days: days))
        })
    }
    recommended = Self.choose(candidates)
    frontier = Self.frontier(candidates)
  }

  /// The recommended candidate.
  public var choice: Candidate? { recommended.map { candidates[$0] } }

  /// Whether candidate `a` ranks before `b` under the stated rule.
  static func ranksBefore(_ a: Candidate, _ b: Candidate) -> Bool {
    let lowA = a.summary.savingsInterval.lowerBound
    let lowB = b.summary.savingsInterval.lowerBound
    if lowA != lowB { return lowA > lowB }
    if a.summary.addedWaitSeconds != b.summary.addedWaitSeconds {
      return a.summary.addedWaitSeconds < b.summary.addedWaitSeconds
    }
    return a.summary.label < b.summary.label
  }

  static func choose(_ candidates: [Candidate]) -> Int? {
    candidates.indices.filter { candidates[$0].keepsLimits }.min {
      ranksBefore(candidates[$0], candidates[$1])
    }
  }

  static func frontier(_ candidates: [Candidate]) -> [Int] {
    let points = candidates.map { ($0.summary.savings, $0.summary.addedWaitSeconds) }
    let kept = points.indices.filter { index in
      !points.indices.contains { other in
        other != index && points[other].0 >= points[index].0 && points[other].1 <= points[index].1
          && (points[other].0 > points[index].0 || points[other].1 < points[index].1)
      }
    }
    return kept.sorted { a, b in
      points[a].1 != points[b].1
        ? points[a].1 < points[b].1 : points[a].0 != points[b].0 ? points[a].0 < points[b].0 : a < b
    }
  }

  /// The rule, in one sentence for reports.
  public static let rule =
    "Limits are judged on their conservative side (per-day figures on the high end of the 95% interval "
    + "of the mean over worlds, the p95 wait on all delayed turns pooled); among the policies that keep "
    + "them, the largest saving at the low end of its paired 95% interval wins, ties going to fewer "
    + "seconds of added waiting, then to the label that sorts first."
}
