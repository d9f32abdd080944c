public import Billing
import Forecast
import Foundation

/// The numbers every plan report prints, computed from a (merged) ``CapacityRun``.
public struct CapacitySummary: Sendable {
  /// Percentiles of a monthly cost over the sampled months (USD), each with its DKW band.
  public struct CostPercentiles: Sendable, Equatable {
    public var mean: Double
    public var p50: Double
    public var p95: Double
    public var p99: Double
    /// 95 % bands of each percentile from the DKW inequality over the sampled months.
    public var p50Band: ClosedRange<Double>
    public var p95Band: ClosedRange<Double>
    public var p99Band: ClosedRange<Double>
    /// ± half-width (USD) of the month's mean from the library's finite worlds (Student t over the
    /// worlds' mean cost per device-day); nil in exact mode or with one world.
    public var libraryHalfWidth: Double?
  }

  /// A per-minute peak and its first minute of the month (UTC).
  public struct Peak: Sendable, Equatable {
    public var value: Int64
    /// Minute of the month, 0 = midnight UTC of day 1.
    public var minute: Int
    /// Day of the month, 1-based.
    public var day: Int { minute / FleetDeviceDays.minutesPerDay + 1 }
    /// `HH:MM` UTC.
    public var timeOfDay: String {
      let inDay = minute % FleetDeviceDays.minutesPerDay
      return String(format: "%02d:%02d", inDay / 60, inDay % 60)
    }
  }

  /// What fleet-level budget alerts would have done (docs/planning.md, "alerts").
  public struct AlertOutcome: Sendable, Equatable {
    public var level: String
    /// Fleet daily threshold: Σ devices × the group policy's threshold.
    public var dailyThreshold: Money
    /// Days of the month whose fleet spend reached it: p50 and p95 over the sampled months.
    public var daysP50: Double
    public var daysP95: Double
    /// The first such day (1-based) in the median month; nil when the median month has none.
    public var firstDayP50: Int?
    /// The groups' alert actions, as configured.
    public var actions: [String]
  }

  /// A GPT-Live model's concurrent sessions against the organisation's cap.
  public struct LiveConcurrency: Sendable, Equatable {
    public var model: String
    public var peak: Peak
    /// The cap (`live_session_cap`); nil when the fleet gives none.
    public var cap: Int?
    /// The first minute the sessions exceed the cap, with the sessions then; nil when they never do.
    public var firstOverCap: Peak?
    /// Minutes of the month above the cap.
    public var minutesOverCap: Int
  }

  public struct Variant: Sendable {
    public var label: String
    /// Per GPT-Live model of the fleet, in name order (empty for a Realtime fleet).
    public var live: [LiveConcurrency]
    public var total: CostPercentiles
    public var groups: [CostPercentiles]
    public var peakSessions: Peak
    /// The peak of the Realtime API's sessions alone (GPT-Live sessions have their own cap, see
    /// ``live``): what the tier's ~100 concurrent-sessions note is judged on. Equal to
    /// ``peakSessions`` for a Realtime fleet.
    public var realtimePeakSessions: Peak
    public var peakRPM: Peak
    public var peakTPM: Peak
    /// Most requests on one UTC day, and that day (1-based).
    public var peakRPD: Int64
    public var peakRPDDay: Int
    /// The lowest tier whose rate limits (RPM, TPM, RPD) hold; nil when none does. Concurrency is
    /// not part of it (no tier publishes a session limit): see ``binding``.
    public var lowestTier: Int?
    /// Whether the configured tier holds every peak: its rate limits and the ~100 concurrent
    /// sessions quoted (``RateLimitTier/launchSessionsTier5``).
    public var configuredTierHolds: Bool
    /// What the configured tier fails to hold, one phrase per limit (``RateLimitTier/binding``);
    /// empty when it holds.
    public var binding: [String]
    /// Smallest headroom of the configured tier's limits (%), negative when exceeded.
    public var headroomPercent: Double
    /// Day (1-based) the cumulative cost reaches the budget in the p50 and p95 cumulative paths.
    public var budgetDayP50: Int?
    public var budgetDayP95: Int?
    /// p50 and p95 cumulative cost by day (USD), for the chart.
    public var cumulativeP50: [Double]
    public var cumulativeP95: [Double]
    public var alerts: [AlertOutcome]
    /// Requests of every minute of the peak-RPM day, for the chart.
    public var peakDayRequests: [Int32]
    /// Concurrent sessions of every minute of the peak-sessions day, and tokens of every minute of
    /// the peak-TPM day: what binds, for the charts.
    public var peakSessionsDay: [Int32] = []
    public var peakTPMDay: [Int64] = []
  }

  public var identity: CapacityIdentity
  public var variants: [Variant]
  /// Per group: how many times each library device-day is used, on average, in the profile month
  /// (devices × (days + 2) / library days); nil in exact mode. Above 1, copies of one busy day line
  /// up minute for minute and the peaks are conservative (docs/planning.md, validation).
  public var libraryReuse: [Double]?
  /// The DKW ε: with 95 % confidence the empirical CDF of the sampled months is within ε of the
  /// sampling distribution everywhere: `ε = √(ln(2 / 0.05) / (2 · months))`.
  public var dkwEpsilon: Double

  /// Summarises a complete run.
  public init(_ run: CapacityRun) {
    identity = run.identity
    let months = run.identity.options.months
    let epsilon = (log(2 / 0.05) / (2 * Double(months))).squareRoot()
    dkwEpsilon = epsilon
    let options = run.identity.options
    let tallyDays = run.variants.first?.tally.days ?? run.identity.month.days
    libraryReuse =
      options.exact
      ? nil
      : run.identity.counts.map {
        Double($0 * (tallyDays + 2)) / Double(options.worlds * options.worldDays)
      }
    let tier = RateLimitTier.tier(run.identity.tier)
    let budget = run.identity.budgetPico
    let counts = run.identity.counts
    variants = run.variants.map { variantRun in
      let tally = variantRun.tally
      let days = tally.days
      let usd = Double(Money.picoPerUSD)
      func percentiles(_ pico: [Int128], halfWidth: Double?) -> CostPercentiles {
        let sorted = pico.map { Double($0) / usd }.sorted()
        func at(_ p: Double) -> Double { Statistics.percentile(sorted: sorted, p * 100) ?? 0 }
        func band(_ p: Double) -> ClosedRange<Double> { at(max(0, p - epsilon))...at(min(1, p + epsilon)) }
        return CostPercentiles(
          mean: Statistics.mean(sorted) ?? 0, p50: at(0.5), p95: at(0.95), p99: at(0.99), p50Band: band(0.5),
          p95Band: band(0.95), p99Band: band(0.99), libraryHalfWidth: halfWidth)
      }
      let groupHalfWidths: [Double?] = variantRun.worldMeansUSD.enumerated().map { group, means in
        guard means.count > 1, let interval = Statistics.meanInterval95(means) else { return nil }
        return (interval.upperBound - interval.lowerBound) / 2 * Double(counts[group] * days)
      }
      let groupTotals = (0..<tally.groups).map { group in
        (0..<months).map { month in
          (0..<days).reduce(Int128(0)) { $0 + Int128(tally.cost(month: month, group: group, day: $1)) }
        }
      }
      let dailyFleet = (0..<months).map { month in
        (0..<days).map { day in
          (0..<tally.groups).reduce(Int128(0)) { $0 + Int128(tally.cost(month: month, group: $1, day: day)) }
        }
      }
      let totals = dailyFleet.map { $0.reduce(0, +) }
      let totalHalfWidth: Double? =
        groupHalfWidths.contains(where: { $0 == nil }) || groupHalfWidths.isEmpty
        ? nil : groupHalfWidths.reduce(0) { $0 + $1! }
      let peakSessions = Self.peak(tally.sessions.map(Int64.init))
      let peakRPM = Self.peak(tally.requests.map(Int64.init))
      let peakTPM = Self.peak(tally.tokens)
      var rpd: Int64 = -1
      var rpdDay = 1
      for day in 0..<days {
        let range = (day * FleetDeviceDays.minutesPerDay)..<((day + 1) * FleetDeviceDays.minutesPerDay)
        let value = tally.requests[range].reduce(Int64(0)) { $0 + Int64($1) }
        if value > rpd {
          rpd = value
          rpdDay = day + 1
        }
      }
      var cumulative = dailyFleet.map { _ in Int128(0) }
      var cumulativeP50: [Double] = []
      var cumulativeP95: [Double] = []
      var budgetP50: Int?
      var budgetP95: Int?
      for day in 0..<days {
        for month in 0..<months { cumulative[month] += dailyFleet[month][day] }
        let sorted = cumulative.map { Double($0) }.sorted()
        let p50 = Statistics.percentile(sorted: sorted, 50) ?? 0
        let p95 = Statistics.percentile(sorted: sorted, 95) ?? 0
        cumulativeP50.append(p50 / usd)
        cumulativeP95.append(p95 / usd)
        if budgetP50 == nil, p50 >= Double(budget) { budgetP50 = day + 1 }
        if budgetP95 == nil, p95 >= Double(budget) { budgetP95 = day + 1 }
      }
      var alerts: [AlertOutcome] = []
      let warnings = variantRun.policies.map { $0.warn?.picoUSD }
      let alertThresholds = variantRun.policies.map { $0.alert?.picoUSD }
      for (level, thresholds) in [("warn", warnings), ("alert", alertThresholds)] {
        guard thresholds.contains(where: { $0 != nil }) else { continue }
        let daily = zip(thresholds, counts).reduce(Int128(0)) { $0 + Int128($1.0 ?? 0) * Int128($1.1) }
        let crossings = dailyFleet.map { month in month.map { $0 >= daily } }
        let dayCounts = crossings.map { Double($0.filter { $0 }.count) }.sorted()
        let firsts = crossings.map { month in Double((month.firstIndex(of: true) ?? days) + 1) }.sorted()
        let firstP50 = Statistics.percentile(sorted: firsts, 50) ?? Double(days + 1)
        alerts.append(
          AlertOutcome(
            level: level, dailyThreshold: Money(picoUSD: Int64(clamping: daily)),
            daysP50: Statistics.percentile(sorted: dayCounts, 50) ?? 0,
            daysP95: Statistics.percentile(sorted: dayCounts, 95) ?? 0,
            firstDayP50: firstP50 <= Double(days) ? Int(firstP50.rounded(.up)) : nil,
            actions: variantRun.policies.map(\.alertAction.rawValue)))
      }
      let peakDay = peakRPM.minute / FleetDeviceDays.minutesPerDay
      let dayRange =
        (peakDay * FleetDeviceDays.minutesPerDay)..<((peakDay + 1) * FleetDeviceDays.minutesPerDay)
      let minutes = days * FleetDeviceDays.minutesPerDay
      let live = run.identity.liveModels.enumerated().map { index, model in
        let values = tally.liveSessions[(index * minutes)..<((index + 1) * minutes)].map(Int64.init)
        let cap = run.identity.liveSessionCap
        let over = cap.map { cap in values.enumerated().first { $0.element > Int64(cap) } } ?? nil
        return LiveConcurrency(
          model: model, peak: Self.peak(values), cap: cap,
          firstOverCap: over.map { Peak(value: $0.element, minute: $0.offset) },
          minutesOverCap: cap.map { cap in values.count { $0 > Int64(cap) } } ?? 0)
      }
      // The tier's concurrency note is the Realtime API's: GPT-Live sessions are judged against
      // their own cap above, so only Realtime sessions count here.
      var realtimeSessions = tally.sessions.map(Int64.init)
      for index in run.identity.liveModels.indices {
        for minute in 0..<minutes {
          realtimeSessions[minute] -= Int64(tally.liveSessions[index * minutes + minute])
        }
      }
      let realtimePeakSessions = Self.peak(realtimeSessions)
      let binding = tier.binding(
        rpm: peakRPM.value, tpm: peakTPM.value, rpd: rpd, sessions: realtimePeakSessions.value)
      return Variant(
        label: variantRun.label, live: live, total: percentiles(totals, halfWidth: totalHalfWidth),
        groups: groupTotals.enumerated().map { group, totals in
          percentiles(totals, halfWidth: group < groupHalfWidths.count ? groupHalfWidths[group] : nil)
        },
        peakSessions: peakSessions, realtimePeakSessions: realtimePeakSessions, peakRPM: peakRPM,
        peakTPM: peakTPM, peakRPD: rpd, peakRPDDay: rpdDay,
        lowestTier: RateLimitTier.lowestHolding(rpm: peakRPM.value, tpm: peakTPM.value, rpd: rpd)?.tier,
        configuredTierHolds: binding.isEmpty, binding: binding,
        headroomPercent: tier.headroomPercent(rpm: peakRPM.value, tpm: peakTPM.value, rpd: rpd),
        budgetDayP50: budgetP50, budgetDayP95: budgetP95, cumulativeP50: cumulativeP50,
        cumulativeP95: cumulativeP95, alerts: alerts, peakDayRequests: Array(tally.requests[dayRange]),
        peakSessionsDay: Array(tally.sessions[Self.dayRange(of: peakSessions)]),
        peakTPMDay: Array(tally.tokens[Self.dayRange(of: peakTPM)]))
    }
  }

  /// The minutes of the UTC day that holds `peak`.
  static func dayRange(of peak: Peak) -> Range<Int> {
    let day = peak.minute / FleetDeviceDays.minutesPerDay
    return (day * FleetDeviceDays.minutesPerDay)..<((day + 1) * FleetDeviceDays.minutesPerDay)
  }

  /// The largest value and its first minute (ties go to the earliest minute).
  static func peak(_ values: [Int64]) -> Peak {
    var best = Peak(value: values.first ?? 0, minute: 0)
    for (minute, value) in values.enumerated() where value > best.value {
      best = Peak(value: value, minute: minute)
    }
    return best
  }
}
