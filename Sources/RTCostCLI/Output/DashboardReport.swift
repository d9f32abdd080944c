internal import Billing
internal import RealtimeEvents
internal import SessionGuard

/// Renders `rtcost dashboard`.
enum DashboardReport {
  /// The billed total against the seed's estimate for the same usage.
  struct Discrepancy {
    var billed: Money
    var seedEstimate: Money

    /// billed − seed estimate.
    var difference: Money { billed - seedEstimate }
    /// billed ÷ seed estimate; nil when the estimate is zero.
    var ratio: Double? {
      seedEstimate.picoUSD == 0 ? nil : Double(billed.picoUSD) / Double(seedEstimate.picoUSD)
    }
  }

  static func discrepancy(_ stats: UsageStats) -> Discrepancy? {
    stats.meters.map { Discrepancy(billed: $0.billed, seedEstimate: $0.seedEstimate) }
  }

  static func writer(_ stats: UsageStats) -> String {
    stats.version == 0
      ? "the seed design (no rtcost meters)" : "rtcost (stats version \(stats.version))"
  }

  static func json(path: String, stats: UsageStats) -> String {
    var members: [(String, JSONValue)] = [
      ("file", .string(path)),
      ("written_by", .string(writer(stats))),
      (
        "seed_fields",
        .object([
          ("label", .string("seed estimate: " + GuardMode.seed.label)),
          ("audio_input_seconds", number(stats.audioInputSeconds)),
          ("audio_output_seconds", number(stats.audioOutputSeconds)),
          ("text_input_tokens", .int(stats.textInputTokens)),
          ("text_output_tokens", .int(stats.textOutputTokens)),
          ("total_sessions", .int(stats.totalSessions)),
          ("total_duration_seconds", number(stats.totalDurationSeconds)),
          ("function_calls", .int(stats.functionCalls)),
          ("estimated_cost_usd", number(stats.estimatedCostUSD)),
        ])
      ),
    ]
    if let meters = stats.meters {
      members.append(("real", realJSON(meters)))
    } else {
      members.append(("real", .null))
    }
    if let gap = discrepancy(stats) {
      members.append(
        (
          "discrepancy",
          .object([
            ("billed_usd", .number(gap.billed.decimalText)),
            ("seed_estimate_usd", .number(gap.seedEstimate.decimalText)),
            ("difference_usd", .number(gap.difference.decimalText)),
            ("ratio", gap.ratio.map { .double($0, decimals: 4) } ?? .null),
          ])
        ))
    } else {
      members.append(("discrepancy", .null))
    }
    members.append(("extra_keys", .array(stats.extraKeys.map { .string($0.key) })))
    return JSONValue.object(members).rendered()
  }

  static func realJSON(_ meters: StatsMeters) -> JSONValue {
    .object([
      ("label", .string(GuardMode.real.label)),
      ("billed_usd", .number(meters.billed.decimalText)),
      (
        "cost_usd",
        .object(
          TokenCategory.allCases.map { ($0.rawValue, JSONValue.number(meters.costs[$0].decimalText)) }
            + [
              ("transcription", .number(meters.transcriptionCost.decimalText))
            ]
            + (meters.liveCost == .zero ? [] : [("gpt_live", .number(meters.liveCost.decimalText))]) + [
              ("total", .number(meters.billed.decimalText))
            ])
      ),
      ("tokens", .object(TokenCategory.allCases.map { ($0.rawValue, JSONValue.int(meters.tokens[$0])) })),
      (
        "responses",
        .object(
          ResponseStatus.allCases.map { ($0.rawValue, JSONValue.int(meters.responses[$0])) }
            + [("cancelled_billed", .int(meters.responses.cancelledBilled))])
      ),
      ("function_calls", .int(meters.functionCalls)),
      ("sessions", .int(meters.sessions)),
      ("connected_seconds", .number(DecimalText.format(meters.connectedMicros, scale: 6))),
      ("audio_input_seconds", .number(DecimalText.format(meters.inputAudioMicros, scale: 6))),
      ("audio_output_seconds", .number(DecimalText.format(meters.outputAudioMicros, scale: 6))),
      ("pricing_warnings", .int(meters.pricingWarnings)),
      ("unpriced_responses", .int(meters.unpricedResponses)),
    ])
  }

  static func table(path: String, stats: UsageStats) -> String {
    var out = "Usage stats: \(path), written by \(writer(stats))\n\n"
    out += "Seed dashboard fields [seed estimate: \(GuardMode.seed.label)]\n"
    var seed = TextTable(headers: ["field", "value"])
    seed.append(["total sessions", String(stats.totalSessions)])
    seed.append(["total duration", duration(stats.totalDurationSeconds)])
    seed.append(["audio input", seconds(stats.audioInputSeconds)])
    seed.append(["audio output", seconds(stats.audioOutputSeconds)])
    seed.append(["text input tokens", String(stats.textInputTokens)])
    seed.append(["text output tokens", String(stats.textOutputTokens)])
    seed.append(["function calls", String(stats.functionCalls)])
    seed.append(["estimated cost", "$" + FixedDecimal.format(stats.estimatedCostUSD, decimals: 6)])
    out += seed.rendered()
    guard let meters = stats.meters else {
      out += "\nNo real meters in this file (the seed wrote it): run the app with rtcost's UsageStore to "
      out += "record billed usage.\n"
      return out
    }
    out += "\nReal meters [\(GuardMode.real.label)]: billed from response.done usage\n"
    var costs = TextTable(headers: ["category", "tokens", "USD"])
    for category in TokenCategory.allCases {
      costs.append([category.rawValue, String(meters.tokens[category]), money(meters.costs[category])])
    }
    costs.append(["transcription", "", money(meters.transcriptionCost)])
    if meters.liveCost != .zero { costs.append(["GPT-Live session + backend", "", money(meters.liveCost)]) }
    costs.append(["total", String(meters.tokens.total), money(meters.billed)])
    out += costs.rendered()
    let r = meters.responses
    out += "\nresponses: \(r.total) (completed \(r.completed), cancelled \(r.cancelled) of which "
    out += "\(r.cancelledBilled) billed, failed \(r.failed), incomplete \(r.incomplete))\n"
    out += "sessions \(meters.sessions), connected \(duration(Double(meters.connectedMicros) / 1e6)), "
    out += "function calls \(meters.functionCalls)\n"
    out += "audio in \(seconds(Double(meters.inputAudioMicros) / 1e6)), "
    out += "audio out \(seconds(Double(meters.outputAudioMicros) / 1e6))\n"
    if meters.pricingWarnings > 0 || meters.unpricedResponses > 0 {
      out += "pricing: \(meters.pricingWarnings) usage blocks priced with a warning, "
      out += "\(meters.unpricedResponses) could not be priced (not included above)\n"
    }
    if let gap = discrepancy(stats) {
      out += "\nDiscrepancy: billed \(money(gap.billed)) vs seed estimate \(money(gap.seedEstimate)): "
      out += "difference \(money(gap.difference))"
      if let ratio = gap.ratio {
        out += ", billed is \(FixedDecimal.format(ratio, decimals: 2))× the estimate"
      }
      out += "\n"
    }
    if !stats.extraKeys.isEmpty {
      out += "\nOther keys kept in the file: \(stats.extraKeys.map(\.key).joined(separator: ", "))\n"
    }
    return out
  }

  private static func money(_ amount: Money) -> String {
    let text = amount.rounded(toDecimals: 6)
    return text.hasPrefix("-") ? "-$" + text.dropFirst() : "$" + text
  }

  private static func number(_ value: Double) -> JSONValue {
    guard value.isFinite else { return .null }
    return .number(value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)")
  }

  private static func seconds(_ value: Double) -> String { FixedDecimal.format(value, decimals: 1) + " s" }

  private static func duration(_ seconds: Double) -> String {
    let total = Int64(seconds.rounded())
    let (hours, minutes, secs) = (total / 3_600, total % 3_600 / 60, total % 60)
    func pad(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return hours > 0 ? "\(hours)h \(pad(minutes))m \(pad(secs))s" : "\(minutes)m \(pad(secs))s"
  }
}
