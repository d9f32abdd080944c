public import Billing
public import RealtimeEvents
public import SessionGuard

/// A policy's forecast over all worlds: the numbers every report format prints.
public struct PolicySummary: Sendable {
  /// Mean, 5th, 50th and 95th percentile of a per-world quantity.
  public struct Spread: Sendable, Equatable {
    public var mean: Double
    public var p5: Double
    public var p50: Double
    public var p95: Double
  }

  /// The model the policy ran on (the first of ``ForecastResults/Identity/models`` unless several).
  public var model: String
  public var policy: GuardSettings
  /// Whether this is the baseline: the baseline policy on the first model.
  public var isBaseline: Bool
  /// Whether the forecast compares several models (reports then name the model of each row).
  public var comparesModels: Bool

  /// The row's name in reports: the policy's grid label, after the model when several are compared
  /// (`gpt-live-1.1 · 5m`).
  public var label: String { comparesModels ? "\(model) · \(policy.gridLabel)" : policy.gridLabel }
  /// USD per device-day.
  public var cost: Spread
  /// Exact total over every world in pico-dollars (128-bit: many worlds can exceed Money's range).
  public var totalCostPico: Int128

  /// ``totalCostPico`` as exact decimal dollars.
  public var totalCostText: String { DecimalText.format(totalCostPico, scale: 12) }
  /// Mean paired saving per device-day versus the baseline (USD), with its 95% interval.
  public var savings: Double
  public var savingsInterval: ClosedRange<Double>
  /// Savings as a percentage of the baseline's mean cost, with the interval scaled the same way.
  public var savingsPercent: Double
  public var savingsPercentInterval: ClosedRange<Double>
  /// Means per device-day.
  public var responsesGenuine: Double
  public var responsesNoise: Double
  public var responsesReprompt: Double
  public var idleDisconnects: Double
  public var reconnects: Double
  public var failedReconnects: Double
  public var turnsDelayed: Double
  /// Seconds genuine turns waited for reconnects, summed, per device-day.
  public var addedWaitSeconds: Double
  public var conversationsWithMemoryLost: Double
  public var warnings: Double
  public var alerts: Double
  public var budgetDisconnects: Double
  /// Added latency of delayed turns over all worlds, seconds; nil when no turn was delayed.
  public var latencyP50: Double?
  public var latencyP95: Double?
  /// Share of worlds with at least one alert, and the median time to the first one (hours).
  public var worldsWithAlert: Double
  public var firstAlertHoursP50: Double?
  /// Mean USD per device-day per billing category, then transcription, then (GPT-Live) session
  /// time and backend tokens.
  public var costByCategory: [(category: String, usd: Double)]
  /// GPT-Live: mean billed session hours and standby hours per device-day (0 for Realtime).
  public var liveSessionHours: Double
  public var liveStandbyHours: Double
  /// Mean USD per device-day had every response been served all an exact-prefix cache could, and
  /// had nothing been cached: the range the cache model moves ``cost`` in.
  public var costAlwaysCached: Double
  public var costNeverCached: Double
  /// Mean responses billed (requests) and billed tokens per category per device-day.
  public var requestsPerDay: Double
  public var tokensPerDay: [(category: String, tokens: Double)]

}

extension ForecastResults {
  /// One summary per (model × policy), model-major and in grid order; savings are paired against
  /// the baseline policy on the first model.
  public func summaries() -> [PolicySummary] {
    let days = Double(identity.horizon) / Double(86_400 * Micros.perSecond)
    let picoPerUSD = Double(Money.picoPerUSD)
    let baselineCosts = worlds.map { Double($0.metrics[identity.baseline].total.picoUSD) / picoPerUSD / days }
    let baselineMean = Statistics.mean(baselineCosts) ?? 0
    let policyCount = identity.policies.count
    return (0..<(identity.models.count * policyCount)).map { index in
      let policyIndex = index % policyCount
      let runs = worlds.map { $0.metrics[index] }
      let costs = runs.map { Double($0.total.picoUSD) / picoPerUSD / days }
      let sortedCosts = costs.sorted()
      let differences = zip(baselineCosts, costs).map { $0 - $1 }
      let interval = Statistics.meanInterval95(differences) ?? 0...0
      let saving = Statistics.mean(differences) ?? 0
      func perDay(_ value: (RunMetrics) -> Int) -> Double {
        (Statistics.mean(runs.map { Double(value($0)) }) ?? 0) / days
      }
      let latencies = runs.flatMap(\.delayedTurnLatencies).map { Double($0) / Double(Micros.perSecond) }
        .sorted()
      let firstAlerts = runs.compactMap(\.firstAlertAt).map { Double($0) / 3_600_000_000 }.sorted()
      var categories: [(String, Double)] = TokenCategory.allCases.enumerated().map { offset, category in
        (
          category.rawValue,
          (Statistics.mean(runs.map { Double($0.costByCategory[offset]) / picoPerUSD }) ?? 0) / days
        )
      }
      categories.append(
        (
          "transcription",
          (Statistics.mean(runs.map { Double($0.transcriptionPico) / picoPerUSD }) ?? 0) / days
        ))
      if runs.contains(where: { $0.liveSessionMicros > 0 }) {
        categories.append(
          (
            "live_session",
            (Statistics.mean(runs.map { Double($0.liveSessionPico) / picoPerUSD }) ?? 0) / days
          ))
        categories.append(
          (
            "live_backend",
            (Statistics.mean(runs.map { Double($0.liveBackendPico) / picoPerUSD }) ?? 0) / days
          ))
      }
      let hours = { (value: (RunMetrics) -> Micros) -> Double in
        (Statistics.mean(runs.map { Double(value($0)) / 3_600_000_000 }) ?? 0) / days
      }
      let percentScale = baselineMean > 0 ? 100 / baselineMean : 0
      func meanPerDay(_ money: (RunMetrics) -> Money) -> Double {
        (Statistics.mean(runs.map { Double(money($0).picoUSD) / picoPerUSD }) ?? 0) / days
      }
      return PolicySummary(
        model: identity.models[index / policyCount], policy: identity.policies[policyIndex],
        isBaseline: index == identity.baseline, comparesModels: identity.models.count > 1,
        cost: .init(
          mean: Statistics.mean(costs) ?? 0, p5: Statistics.percentile(sorted: sortedCosts, 5) ?? 0,
          p50: Statistics.percentile(sorted: sortedCosts, 50) ?? 0,
          p95: Statistics.percentile(sorted: sortedCosts, 95) ?? 0),
        totalCostPico: runs.reduce(Int128(0)) { $0 + Int128($1.total.picoUSD) },
        savings: saving, savingsInterval: interval, savingsPercent: saving * percentScale,
        savingsPercentInterval: (interval.lowerBound * percentScale)...(interval.upperBound * percentScale),
        responsesGenuine: perDay(\.responsesGenuine), responsesNoise: perDay(\.responsesNoise),
        responsesReprompt: perDay(\.responsesReprompt), idleDisconnects: perDay(\.idleDisconnects),
        reconnects: perDay(\.reconnects), failedReconnects: perDay(\.failedReconnects),
        turnsDelayed: perDay { $0.delayedTurnLatencies.count },
        addedWaitSeconds: (Statistics.mean(runs.map { Double($0.delayedTurnLatencies.reduce(0, +)) }) ?? 0)
          / Double(Micros.perSecond) / days,
        conversationsWithMemoryLost: perDay(\.conversationsWithMemoryLost), warnings: perDay(\.warningsFired),
        alerts: perDay(\.alertsFired), budgetDisconnects: perDay(\.budgetDisconnects),
        latencyP50: Statistics.percentile(sorted: latencies, 50),
        latencyP95: Statistics.percentile(sorted: latencies, 95),
        worldsWithAlert: runs.isEmpty ? 0 : Double(firstAlerts.count) / Double(runs.count),
        firstAlertHoursP50: Statistics.percentile(sorted: firstAlerts, 50),
        costByCategory: categories.map { (category: $0.0, usd: $0.1) },
        liveSessionHours: hours(\.liveSessionMicros), liveStandbyHours: hours(\.liveStandbyMicros),

        costAlwaysCached: meanPerDay { $0.cacheBounds.alwaysCached },
        costNeverCached: meanPerDay { $0.cacheBounds.neverCached },
        requestsPerDay: perDay(\.requests),
        tokensPerDay: TokenCategory.allCases.map { category in
          (category.rawValue, (Statistics.mean(runs.map { Double($0.tokens[category]) }) ?? 0) / days)
        })
    }
  }
}
