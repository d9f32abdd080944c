internal import Forecast

/// The forecast JSON's `decision` and `sensitivity` members.
enum DecisionJSON {
  static func decision(_ recommendation: Recommendation) -> JSONValue {
    let labels = { (indices: [Int]) in
      indices.map { JSONValue.string(recommendation.candidates[$0].summary.label) }
    }
    return .object([
      (
        "limits",
        .array(
          recommendation.limits.limits.map { limit in
            .object([
              ("kind", .string(limit.kind.rawValue)), ("option", .string(limit.kind.option)),
              ("maximum", .double(limit.maximum, decimals: 3)), ("judged_on", .string(limit.kind.judgedOn)),
            ])
          })
      ),
      ("rule", .string(Recommendation.rule)),
      ("recommended", recommendation.choice.map { .string($0.summary.label) } ?? .null),
      ("statement", .string(DecisionText.answer(recommendation))),
      ("frontier", .array(labels(recommendation.frontier))),
      (
        "distinct_policies",
        .array(
          recommendation.candidates.map { candidate in
            .object([
              ("policy", .string(candidate.summary.label)),
              ("baseline", .bool(candidate.summary.isBaseline)),
              (
                "identical",
                .array(
                  candidate.policies.members.filter { $0 != candidate.policies.representative }
                    .map { .int($0) })
              ),
              ("identical_description", DecisionText.identical(candidate).map { .string($0) } ?? .null),
              ("keeps_limits", .bool(candidate.keepsLimits)),
              (
                "limit_figures",
                .object(candidate.figures.map { ($0.limit.kind.rawValue, .double($0.value, decimals: 3)) })
              ),
            ])
          })
      ),
    ])
  }

  static func sensitivity(_ sensitivity: Sensitivity) -> JSONValue {
    func outcome(_ outcome: Sensitivity.Outcome) -> JSONValue {
      .object([
        ("value", .string(outcome.value)),
        ("saving_per_device_day_usd", .double(outcome.tracked.savings)),
        ("saving_percent", .double(outcome.tracked.savingsPercent, decimals: 3)),
        ("recommended", outcome.recommended.map { .string($0) } ?? .null),
        ("recommendation_holds", .bool(outcome.holds)),
      ])
    }
    return .object([
      ("tracked_policy", .string(sensitivity.trackedLabel)),
      ("tracked_is_recommendation", .bool(sensitivity.tracksRecommendation)),
      ("nominal_saving_per_device_day_usd", .double(sensitivity.nominal.savings)),
      ("nominal_saving_percent", .double(sensitivity.nominal.savingsPercent, decimals: 3)),
      (
        "assumptions",
        .array(
          sensitivity.rows.map { row in
            .object([
              ("key", .string(row.key)), ("nominal", .string(row.nominal)), ("source", .string(row.source)),
              ("low", outcome(row.low)), ("high", outcome(row.high)),
            ])
          })
      ),
    ])
  }
}

/// The terminal's sensitivity table.
enum SensitivityText {
  static func holds(_ outcome: Sensitivity.Outcome) -> String {
    outcome.holds ? "holds" : "flips to \(outcome.recommended.map { "`\($0)`" } ?? "none")"
  }

  static func table(_ sensitivity: Sensitivity) -> String {
    var out =
      "How sure: the saving of `\(sensitivity.trackedLabel)`"
      + (sensitivity.tracksRecommendation ? " (the recommendation)" : " (ranked first with no limits)")
      + ", nominally \(DecisionText.percent(sensitivity.nominal.savingsPercent))%, with each assumption at "
      + "the ends of its range on the same worlds:\n"
    var table = TextTable(headers: [
      "assumption", "nominal", "low", "saving %", "recommendation", "high", "saving %", "recommendation",
    ])
    for row in sensitivity.rows {
      table.append([
        row.key, row.nominal, row.low.value, DecisionText.percent(row.low.tracked.savingsPercent),
        holds(row.low), row.high.value, DecisionText.percent(row.high.tracked.savingsPercent),
        holds(row.high),
      ])
    }
    out += table.rendered() + "Ranges:\n"
    out += sensitivity.rows.map { "  \($0.key): \($0.low.value)…\($0.high.value): \($0.source)\n" }.joined()
    let flips = sensitivity.rows.filter { !$0.low.holds || !$0.high.holds }.map(\.key)
    out +=
      flips.isEmpty
      ? "The recommendation holds over every range.\n"
      : "The recommendation flips with: \(flips.joined(separator: ", ")).\n"
    return out
  }
}
