internal import Billing
internal import CSVFormat
internal import RealtimeEvents
internal import Replay

/// The CSV form of ``ReplayReport``: one row per file in argument order, then a `total` row.
extension ReplayReport {
  /// One line of the replay CSV: a file's figures or the `total` of several.
  struct CSVLine: Sendable {
    var file: String
    var model: String
    /// "true" or "false" for a file (whether the guard ran on its timestamps); empty for the total.
    var timed: String
    var aggregate: ReplayAggregate
  }

  /// The CSV columns; an untimed file leaves the guard's columns (duration to the counterfactual) empty.
  static let csvSchema: CSVSchema<CSVLine> = {
    func guarded(_ name: String, _ field: @escaping @Sendable (ReplayAggregate) -> String) -> CSVColumn<
      CSVLine
    > {
      CSVColumn(name) { $0.timed == "false" ? "" : field($0.aggregate) }
    }
    let counts: [CSVColumn<CSVLine>] = [
      CSVColumn("file") { $0.file },
      CSVColumn("model") { $0.model },
      CSVColumn("timed") { $0.timed },
      CSVColumn("responses") { String($0.aggregate.responses.total) },
      CSVColumn("completed") { String($0.aggregate.responses.completed) },
      CSVColumn("cancelled") { String($0.aggregate.responses.cancelled) },
      CSVColumn("cancelled_billed") { String($0.aggregate.responses.cancelledBilled) },
      CSVColumn("failed") { String($0.aggregate.responses.failed) },
      CSVColumn("incomplete") { String($0.aggregate.responses.incomplete) },
      CSVColumn("function_calls") { String($0.aggregate.functionCalls) },
    ]
    let tokens = TokenCategory.allCases.map { category in
      CSVColumn<CSVLine>("tokens_\(category.rawValue)") { String($0.aggregate.tokens[category]) }
    }
    let costs = TokenCategory.allCases.map { category in
      CSVColumn<CSVLine>("usd_\(category.rawValue)") { $0.aggregate.costs[category].decimalText }
    }
    let totals: [CSVColumn<CSVLine>] = [
      CSVColumn("usd_transcription") { $0.aggregate.transcriptionCost.decimalText },
      CSVColumn("usd_total") { $0.aggregate.total.decimalText },
      CSVColumn("seed_estimate_usd") { $0.aggregate.seedEstimate.decimalText },
      CSVColumn("seed_to_billed_ratio") {
        $0.aggregate.seedRatio.map { FixedDecimal.format($0, decimals: 6) } ?? ""
      },
      CSVColumn("unpriced_usage_blocks") { String($0.aggregate.unpriced) },
      CSVColumn("audio_in_s") { SecondsText.format(micros: $0.aggregate.audioIn.totalMicros) },
      CSVColumn("audio_out_s") { SecondsText.format(micros: $0.aggregate.audioOut.totalMicros) },
      guarded("duration_s") { SecondsText.format(micros: $0.duration) },
      guarded("connected_s") { SecondsText.format(micros: $0.connected) },
      guarded("idle_disconnects") { String($0.disconnects) },
      guarded("reconnects") { String($0.reconnects) },
      guarded("alerts") { String($0.alerts) },
      guarded("counterfactual_not_billed_usd") { $0.notBilled.decimalText },
    ]
    return CSVSchema(counts + tokens + costs + totals)
  }()

  static func csv(_ results: [ReplayResult]) -> String {
    var lines = results.map { result in
      CSVLine(
        file: result.file, model: result.model, timed: result.guardOutcome != nil ? "true" : "false",
        aggregate: ReplayAggregate(result))
    }
    if results.count > 1 {
      var models: [String] = []
      for result in results where !models.contains(result.model) { models.append(result.model) }
      lines.append(
        CSVLine(file: "total", model: models.joined(separator: " "), timed: "", aggregate: total(results)))
    }
    return csvSchema.render(lines)
  }
}
