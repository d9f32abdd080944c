internal import Billing
internal import CSVFormat
internal import Forecast
import Foundation
internal import RealtimeEvents
internal import SessionGuard

/// Renders a forecast as a table, JSON, CSV or Markdown; every format prints the same numbers.
enum ForecastReport {
  /// Policies sorted by mean saving, largest first; ties keep grid order.
  static func ordered(_ results: ForecastResults) -> [PolicySummary] {
    results.summaries().enumerated().sorted { a, b in
      a.element.savings != b.element.savings ? a.element.savings > b.element.savings : a.offset < b.offset
    }.map(\.element)
  }

  /// The report, with the recommendation under `limits` and the sensitivity run, when there is one.
  static func render(
    _ results: ForecastResults, format: ReportFormat, limits: DecisionLimits = DecisionLimits(),
    sensitivity: Sensitivity? = nil
  ) -> String {
    let summaries = ordered(results)
    let recommendation = Recommendation(results, limits: limits)
    switch format {
    case .json:
      guard case .object(var members) = json(results, summaries) else { return "" }
      members.append(("decision", DecisionJSON.decision(recommendation)))
      if let sensitivity { members.append(("sensitivity", DecisionJSON.sensitivity(sensitivity))) }
      return JSONValue.object(members).rendered()
    case .csv: return csv(summaries)
    case .md: return markdown(results, summaries, recommendation)
    case .table: return table(results, recommendation, sensitivity)
    }
  }

  static func header(_ results: ForecastResults) -> String {
    let id = results.identity
    let models =
      id.models.count > 1 ? "models \(id.models.joined(separator: ", "))" : "model \(id.model)"
    let baseline =
      id.models.count > 1
      ? "\(id.model) · \(id.policies[id.baseline].gridLabel)" : id.policies[id.baseline].gridLabel
    return "\(id.input): \(id.totalWorlds) worlds × \(DurationText.format(id.horizon)), \(models), "
      + "seed \(id.seed), baseline \(baseline)" + scaling(id.horizon)
  }

  /// How a horizon that is not a whole number of days is scaled to the per-day figures, or nothing.
  static func scaling(_ horizon: Micros) -> String {
    let day: Micros = 86_400_000_000
    guard horizon > 0, horizon % day != 0 else { return "" }
    let factor = Double(day) / Double(horizon)
    return "; per-day figures scaled ×\(FixedDecimal.format(factor, decimals: 2)) from "
      + "\(DurationText.format(horizon)) simulated to a 24 h device-day"
  }

  static func usd(_ value: Double, _ decimals: Int = 4) -> String {
    FixedDecimal.format(value, decimals: decimals)
  }

  /// `always…never` cached $/device-day.
  static func cacheRange(_ row: PolicySummary) -> String {
    "\(usd(row.costAlwaysCached))…\(usd(row.costNeverCached))"
  }

  static func optionalSeconds(_ value: Double?) -> String {
    value.map { FixedDecimal.format($0, decimals: 1) } ?? "—"
  }

  /// The terminal table's columns; the HTML table has the same.
  static func tableHeaders(limits: Bool) -> [String] {
    [
      "policy", "$/device-day", "p5", "p95", "saving $/day", "saving %", "95% CI %", "noise resp/day",
      "disconnects/day", "turns delayed/day", "latency p50 s", "p95 s", "memory lost/day", "alerts/day",
      "cached…uncached $/day",
    ] + (limits ? ["limits"] : [])
  }

  /// One candidate's cells, in ``tableHeaders(limits:)`` order.
  static func tableCells(_ candidate: Recommendation.Candidate, limits: Bool) -> [String] {
    let row = candidate.summary
    return [
      DecisionText.rowLabel(candidate), usd(row.cost.mean), usd(row.cost.p5),
      usd(row.cost.p95),
      usd(row.savings), FixedDecimal.format(row.savingsPercent, decimals: 1),
      "\(FixedDecimal.format(row.savingsPercentInterval.lowerBound, decimals: 1))…\(FixedDecimal.format(row.savingsPercentInterval.upperBound, decimals: 1))",
      FixedDecimal.format(row.responsesNoise, decimals: 1),
      FixedDecimal.format(row.idleDisconnects, decimals: 2),
      FixedDecimal.format(row.turnsDelayed, decimals: 2), optionalSeconds(row.latencyP50),
      optionalSeconds(row.latencyP95), FixedDecimal.format(row.conversationsWithMemoryLost, decimals: 2),
      FixedDecimal.format(row.alerts, decimals: 2), cacheRange(row),
    ] + (limits ? [DecisionText.limitsCell(candidate)] : [])
  }

  static func table(
    _ results: ForecastResults, _ recommendation: Recommendation, _ sensitivity: Sensitivity?
  ) -> String {
    let limited = !recommendation.limits.isEmpty
    var table = TextTable(headers: tableHeaders(limits: limited))
    for candidate in DecisionText.ordered(recommendation) {
      table.append(tableCells(candidate, limits: limited))
    }
    return header(results) + "\n\n" + DecisionText.block(recommendation) + "\n" + table.rendered()
      + "\nSorted by saving; identical policies are one row ([+N identical]). Savings are paired differences "
      + "against the baseline on the same worlds; the latency columns are the wait a genuine turn paid for a reconnect.\n"
      + "The cost depends on caching: the last column is its range from always cached (all an exact-prefix "
      + "cache can serve) to never cached; the calibrated cache model (docs/simulation.md) lies between.\n"
      + (sensitivity.map { "\n" + SensitivityText.table($0) } ?? "")
  }

  static func json(_ results: ForecastResults, _ summaries: [PolicySummary]) -> JSONValue {
    let id = results.identity
    var members: [(String, JSONValue)] = [
      ("rtcost_forecast", .int(1)),
      ("input", .string(id.input)),
      ("model", .string(id.model)),
    ]
    if id.models.count > 1 { members.append(("models", .array(id.models.map { .string($0) }))) }
    let events = results.worlds.reduce(0) { $0 + $1.metrics.reduce(0) { $0 + $1.events } }
    members += [
      ("seed", .number(String(id.seed))),
      ("horizon", .string(DurationText.format(id.horizon))),
      ("worlds", .int(id.totalWorlds)),
      ("horizon_days", .double(Double(id.horizon) / 86_400_000_000, decimals: 6)),
      ("baseline", .string(id.policies[id.baseline].gridLabel)),
      ("events_simulated", .int(events)),
      ("policies", .array(summaries.map(policyJSON))),
    ]
    return .object(members)
  }

  static func policyJSON(_ row: PolicySummary) -> JSONValue {
    func spread(_ s: PolicySummary.Spread) -> JSONValue {
      .object([
        ("mean", .double(s.mean)), ("p5", .double(s.p5)), ("p50", .double(s.p50)), ("p95", .double(s.p95)),
      ])
    }
    let policy = row.policy
    return .object(
      (row.comparesModels ? [("model", .string(row.model))] : []) + [
        ("policy", .string(policy.gridLabel)),
        ("baseline", .bool(row.isBaseline)),
        ("idle_timeout", policy.idleTimeout.map { .string(DurationText.format($0)) } ?? .null),
        ("check_interval", .string(DurationText.format(policy.checkInterval))),
        ("activity", .string(policy.activity.name)),
        ("warn_usd", policy.warn.map { .number($0.decimalText) } ?? .null),
        ("alert_usd", policy.alert.map { .number($0.decimalText) } ?? .null),
        ("alert_action", .string(policy.alertAction.rawValue)),
        ("cost_per_device_day_usd", spread(row.cost)),
        (
          "cost_cache_bounds_per_device_day_usd",
          .object([
            ("always_cached", .double(row.costAlwaysCached)), ("never_cached", .double(row.costNeverCached)),
          ])
        ),
        ("total_cost_usd", .number(row.totalCostText)),
        (
          "savings_per_device_day_usd",
          .object([
            ("mean", .double(row.savings)), ("ci95_low", .double(row.savingsInterval.lowerBound)),
            ("ci95_high", .double(row.savingsInterval.upperBound)),
          ])
        ),
        (
          "savings_percent",
          .object([
            ("mean", .double(row.savingsPercent, decimals: 3)),
            ("ci95_low", .double(row.savingsPercentInterval.lowerBound, decimals: 3)),
            ("ci95_high", .double(row.savingsPercentInterval.upperBound, decimals: 3)),
          ])
        ),
        (
          "per_device_day",
          .object([
            ("responses_genuine", .double(row.responsesGenuine, decimals: 3)),
            ("responses_noise", .double(row.responsesNoise, decimals: 3)),
            ("responses_reprompt", .double(row.responsesReprompt, decimals: 3)),
            ("idle_disconnects", .double(row.idleDisconnects, decimals: 3)),
            ("reconnects", .double(row.reconnects, decimals: 3)),
            ("failed_reconnects", .double(row.failedReconnects, decimals: 3)),
            ("turns_delayed", .double(row.turnsDelayed, decimals: 3)),
            ("added_wait_seconds", .double(row.addedWaitSeconds, decimals: 3)),
            ("conversations_memory_lost", .double(row.conversationsWithMemoryLost, decimals: 3)),
            ("warnings", .double(row.warnings, decimals: 3)),
            ("alerts", .double(row.alerts, decimals: 3)),
            ("budget_disconnects", .double(row.budgetDisconnects, decimals: 3)),
          ])
        ),
        (
          "added_latency_seconds",
          .object([
            ("p50", row.latencyP50.map { .double($0, decimals: 3) } ?? .null),
            ("p95", row.latencyP95.map { .double($0, decimals: 3) } ?? .null),
          ])
        ),
        (
          "first_alert",
          .object([
            ("worlds_with_alert_share", .double(row.worldsWithAlert, decimals: 4)),
            ("hours_p50", row.firstAlertHoursP50.map { .double($0, decimals: 3) } ?? .null),
          ])
        ),
        (
          "cost_by_category_per_device_day_usd",
          .object(row.costByCategory.map { ($0.category, .double($0.usd)) })
        ),
        ("requests_per_device_day", .double(row.requestsPerDay, decimals: 3)),
        (
          "tokens_per_device_day",
          .object(row.tokensPerDay.map { ($0.category, .double($0.tokens, decimals: 3)) })
        ),
      ]
        + (row.liveSessionHours > 0
          ? [
            (
              "live_hours_per_device_day",
              .object([
                ("session", .double(row.liveSessionHours, decimals: 4)),
                ("standby", .double(row.liveStandbyHours, decimals: 4)),
              ])
            )
          ] : []))
  }

  /// The CSV columns: one row per (model ×) policy, in grid order.
  static let csvSchema: CSVSchema<PolicySummary> = {
    @Sendable func d(_ value: Double, _ decimals: Int = 6) -> String {
      FixedDecimal.format(value, decimals: decimals)
    }
    return CSVSchema([
      CSVColumn("policy") { $0.label },
      CSVColumn("baseline") { $0.isBaseline ? "true" : "false" },
      CSVColumn("idle_timeout") { $0.policy.idleTimeout.map(DurationText.format) ?? "off" },
      CSVColumn("check_interval") { DurationText.format($0.policy.checkInterval) },
      CSVColumn("activity") { $0.policy.activity.name },
      CSVColumn("warn_usd") { $0.policy.warn?.decimalText ?? "" },
      CSVColumn("alert_usd") { $0.policy.alert?.decimalText ?? "" },
      CSVColumn("alert_action") { $0.policy.alertAction.rawValue },
      CSVColumn("cost_mean") { d($0.cost.mean) },
      CSVColumn("cost_p5") { d($0.cost.p5) },
      CSVColumn("cost_p50") { d($0.cost.p50) },
      CSVColumn("cost_p95") { d($0.cost.p95) },
      CSVColumn("total_cost_usd") { $0.totalCostText },
      CSVColumn("savings_mean") { d($0.savings) },
      CSVColumn("savings_ci95_low") { d($0.savingsInterval.lowerBound) },
      CSVColumn("savings_ci95_high") { d($0.savingsInterval.upperBound) },
      CSVColumn("savings_percent") { d($0.savingsPercent, 3) },
      CSVColumn("savings_percent_ci95_low") { d($0.savingsPercentInterval.lowerBound, 3) },
      CSVColumn("savings_percent_ci95_high") { d($0.savingsPercentInterval.upperBound, 3) },
      CSVColumn("responses_genuine") { d($0.responsesGenuine, 3) },
      CSVColumn("responses_noise") { d($0.responsesNoise, 3) },
      CSVColumn("responses_reprompt") { d($0.responsesReprompt, 3) },
      CSVColumn("idle_disconnects") { d($0.idleDisconnects, 3) },
      CSVColumn("reconnects") { d($0.reconnects, 3) },
      CSVColumn("failed_reconnects") { d($0.failedReconnects, 3) },
      CSVColumn("turns_delayed") { d($0.turnsDelayed, 3) },
      CSVColumn("added_wait_seconds") { d($0.addedWaitSeconds, 3) },
      CSVColumn("latency_p50_s") { $0.latencyP50.map { d($0, 3) } ?? "" },
      CSVColumn("latency_p95_s") { $0.latencyP95.map { d($0, 3) } ?? "" },
      CSVColumn("conversations_memory_lost") { d($0.conversationsWithMemoryLost, 3) },
      CSVColumn("warnings") { d($0.warnings, 3) },
      CSVColumn("alerts") { d($0.alerts, 3) },
      CSVColumn("budget_disconnects") { d($0.budgetDisconnects, 3) },
      CSVColumn("worlds_with_alert_share") { d($0.worldsWithAlert, 4) },
      CSVColumn("first_alert_hours_p50") { $0.firstAlertHoursP50.map { d($0, 3) } ?? "" },
      CSVColumn("cost_always_cached") { d($0.costAlwaysCached) },
      CSVColumn("cost_never_cached") { d($0.costNeverCached) },
    ])
  }()

  static func csv(_ summaries: [PolicySummary]) -> String { csvSchema.render(summaries) }

  static func markdown(
    _ results: ForecastResults, _ summaries: [PolicySummary], _ recommendation: Recommendation
  ) -> String {
    var out = "**\(header(results))**\n\n" + DecisionText.answer(recommendation) + "\n\n"
    out +=
      "| policy | $/device-day (p5–p95) | saving $/day | saving % (95% CI) | noise responses/day | "
      + "idle disconnects/day | turns delayed/day | added latency p50 / p95 s | memory lost/day | alerts/day | "
      + "cached…uncached $/day |\n"
    out += "|---|---|---|---|---|---|---|---|---|---|---|\n"
    for row in summaries {
      out +=
        "| `\(row.label)`\(row.isBaseline ? " (baseline)" : "") "
        + "| \(usd(row.cost.mean)) (\(usd(row.cost.p5))–\(usd(row.cost.p95))) | \(usd(row.savings)) "
        + "| \(FixedDecimal.format(row.savingsPercent, decimals: 1)) (\(FixedDecimal.format(row.savingsPercentInterval.lowerBound, decimals: 1))…\(FixedDecimal.format(row.savingsPercentInterval.upperBound, decimals: 1))) "
        + "| \(FixedDecimal.format(row.responsesNoise, decimals: 1)) | \(FixedDecimal.format(row.idleDisconnects, decimals: 2)) "
        + "| \(FixedDecimal.format(row.turnsDelayed, decimals: 2)) | \(optionalSeconds(row.latencyP50)) / \(optionalSeconds(row.latencyP95)) "
        + "| \(FixedDecimal.format(row.conversationsWithMemoryLost, decimals: 2)) | \(FixedDecimal.format(row.alerts, decimals: 2)) "
        + "| \(cacheRange(row)) |\n"
    }
    return out
  }
}
