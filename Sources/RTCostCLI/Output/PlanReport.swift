internal import Billing
internal import CSVFormat
internal import Planning

/// Renders a fleet plan as a table, JSON, CSV or Markdown.
enum PlanReport {
  static func render(_ summary: CapacitySummary, format: ReportFormat) -> String {
    switch format {
    case .table: return table(summary)
    case .json: return json(summary).rendered()
    case .csv: return csv(summary)
    case .md: return markdown(summary)
    }
  }

  static func usd(_ value: Double) -> String {
    (value < 0 ? "-$" : "$") + FixedDecimal.format(abs(value), decimals: 2)
  }
  static func day(_ value: Int?) -> String { value.map { "day \($0)" } ?? "not crossed" }
  static func percent(_ value: Double) -> String { FixedDecimal.format(value, decimals: 1) + "%" }

  static func header(_ summary: CapacitySummary) -> String {
    let id = summary.identity
    let devices = id.counts.reduce(0, +)
    let method =
      id.options.exact
      ? "exact: every device simulated for the whole month"
      : "\(id.options.months) sampled months from \(id.options.worlds) worlds × \(id.options.worldDays) days per group"
    return
      "fleet \(id.fleet), \(id.month), \(devices) devices in \(id.groups.count) groups, tier \(id.tier), "
      + "budget \(usd(Double(id.budgetPico) / Double(Money.picoPerUSD))), seed \(id.seed); \(method)"
  }

  static func peak(_ peak: CapacitySummary.Peak) -> String {
    "\(peak.value) (day \(peak.day) \(peak.timeOfDay) UTC)"
  }

  static func tierText(_ variant: CapacitySummary.Variant) -> String {
    variant.lowestTier.map { "T\($0)" } ?? "none"
  }

  /// The verdict on the configured tier: it holds, or what binds (a rate limit or concurrency).
  static func tierLine(_ variant: CapacitySummary.Variant, tier: Int) -> String {
    let verdict =
      variant.configuredTierHolds
      ? "holds" : "does NOT hold; what binds: \(variant.binding.joined(separator: "; "))"
    return
      "lowest tier whose rate limits hold: \(tierText(variant)); tier \(tier) \(verdict); "
      + "rate-limit headroom \(percent(variant.headroomPercent))"
  }

  static func table(_ summary: CapacitySummary) -> String {
    var out = header(summary) + "\n\n"
    let id = summary.identity
    for variant in summary.variants {
      out += "policy: \(variant.label)\n"
      var costs = TextTable(headers: ["monthly cost", "mean", "p50", "p95", "p99", "± worlds (95%)"])
      func row(_ name: String, _ cost: CapacitySummary.CostPercentiles) {
        costs.append([
          name, usd(cost.mean), usd(cost.p50), usd(cost.p95), usd(cost.p99),
          cost.libraryHalfWidth.map(usd) ?? "-",
        ])
      }
      row("total", variant.total)
      for (index, group) in variant.groups.enumerated() {
        row("  \(id.groups[index]) (\(id.counts[index]))", group)
      }
      out += costs.rendered()
      let limits = RateLimitTier.tier(id.tier)
      var peaks = TextTable(headers: ["peak", "value (UTC)", "tier \(id.tier) limit"])
      // With GPT-Live models the tier's note judges the Realtime sessions alone; the Live
      // sessions are judged against their cap on the lines below the table.
      peaks.append(
        variant.live.isEmpty
          ? ["concurrent sessions", peak(variant.peakSessions), "~100 at T5 launch (note)"]
          : ["Realtime sessions", peak(variant.realtimePeakSessions), "~100 at T5 launch (note)"])
      peaks.append(["requests/min", peak(variant.peakRPM), String(limits.requestsPerMinute)])
      peaks.append(["tokens/min", peak(variant.peakTPM), String(limits.tokensPerMinute)])
      peaks.append([
        "requests/day", "\(variant.peakRPD) (day \(variant.peakRPDDay))",
        limits.requestsPerDay.map(String.init) ?? "-",
      ])
      out += peaks.rendered()
      for line in liveLines(variant) { out += line + "\n" }
      out += tierLine(variant, tier: id.tier) + "\n"
      out += "budget crossed: p50 \(day(variant.budgetDayP50)), p95 \(day(variant.budgetDayP95))\n"
      for alert in variant.alerts {
        out +=
          "\(alert.level) at \(usd(alert.dailyThreshold.approximateUSD))/day: "
          + "\(FixedDecimal.format(alert.daysP50, decimals: 0)) days (p50), \(FixedDecimal.format(alert.daysP95, decimals: 0)) (p95), "
          + "first \(day(alert.firstDayP50)); actions \(alert.actions.joined(separator: ", "))\n"
      }
      out += "\n"
    }
    if summary.variants.count > 1 {
      var grid = TextTable(headers: [
        "policy", "p50", "Δ p50", "p95", "p99", "sessions", "RPM", "TPM", "tier", "budget p50", "budget p95",
      ])
      let base = summary.variants[0].total.p50
      for variant in summary.variants {
        grid.append([
          variant.label, usd(variant.total.p50), usd(variant.total.p50 - base), usd(variant.total.p95),
          usd(variant.total.p99), String(variant.peakSessions.value), String(variant.peakRPM.value),
          String(variant.peakTPM.value), tierText(variant), day(variant.budgetDayP50),
          day(variant.budgetDayP95),
        ])
      }
      out += "policy grid\n" + grid.rendered() + "\n"
    }
    out += samplingNote(summary) + "\n"
    return out
  }

  static func samplingNote(_ summary: CapacitySummary) -> String {
    reuseNote(summary) + samplingBandsNote(summary)
  }

  /// A warning when devices outnumber library days: the peaks are then conservative.
  static func reuseNote(_ summary: CapacitySummary) -> String {
    guard let reuse = summary.libraryReuse, let most = reuse.max(), most > 1 else { return "" }
    return "peaks are conservative: each library device-day is used up to "
      + FixedDecimal.format(most, decimals: 1)
      + " times in the peak month (raise --worlds to tighten them).\n"
  }

  static func samplingBandsNote(_ summary: CapacitySummary) -> String {
    summary.identity.options.exact
      ? "exact mode: one month, every device simulated; percentiles are of that single month."
      : "percentile bands: with 95% confidence each sampled percentile lies between the sample's "
        + "(p ∓ \(FixedDecimal.format(summary.dkwEpsilon * 100, decimals: 1)) points) percentiles (DKW); "
        + "± worlds is the 95% interval of the month's mean from the finite device-day library."
  }

  static func band(_ range: ClosedRange<Double>) -> JSONValue {
    .array([.double(range.lowerBound, decimals: 2), .double(range.upperBound, decimals: 2)])
  }

  static func costJSON(_ cost: CapacitySummary.CostPercentiles) -> JSONValue {
    .object([
      ("mean_usd", .double(cost.mean, decimals: 2)), ("p50_usd", .double(cost.p50, decimals: 2)),
      ("p95_usd", .double(cost.p95, decimals: 2)), ("p99_usd", .double(cost.p99, decimals: 2)),
      ("p50_band_usd", band(cost.p50Band)), ("p95_band_usd", band(cost.p95Band)),
      ("p99_band_usd", band(cost.p99Band)),
      ("worlds_half_width_usd", cost.libraryHalfWidth.map { .double($0, decimals: 2) } ?? .null),
    ])
  }

  /// One line per GPT-Live model: its peak concurrent sessions against the cap, and when the cap
  /// is first exceeded (the binding limit of a GPT-Live fleet).
  static func liveLines(_ variant: CapacitySummary.Variant) -> [String] {
    variant.live.map { live in
      let head = "GPT-Live \(live.model) concurrent sessions: peak \(peak(live.peak))"
      guard let cap = live.cap else {
        return head + "; no live_session_cap given (caps are per organisation: set yours in the fleet file)"
      }
      guard let over = live.firstOverCap else {
        return head + "; cap \(cap) holds (headroom \(cap - Int(live.peak.value)))"
      }
      return head
        + "; cap \(cap) EXCEEDED first on day \(over.day) at \(over.timeOfDay) UTC with \(over.value) "
        + "sessions, \(live.minutesOverCap) minutes over the cap this month"
    }
  }

  /// A GPT-Live fleet's members: its concurrency against the cap, and the Realtime sessions alone,
  /// which the tier's note judges (equal to `peak_sessions` without GPT-Live, so written only with it).
  static func liveMembers(_ variant: CapacitySummary.Variant) -> [(String, JSONValue)] {
    guard !variant.live.isEmpty else { return [] }
    return [
      ("live_concurrency", liveJSON(variant)),
      ("peak_realtime_sessions", peakJSON(variant.realtimePeakSessions)),
    ]
  }

  static func liveJSON(_ variant: CapacitySummary.Variant) -> JSONValue {
    .array(
      variant.live.map { live in
        .object([
          ("model", .string(live.model)), ("peak_sessions", peakJSON(live.peak)),
          ("cap", live.cap.map { .int($0) } ?? .null),
          ("cap_holds", live.cap.map { _ in .bool(live.firstOverCap == nil) } ?? .null),
          ("first_over_cap", live.firstOverCap.map(peakJSON) ?? .null),
          ("minutes_over_cap", .int(live.minutesOverCap)),
        ])
      })
  }

  static func peakJSON(_ peak: CapacitySummary.Peak) -> JSONValue {
    .object([("value", .int(peak.value)), ("day", .int(peak.day)), ("time_utc", .string(peak.timeOfDay))])
  }

  static func json(_ summary: CapacitySummary) -> JSONValue {
    let id = summary.identity
    let limits = RateLimitTier.tier(id.tier)
    return .object([
      ("fleet", .string(id.fleet)), ("month", .string(id.month.description)), ("tier", .int(id.tier)),
      ("budget_usd", .number(Money(picoUSD: id.budgetPico).decimalText)), ("seed", .number(String(id.seed))),
      (
        "sampling",
        .object([
          ("exact", .bool(id.options.exact)), ("worlds", .int(id.options.worlds)),
          ("world_days", .int(id.options.worldDays)), ("months", .int(id.options.months)),
          ("dkw_epsilon", .double(summary.dkwEpsilon, decimals: 6)),
          (
            "library_reuse",
            summary.libraryReuse.map { .array($0.map { .double($0, decimals: 2) }) } ?? .null
          ),
        ])
      ),
      (
        "groups",
        .array(
          id.groups.indices.map { index in
            .object([
              ("name", .string(id.groups[index])), ("devices", .int(id.counts[index])),
              ("utc_offset_minutes", .int(id.offsets[index])),
            ])
          })
      ),
      (
        "tier_limits",
        .object([
          ("rpm", .int(limits.requestsPerMinute)), ("tpm", .int(limits.tokensPerMinute)),
          ("rpd", limits.requestsPerDay.map { .int($0) } ?? .null),
        ])
      ),
      (
        "policies",
        .array(
          summary.variants.map { variant in
            .object(
              [
                ("policy", .string(variant.label)), ("monthly_cost", costJSON(variant.total)),
                (
                  "groups",
                  .array(
                    variant.groups.enumerated().map { index, cost in
                      .object([("name", .string(id.groups[index])), ("monthly_cost", costJSON(cost))])
                    })
                ),
                ("peak_sessions", peakJSON(variant.peakSessions)), ("peak_rpm", peakJSON(variant.peakRPM)),
              ] + liveMembers(variant) + [
                ("peak_tpm", peakJSON(variant.peakTPM)),
                ("peak_rpd", .object([("value", .int(variant.peakRPD)), ("day", .int(variant.peakRPDDay))])),
                ("lowest_tier", variant.lowestTier.map { .int($0) } ?? .null),
                ("tier_holds", .bool(variant.configuredTierHolds)),
                ("binding", .array(variant.binding.map { .string($0) })),
                ("headroom_percent", .double(variant.headroomPercent, decimals: 2)),
                ("budget_day_p50", variant.budgetDayP50.map { .int($0) } ?? .null),
                ("budget_day_p95", variant.budgetDayP95.map { .int($0) } ?? .null),
                (
                  "alerts",
                  .array(
                    variant.alerts.map { alert in
                      .object([
                        ("level", .string(alert.level)),
                        ("daily_threshold_usd", .number(alert.dailyThreshold.decimalText)),
                        ("days_p50", .double(alert.daysP50, decimals: 1)),
                        ("days_p95", .double(alert.daysP95, decimals: 1)),
                        ("first_day_p50", alert.firstDayP50.map { .int($0) } ?? .null),
                        ("actions", .array(alert.actions.map { .string($0) })),
                      ])
                    })
                ),
              ])
          })
      ),
    ])
  }

  /// One line of the plan's CSV: a policy's fleet total (with its peaks and tier) or one group's costs.
  struct CSVLine: Sendable {
    var variant: CapacitySummary.Variant
    var group: String
    var devices: Int
    var cost: CapacitySummary.CostPercentiles
    /// Whether this is the policy's total line (peaks, tier and budget days are written only there).
    var isTotal: Bool
  }

  /// The CSV columns; a group line leaves the fleet-wide columns (peaks, tier, budget) empty.
  static let csvSchema: CSVSchema<CSVLine> = {
    @Sendable func money(_ value: Double) -> String { FixedDecimal.format(value, decimals: 2) }
    @Sendable func at(_ peak: CapacitySummary.Peak) -> String { "day \(peak.day) \(peak.timeOfDay)" }
    func fleet(_ name: String, _ field: @escaping @Sendable (CapacitySummary.Variant) -> String) -> CSVColumn<
      CSVLine
    > {
      CSVColumn(name) { $0.isTotal ? field($0.variant) : "" }
    }
    return CSVSchema([
      CSVColumn("policy") { $0.variant.label },
      CSVColumn("group") { $0.group },
      CSVColumn("devices") { String($0.devices) },
      CSVColumn("mean_usd") { money($0.cost.mean) },
      CSVColumn("p50_usd") { money($0.cost.p50) },
      CSVColumn("p95_usd") { money($0.cost.p95) },
      CSVColumn("p99_usd") { money($0.cost.p99) },
      CSVColumn("worlds_half_width_usd") { $0.cost.libraryHalfWidth.map(money) ?? "" },
      fleet("peak_sessions") { String($0.peakSessions.value) },
      fleet("peak_sessions_at") { at($0.peakSessions) },
      fleet("peak_rpm") { String($0.peakRPM.value) },
      fleet("peak_rpm_at") { at($0.peakRPM) },
      fleet("peak_tpm") { String($0.peakTPM.value) },
      fleet("peak_tpm_at") { at($0.peakTPM) },
      fleet("lowest_tier") { $0.lowestTier.map(String.init) ?? "" },
      fleet("tier_holds") { $0.configuredTierHolds ? "true" : "false" },
      fleet("binding") { $0.binding.joined(separator: "; ") },
      fleet("headroom_percent") { FixedDecimal.format($0.headroomPercent, decimals: 2) },
      fleet("budget_day_p50") { $0.budgetDayP50.map(String.init) ?? "" },
      fleet("budget_day_p95") { $0.budgetDayP95.map(String.init) ?? "" },
    ])
  }()

  static func csv(_ summary: CapacitySummary) -> String {
    let id = summary.identity
    var lines: [CSVLine] = []
    for variant in summary.variants {
      lines.append(
        CSVLine(
          variant: variant, group: "total", devices: id.counts.reduce(0, +), cost: variant.total,
          isTotal: true))
      for (index, group) in variant.groups.enumerated() {
        lines.append(
          CSVLine(
            variant: variant, group: id.groups[index], devices: id.counts[index], cost: group, isTotal: false)
        )
      }
    }
    return csvSchema.render(lines)
  }

  static func markdown(_ summary: CapacitySummary) -> String {
    var out = "# rtcost plan\n\n" + header(summary) + "\n\n"
    out +=
      "| policy | p50 | p95 | p99 | sessions | RPM | TPM | lowest tier | headroom (T\(summary.identity.tier)) | budget p50 | budget p95 |\n"
    out += "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    for variant in summary.variants {
      out +=
        "| \(variant.label) | \(usd(variant.total.p50)) | \(usd(variant.total.p95)) | \(usd(variant.total.p99)) "
        + "| \(peak(variant.peakSessions)) | \(peak(variant.peakRPM)) | \(peak(variant.peakTPM)) | \(tierText(variant)) "
        + "| \(percent(variant.headroomPercent)) | \(day(variant.budgetDayP50)) | \(day(variant.budgetDayP95)) |\n"
    }
    let live = summary.variants.flatMap { variant in liveLines(variant).map { "- \(variant.label): \($0)" } }
    if !live.isEmpty { out += "\n" + live.joined(separator: "\n") + "\n" }
    return out + "\n" + samplingNote(summary) + "\n"
  }
}
