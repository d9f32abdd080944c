internal import RealtimeEvents
internal import Simulation

/// `rtcost fit`'s report: every parameter, its sample size and how its value was reached.
enum FitReportText {
  static func render(_ fit: ScenarioFit, scenarioPath: String, format: TableOrJSON) -> String {
    let report = fit.report
    switch format {
    case .json:
      return JSONValue.object([
        ("rtcost_fit", .int(1)),
        ("scenario", .string(scenarioPath)),
        ("recordings", .array(report.recordings.map { .string($0) })),
        ("observed_hours", .double(report.observedHours, decimals: 3)),
        ("sessions", .int(report.sessions)),
        ("conversations", .int(report.conversations)),
        ("genuine_turns", .int(report.genuineTurns)),
        ("noise_responses", .int(report.noiseResponses)),
        ("reprompts", .int(report.reprompts)),
        ("parameters", .array(report.rows.map(row))),
        ("notes", .array(report.notes.map { .string($0) })),
      ]).rendered()
    case .table:
      var out =
        "\(scenarioPath): fitted from \(report.recordings.count) recording(s), "
        + "\(FixedDecimal.format(report.observedHours, decimals: 1)) hours: \(report.sessions) sessions, "
        + "\(report.conversations) conversations, \(report.genuineTurns) turns, \(report.noiseResponses) "
        + "responses to noise, \(report.reprompts) re-prompts\n\n"
      var table = TextTable(
        headers: ["parameter", "n", "value", "how"], alignments: [.left, .right, .left, .left])
      for row in report.rows {
        table.append([row.keyPath, String(row.samples), shortened(row.value), row.how])
      }
      out += table.rendered() + "\n"
      for note in report.notes { out += "- \(note)\n" }
      return out
    }
  }

  static func row(_ row: FitReport.Row) -> JSONValue {
    var pairs: [(String, JSONValue)] = [
      ("key", .string(row.keyPath)), ("samples", .int(row.samples)), ("value", .string(row.value)),
    ]
    switch row.source {
    case .fitted(let fit):
      pairs += [
        ("source", .string("fitted")), ("family", .string(fit.family)),
        ("ks_distance", .double(fit.ksDistance, decimals: 4)),
        ("ks_p_value", .double(fit.ksPValue, decimals: 4)),
        ("aic", .double(fit.aic, decimals: 2)),
        (
          "alternatives",
          .array(
            fit.alternatives.map {
              .object([("family", .string($0.family)), ("aic", .double($0.aic, decimals: 2))])
            })
        ),
      ]
    case .estimated: pairs.append(("source", .string("estimated")))
    case .observed: pairs.append(("source", .string("observed")))
    case .defaulted(let reason): pairs += [("source", .string("default")), ("reason", .string(reason))]
    }
    return .object(pairs)
  }

  /// A profile's 24 rates are long: the table shows its sum; a long value list is cut.
  static func shortened(_ value: String) -> String {
    guard value.hasPrefix("[") else { return value.count > 60 ? String(value.prefix(57)) + "…" : value }
    let numbers = value.split(separator: "]")[0].dropFirst().split(separator: ",").compactMap {
      Double($0.trimmingCharacters(in: .whitespaces))
    }
    return "24 hourly rates, \(FixedDecimal.format(numbers.reduce(0, +), decimals: 1))/day"
  }
}
