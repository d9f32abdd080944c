internal import Billing
internal import RealtimeEvents
internal import Replay

/// The CSV form of ``ReplayReport``: one row per file in argument order, then a `total` row.
extension ReplayReport {
  static let csvColumns: [String] =
    [
      "file", "model", "timed", "responses", "completed", "cancelled", "cancelled_billed", "failed",
      "incomplete",
      "function_calls",
    ]
    + TokenCategory.allCases.map { "tokens_\($0.rawValue)" }
    + TokenCategory.allCases.map { "usd_\($0.rawValue)" }
    + [
      "usd_transcription", "usd_total", "seed_estimate_usd", "seed_to_billed_ratio", "unpriced_usage_blocks",
      "audio_in_s", "audio_out_s", "duration_s", "connected_s", "idle_disconnects", "reconnects", "alerts",
      "counterfactual_not_billed_usd",
    ]

  static func csv(_ results: [ReplayResult]) -> String {
    var rows = results.map { result in
      csvRow(
        file: result.file, model: result.model, timed: result.guardOutcome != nil ? "true" : "false",
        ReplayAggregate(result))
    }
    if results.count > 1 {
      var models: [String] = []
      for result in results where !models.contains(result.model) { models.append(result.model) }
      rows.append(csvRow(file: "total", model: models.joined(separator: " "), timed: "", total(results)))
    }
    return CSV.render(header: csvColumns, rows: rows)
  }

  private static func csvRow(file: String, model: String, timed: String, _ a: ReplayAggregate) -> [String] {
    let r = a.responses
    let timedValues: [String] =
      timed == "false"
      ? ["", "", "", "", "", ""]
      : [
        SecondsText.format(micros: a.duration), SecondsText.format(micros: a.connected),
        String(a.disconnects),
        String(a.reconnects), String(a.alerts), a.notBilled.decimalText,
      ]
    return [
      file, model, timed, String(r.total), String(r.completed), String(r.cancelled),
      String(r.cancelledBilled), String(r.failed), String(r.incomplete), String(a.functionCalls),
    ]
      + a.tokens.values.map(String.init)
      + a.costs.values.map(\.decimalText)
      + [
        a.transcriptionCost.decimalText, a.total.decimalText, a.seedEstimate.decimalText,
        a.seedRatio.map { FixedDecimal.format($0, decimals: 6) } ?? "", String(a.unpriced),
        SecondsText.format(micros: a.audioIn.totalMicros), SecondsText.format(micros: a.audioOut.totalMicros),
      ] + timedValues
  }
}
