internal import Forecast

/// The recommendation, the frontier and the identical policies in words, for every report format.
enum DecisionText {
  static func percent(_ value: Double) -> String { FixedDecimal.format(value, decimals: 1) }
  static func seconds(_ value: Double) -> String { FixedDecimal.format(value, decimals: 1) }

  /// A limit's figure as text: seconds with one decimal and `s`, counts with two decimals.
  static func figure(_ value: Double, _ kind: DecisionLimits.Kind) -> String {
    kind.isSeconds ? "\(seconds(value)) s" : FixedDecimal.format(value, decimals: 2)
  }

  /// `p95 added wait ≤ 2.0 s, memory lost/day ≤ 0.50`.
  static func limits(_ limits: DecisionLimits) -> String {
    limits.limits.map { "\($0.kind.title) ≤ \(figure($0.maximum, $0.kind))" }.joined(separator: ", ")
  }

  /// `saves $0.0123 per device-day (4.5%, 95% interval 3.9…5.1%)`.
  static func saving(_ row: PolicySummary) -> String {
    "saves $\(ForecastReport.usd(row.savings)) per device-day (\(percent(row.savingsPercent))%, "
      + "95% interval \(percent(row.savingsPercentInterval.lowerBound))…"
      + "\(percent(row.savingsPercentInterval.upperBound))%)"
  }

  /// What the saving costs in waiting and memory.
  static func waiting(_ row: PolicySummary) -> String {
    "\(seconds(row.addedWaitSeconds)) s of added waiting per device-day "
      + "(\(FixedDecimal.format(row.turnsDelayed, decimals: 2)) turns delayed, p95 wait "
      + "\(row.latencyP95.map { "\(seconds($0)) s" } ?? "none"), "
      + "\(FixedDecimal.format(row.conversationsWithMemoryLost, decimals: 2)) conversations losing memory)"
  }

  /// The answer in one or two sentences.
  static func answer(_ recommendation: Recommendation) -> String {
    let given =
      recommendation.limits.isEmpty
      ? "No limits given (set \(DecisionLimits.Kind.allCases.map(\.option).joined(separator: ", "))), so "
        + "nothing is ruled out. "
      : "Limits: \(limits(recommendation.limits)). "
    guard let choice = recommendation.choice else {
      return given
        + "No policy keeps every limit: each of the \(recommendation.candidates.count) distinct policies "
        + "breaks at least one (see the limits column). Loosen a limit or widen the grid."
    }
    let row = choice.summary
    if row.isBaseline {
      return given + "Recommended: keep the baseline `\(row.label)`: no other policy that keeps the limits "
        + "saves more at the low end of its 95% interval."
    }
    return given + "Recommended: `\(row.label)`: \(saving(row)), at the cost of \(waiting(row))."
  }

  /// Whether a candidate keeps the limits, or which it breaks and by how much.
  static func limitsCell(_ candidate: Recommendation.Candidate) -> String {
    guard !candidate.figures.isEmpty else { return "" }
    let broken = candidate.broken
    guard !broken.isEmpty else { return "kept" }
    return "breaks "
      + broken.map { "\($0.limit.kind.title) \(figure($0.value, $0.limit.kind))" }.joined(separator: ", ")
  }

  /// `activity=seed, any timeout: identical to timeout=off activity=real (the baseline)`; nil for a
  /// policy with no twin.
  static func identical(_ candidate: Recommendation.Candidate) -> String? {
    let group = candidate.policies
    guard group.members.count > 1 else { return nil }
    return "\(group.othersDescription): identical to `\(candidate.summary.label)`"
      + (group.containsBaseline ? " (the baseline)" : "")
  }

  /// The row label with a mark for the baseline and for the policies it stands for.
  static func rowLabel(_ candidate: Recommendation.Candidate) -> String {
    let others = candidate.policies.members.count - 1
    return candidate.summary.label + (candidate.summary.isBaseline ? " (baseline)" : "")
      + (others > 0 ? " [+\(others) identical]" : "")
  }

  /// The candidates in the table's order: largest mean saving first, ties in grid order.
  static func ordered(_ recommendation: Recommendation) -> [Recommendation.Candidate] {
    recommendation.candidates.enumerated().sorted { a, b in
      a.element.summary.savings != b.element.summary.savings
        ? a.element.summary.savings > b.element.summary.savings : a.offset < b.offset
    }.map(\.element)
  }

  /// The terminal's decision block: the answer, the frontier and the identical sets.
  static func block(_ recommendation: Recommendation) -> String {
    var out = answer(recommendation) + "\n" + Recommendation.rule + "\n\n"
    out += "Frontier of saving against added waiting (no other policy saves more for as little waiting):\n"
    var frontier = TextTable(headers: ["policy", "added wait s/day", "saving %", "limits"])
    for index in recommendation.frontier {
      let candidate = recommendation.candidates[index]
      frontier.append([
        candidate.summary.label + (recommendation.recommended == index ? "  ← recommended" : ""),
        seconds(candidate.summary.addedWaitSeconds), percent(candidate.summary.savingsPercent),
        limitsCell(candidate),
      ])
    }
    out += frontier.rendered()
    let twins = recommendation.candidates.compactMap(identical)
    if !twins.isEmpty {
      out += "\nIdentical results in every world, shown once:\n" + twins.map { "  " + $0 + "\n" }.joined()
    }
    return out
  }
}
