internal import Billing
internal import RealtimeEvents
internal import SessionGuard
internal import Simulation

/// Renders ``WorldSimulation.Result`` as a table or JSON with the replay report's keys plus the world's counts.
enum SimulateReport {
  static func render(_ result: WorldSimulation.Result, format: ReportFormat) throws -> String {
    switch format {
    case .json: return json(result).rendered() + "\n"
    case .table: return table(result)
    case .csv, .md: throw CLIError("--format: simulate prints table or json, got \(format.rawValue)")
    }
  }

  /// Nearest-rank percentile of sorted values (p in 1...100); nil when empty.
  static func percentile(_ sorted: [Micros], _ p: Int) -> Micros? {
    guard !sorted.isEmpty else { return nil }
    let rank = (p * sorted.count + 99) / 100
    return sorted[max(0, rank - 1)]
  }

  /// Exact seconds text of a time in µs (`12.5`, `0.000001`).
  static func seconds(_ micros: Micros) -> JSONValue {
    .number(DecimalText.format(micros, scale: 6))
  }

  /// A time from the world's start as `2d 07:03:26.572`.
  static func clock(_ micros: Micros) -> String {
    let millis = micros / 1_000
    let seconds = millis / 1_000
    func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : String(value) }
    let fraction = String(millis % 1_000)
    return "\(seconds / 86_400)d \(two(seconds / 3_600 % 24)):\(two(seconds / 60 % 60)):\(two(seconds % 60))."
      + String(repeating: "0", count: 3 - fraction.count) + fraction
  }

  static func money(_ money: Money) -> JSONValue { .number(money.decimalText) }

  static func json(_ result: WorldSimulation.Result) -> JSONValue {
    let usage = result.usage
    let stats = result.stats
    let delays = stats.delays.sorted()
    let policy = result.policy
    var tokens: [(String, JSONValue)] = []
    var costs: [(String, JSONValue)] = []
    for category in TokenCategory.allCases {
      tokens.append((category.rawValue, .int(usage.tokens[category])))
      costs.append((category.rawValue, money(usage.costs[category])))
    }
    costs.append(("transcription", money(usage.transcriptionCost)))
    let live = usage.live
    let isLive = live.usageReports > 0 || live.confirmedSessions > 0
    if isLive {
      costs.append(("live_session", money(live.bill.total)))
      costs.append(("live_backend", money(live.backendCost)))
    }
    costs.append(("total", money(usage.billed)))
    let alerts: [JSONValue] = stats.alerts.map { alert in
      .object([
        ("t", seconds(alert.time)), ("level", .string(alert.level.rawValue)),
        ("window", .string(alert.window.rawValue)), ("cost_usd", money(alert.amount)),
        ("threshold_usd", money(alert.threshold)),
      ])
    }
    let optionalSeconds: (Micros?) -> JSONValue = { $0.map(seconds) ?? .null }
    return .object(
      [
        ("scenario", .string(result.scenario)),
        ("seed", .int(result.seed)),
        ("horizon_s", seconds(result.horizon)),
        (
          "policy",
          .object([
            ("mode", .string(policy.mode.rawValue)),
            ("idle_timeout_s", optionalSeconds(policy.idleTimeout)),
            ("check_interval_s", seconds(policy.checkInterval)),
            ("activity", .string(policy.activity.name)),
            ("warn_usd", policy.warn.map(money) ?? .null),
            ("alert_usd", policy.alert.map(money) ?? .null),
            ("alert_action", .string(policy.alertAction.rawValue)),
          ])
        ),
        ("model", .string(result.model)),
        (
          "responses",
          .object([
            ("total", .int(usage.responses.total)), ("completed", .int(usage.responses.completed)),
            ("cancelled", .int(usage.responses.cancelled)),
            ("cancelled_billed", .int(usage.responses.cancelledBilled)),
            ("genuine", .int(stats.responses(.genuine))), ("noise", .int(stats.responses(.noise))),
            ("reprompt", .int(stats.responses(.reprompt))),
          ])
        ),
        ("tokens", .object(tokens)),
        ("cost_usd", .object(costs)),
      ] + (isLive ? [("live", ReplayReport.liveJSON(live))] : []) + [
        ("seed_estimate_usd", money(usage.seedEstimate.cost)),
        (
          "idle",
          .object([
            ("disconnects", .int(stats.idleDisconnects)), ("reconnects", .int(stats.reconnects)),
            ("sessions", .int(stats.sessions)), ("expiries", .int(stats.expiries)),
            ("connected_s", seconds(stats.connectedTime)),
          ])
        ),
        ("alerts", .array(alerts)),
        ("warnings_fired", .int(stats.warningsFired)),
        ("alerts_fired", .int(stats.alertsFired)),
        ("budget_disconnects", .int(stats.budgetDisconnects)),
        (
          "world",
          .object([
            ("genuine_turns", .int(stats.genuineTurns)),
            ("noise_bursts", .int(stats.noiseBurstsHeard + stats.noiseBurstsMissed)),
            ("noise_bursts_heard", .int(stats.noiseBurstsHeard)),
            ("user_commands", .int(stats.userCommands)),
            ("function_calls", .int(stats.functionCalls)),
            ("barge_ins", .int(stats.bargeIns)),
            ("turns_cut_off", .int(stats.turnsCutOff)),
            ("turns_delayed", .int(stats.turnsDelayed)),
            ("delay_p50_s", optionalSeconds(percentile(delays, 50))),
            ("delay_p95_s", optionalSeconds(percentile(delays, 95))),
            ("delay_max_s", optionalSeconds(delays.last)),
            ("conversations_memory_lost", .int(stats.conversationsMemoryLost)),
            ("events", .int(stats.events)),
          ])
        ),
      ])
  }

  static func table(_ result: WorldSimulation.Result) -> String {
    let usage = result.usage
    let stats = result.stats
    let delays = stats.delays.sorted()
    let text: (Micros?) -> String = { $0.map { DecimalText.format($0, scale: 6) + "s" } ?? "-" }
    var out =
      "\(result.scenario) (seed \(result.seed), \(DurationText.format(result.horizon))), model \(result.model)\n\n"
    var costs = TextTable(headers: ["category", "tokens", "cost_usd"], alignments: [.left, .right, .right])
    for category in TokenCategory.allCases {
      costs.append([category.rawValue, String(usage.tokens[category]), usage.costs[category].decimalText])
    }
    costs.append(["transcription", "", usage.transcriptionCost.decimalText])
    let live = usage.live
    if live.usageReports > 0 || live.confirmedSessions > 0 {
      let hours = DecimalText.format(live.usage.sessionMicros, scale: 6) + " s"
      costs.append(["GPT-Live session time", hours, live.bill.total.decimalText])
      costs.append([
        "  of which standby", DecimalText.format(live.usage.standbyMicros, scale: 6) + " s",
        live.bill.standby.decimalText,
      ])
      costs.append([
        "GPT-Live backend", "\(live.backendTokens.inputTokens + live.backendTokens.outputTokens)",
        live.backendCost.decimalText,
      ])
    }
    costs.append(["total", "", usage.billed.decimalText])
    costs.append(["seed estimate (seed-compatible)", "", usage.seedEstimate.cost.decimalText])
    out += costs.rendered() + "\n"
    var world = TextTable(headers: ["count", "value"], alignments: [.left, .right])
    let rows: [(String, String)] = [
      ("responses", String(usage.responses.total)),
      (
        "  genuine / noise / re-prompt",
        "\(stats.responses(.genuine)) / \(stats.responses(.noise)) / \(stats.responses(.reprompt))"
      ),
      ("  cancelled (billed)", "\(usage.responses.cancelled) (\(usage.responses.cancelledBilled))"),
      ("genuine turns", String(stats.genuineTurns)),
      (
        "noise bursts (heard)",
        "\(stats.noiseBurstsHeard + stats.noiseBurstsMissed) (\(stats.noiseBurstsHeard))"
      ),
      ("sessions / reconnects", "\(stats.sessions) / \(stats.reconnects)"),
      ("idle disconnects", String(stats.idleDisconnects)),
      ("turns delayed by a reconnect", String(stats.turnsDelayed)),
      (
        "  delay p50 / p95 / max",
        "\(text(percentile(delays, 50))) / \(text(percentile(delays, 95))) / \(text(delays.last))"
      ),
      ("conversations whose memory was lost", String(stats.conversationsMemoryLost)),
      ("warnings / alerts fired", "\(stats.warningsFired) / \(stats.alertsFired)"),
      ("budget disconnects", String(stats.budgetDisconnects)),
      ("events", String(stats.events)),
    ]
    for (label, value) in rows { world.append([label, value]) }
    out += "\n" + world.rendered() + "\n"
    if !stats.alerts.isEmpty {
      var alerts = TextTable(
        headers: ["t", "level", "window", "cost_usd"], alignments: [.right, .left, .left, .right])
      for alert in stats.alerts {
        alerts.append([
          clock(alert.time), alert.level.rawValue, alert.window.rawValue, alert.amount.decimalText,
        ])
      }
      out += "\n" + alerts.rendered() + "\n"
    }
    return out
  }
}
