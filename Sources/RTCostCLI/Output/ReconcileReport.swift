internal import Billing
internal import Reconcile

/// `rtcost reconcile`'s report: the priced usage, the comparison with the bill, the month against
/// the forecast.
enum ReconcileReport {
  static let columns: [(String, TokenCategory)] = [
    ("text_in", .textIn), ("text_cached", .textInCached), ("audio_in", .audioIn),
    ("audio_cached", .audioInCached),
    ("image_in", .imageIn), ("image_cached", .imageInCached), ("text_out", .textOut),
    ("audio_out", .audioOut),
  ]

  static func render(
    files: [String], usage: UsageReconciliation, costs: CostComparison?, month: MonthComparison?,
    format: TableOrJSON
  ) -> String {
    switch format {
    case .json: return json(files: files, usage: usage, costs: costs, month: month).rendered()
    case .table: return table(files: files, usage: usage, costs: costs, month: month)
    }
  }

  static func money(_ value: Money) -> String { (value < .zero ? "-$" : "$") + abs(value).decimalText }

  static func abs(_ value: Money) -> Money { value < .zero ? .zero - value : value }

  static func meanings(_ usage: UsageReconciliation) -> String {
    let names: [(AudioTokenMeaning, String)] = [
      (.inclusive, "include cached tokens"), (.uncached, "count uncached tokens"),
      (.either, "nothing cached"),
    ]
    return names.compactMap { meaning, text in
      usage.meanings[meaning].map { "\($0) rows \(text)" }
    }.joined(separator: ", ")
  }

  // MARK: Table

  static func table(
    files: [String], usage: UsageReconciliation, costs: CostComparison?, month: MonthComparison?
  )
    -> String
  {
    let empty = usage.coveredDays.filter { day in !usage.days.contains { $0.day == day } }
    var out =
      "\(files.joined(separator: ", ")): \(usage.days.count) day×model rows over \(usage.coveredDays.count) days"
    if !empty.isEmpty { out += " (\(empty.count) without usage)" }
    out += "; input_audio_tokens: \(meanings(usage))\n\n"
    var table = TextTable(
      headers: ["day", "model", "rows", "requests"] + columns.map(\.0) + ["cost", "cached share"],
      alignments: [.left, .left] + Array(repeating: .right, count: columns.count + 4))
    var totals = TokenCounts.zero
    var requests: Int64 = 0
    // Days in order, an empty day where it falls.
    let listed = (usage.days.map { ($0.day, Optional($0)) } + empty.map { ($0, nil as UsageDay?) })
      .enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element)
    for (date, entry) in listed {
      guard let day = entry else {
        table.append([date.description, "(no usage)"])
        continue
      }
      totals.add(day.tokens)
      requests += day.requests
      let cost =
        day.card == nil
        ? "not priced"
        : day.lowerBound == day.cost ? money(day.cost) : "\(money(day.lowerBound))…\(money(day.cost))"
      table.append(
        [day.day.description, day.card?.model ?? day.model, String(day.rows), String(day.requests)]
          + columns.map { String(day.tokens[$0.1]) } + [
            cost, FixedDecimal.format(day.cachedShare * 100, decimals: 1) + "%",
          ])
    }
    let lower = usage.lowerBound.decimalText
    let total = usage.total.decimalText
    let unpriced = usage.days.contains { $0.card == nil } ? " + not priced" : ""
    table.append(
      ["total", "", "", String(requests)] + columns.map { String(totals[$0.1]) }
        + [(lower == total ? "$" + total : "$\(lower)…$\(total)") + unpriced])
    out += table.rendered()
    for note in usage.days.flatMap(\.notes) + usage.unpriced + usage.warnings { out += "- \(note)\n" }
    if let costs {
      out += "\nagainst the costs export (per day, model and line item; Δ = rtcost − export):\n\n"
      var rows = TextTable(
        headers: ["day", "model", "line item", "rtcost", "export", "Δ"],
        alignments: [.left, .left, .left, .right, .right, .right])
      for row in costs.rows {
        rows.append([
          row.day.description, row.model, row.category?.rawValue ?? "?", money(row.ours), money(row.export),
          money(row.delta),
        ])
      }
      for day in costs.days {
        rows.append([
          day.day.description, "day total", "", money(day.ours), money(day.export),
          money(day.ours - day.export),
        ])
      }
      out += rows.rendered()
      for other in costs.otherLineItems {
        out +=
          "- line item '\(other.lineItem)' (\(money(other.amount))) is not a Realtime token category rtcost prices\n"
      }
    }
    if let month {
      out +=
        "\n\(month.month.description.prefix(7)): forecast (\(month.devices) device(s) × \(month.days) days, "
      out += "\(month.forecastModel)) against the actual month:\n\n"
      var fields = TextTable(headers: ["field", "forecast", "actual", "Δ", "Δ %"])
      func add(_ name: String, _ forecast: Int64, _ actual: Int64) {
        let percent =
          forecast == 0
          ? "—" : FixedDecimal.format(Double(actual - forecast) / Double(forecast) * 100, decimals: 1)
        fields.append([name, String(forecast), String(actual), String(actual - forecast), percent])
      }
      add("requests", month.forecast.requests, month.actual.requests)
      for (name, category) in columns {
        add(name, month.forecast.tokens[category], month.actual.tokens[category])
      }
      fields.append([
        "cached share", FixedDecimal.format(month.forecast.cachedShare * 100, decimals: 1) + "%",
        FixedDecimal.format(month.actual.cachedShare * 100, decimals: 1) + "%", "", "",
      ])
      let percent =
        month.forecast.cost == .zero
        ? "—"
        : FixedDecimal.format(
          Double(month.gap.picoUSD) / Double(month.forecast.cost.picoUSD) * 100, decimals: 1)
      fields.append(["cost", money(month.forecast.cost), money(month.actual.cost), money(month.gap), percent])
      out += fields.rendered()
      out +=
        "gap \(money(month.gap)) = workload \(money(month.workload)) + context \(money(month.context)) + cache "
      out += "\(money(month.cache)) + price \(money(month.price))\n"
    }
    return out
  }

  // MARK: JSON

  static func json(
    files: [String], usage: UsageReconciliation, costs: CostComparison?, month: MonthComparison?
  )
    -> JSONValue
  {
    func tokens(_ counts: TokenCounts) -> JSONValue { .object(columns.map { ($0.0, .int(counts[$0.1])) }) }
    let days: [JSONValue] = usage.days.map { day in
      .object([
        ("day", .string(day.day.description)), ("model", .string(day.model)),
        ("priced_as", day.card.map { .string($0.model) } ?? .null),
        ("price_date", day.card.map { .string($0.effectiveFrom.description) } ?? .null),
        ("rows", .int(day.rows)), ("requests", .int(day.requests)), ("tokens", tokens(day.tokens)),
        ("cost_usd", day.card == nil ? .null : .number(day.cost.decimalText)),
        ("cost_lower_bound_usd", day.card == nil ? .null : .number(day.lowerBound.decimalText)),
        (
          "meanings",
          .array(AudioTokenMeaning.allCases.filter(day.meanings.contains).map { .string($0.rawValue) })
        ),
        ("notes", .array(day.notes.map { .string($0) })),
      ])
    }
    var pairs: [(String, JSONValue)] = [
      ("rtcost_reconcile", .int(1)),
      ("usage_exports", .array(files.map { .string($0) })),
      ("days_covered", .array(usage.coveredDays.map { .string($0.description) })),
      ("rows", .array(days)),
      ("total_usd", .number(usage.total.decimalText)),
      ("total_lower_bound_usd", .number(usage.lowerBound.decimalText)),
      (
        "input_audio_tokens_meanings",
        .object(AudioTokenMeaning.allCases.map { ($0.rawValue, .int(usage.meanings[$0] ?? 0)) })
      ),
      ("unpriced", .array(usage.unpriced.map { .string($0) })),
      ("warnings", .array(usage.warnings.map { .string($0) })),
    ]
    if let costs {
      pairs.append(
        (
          "costs",
          .object([
            (
              "rows",
              .array(
                costs.rows.map { row in
                  .object([
                    ("day", .string(row.day.description)), ("model", .string(row.model)),
                    ("line_item", row.category.map { .string($0.rawValue) } ?? .null),
                    ("rtcost_usd", .number(row.ours.decimalText)),
                    ("export_usd", .number(row.export.decimalText)),
                    ("delta_usd", .number(row.delta.decimalText)),
                  ])
                })
            ),
            (
              "days",
              .array(
                costs.days.map { day in
                  .object([
                    ("day", .string(day.day.description)), ("rtcost_usd", .number(day.ours.decimalText)),
                    ("export_usd", .number(day.export.decimalText)),
                    ("delta_usd", .number((day.ours - day.export).decimalText)),
                  ])
                })
            ),
            (
              "other_line_items",
              .array(
                costs.otherLineItems.map {
                  .object([
                    ("line_item", .string($0.lineItem)), ("export_usd", .number($0.amount.decimalText)),
                  ])
                })
            ),
          ])
        ))
    }
    if let month {
      func totals(_ value: MonthComparison.Totals) -> JSONValue {
        .object([
          ("requests", .int(value.requests)), ("tokens", tokens(value.tokens)),
          ("cached_share", .double(value.cachedShare, decimals: 6)),
          ("cost_usd", .number(value.cost.decimalText)),
        ])
      }
      pairs.append(
        (
          "month",
          .object([
            ("month", .string(String(month.month.description.prefix(7)))), ("days", .int(month.days)),
            ("devices", .int(month.devices)), ("forecast_model", .string(month.forecastModel)),
            ("forecast", totals(month.forecast)), ("actual", totals(month.actual)),
            ("gap_usd", .number(month.gap.decimalText)),
            (
              "gap_split_usd",
              .object([
                ("workload", .number(month.workload.decimalText)),
                ("context", .number(month.context.decimalText)),
                ("cache", .number(month.cache.decimalText)), ("price", .number(month.price.decimalText)),
              ])
            ),
          ])
        ))
    }
    return .object(pairs)
  }
}
