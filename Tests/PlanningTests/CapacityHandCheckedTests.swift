import Billing
import SessionGuard
import TestSupport
import Testing

@testable import Planning

/// Two devices from hand-built device-day libraries of one day each, so every draw is that day.
@Suite struct CapacityHandCheckedTests {
  /// A day with `sessions` open over `sessionMinutes`, `requests` created at `requestMinute` and
  /// `tokens` in that minute.
  static func day(
    cost: String, sessionMinutes: Range<Int>, requestMinute: Int, requests: UInt16, tokens: UInt32
  ) -> FleetDeviceDays {
    var sessions = [UInt8](repeating: 0, count: 1_440)
    for minute in sessionMinutes { sessions[minute] = 1 }
    var perMinute = [UInt16](repeating: 0, count: 1_440)
    perMinute[requestMinute] = requests
    var tokenMinutes = [UInt32](repeating: 0, count: 1_440)
    tokenMinutes[requestMinute] = tokens
    var library = FleetDeviceDays()
    library.append(cost: Money(usd: cost)!, sessions: sessions, requests: perMinute, tokens: tokenMinutes)
    library.closeWorldsPerDay()
    return library
  }

  // Device A (UTC+0): $1.00 a day, a session 10:00–10:59 local (minutes 600..<660), 2 requests
  // with 1,000 tokens at 10:00. Device B (UTC+1, offset +60 min): $2.50 a day, a session
  // 10:30–11:39 local (630..<700), 3 requests with 4,000 tokens at 09:20 local (560).
  static let libraryA = day(
    cost: "1.00", sessionMinutes: 600..<660, requestMinute: 600, requests: 2, tokens: 1_000)
  static let libraryB = day(
    cost: "2.50", sessionMinutes: 630..<700, requestMinute: 560, requests: 3, tokens: 4_000)

  static func run(days: Int, budget: String) -> CapacityRun {
    let tally = CapacitySampler.tally(
      libraries: [libraryA, libraryB], offsets: [0, 60], devices: [0..<1, 0..<1], months: 5, days: days,
      seed: 9)
    let options = CapacityOptions(worlds: 1, worldDays: 1, months: 5)
    return CapacityRun(
      identity: CapacityIdentity(
        fleet: "hand", month: PlanMonth(year: 2026, month: 2), tier: 1,
        budgetPico: Money(usd: budget)!.picoUSD,
        seed: 9, groups: ["a", "b"], counts: [1, 1], offsets: [0, 60], variants: ["as configured"],
        options: options),
      variants: [
        CapacityVariantRun(
          label: "as configured", tally: tally, worldMeansUSD: [[1], [2.5]],
          policies: [
            GuardSettings(thresholds: [.init(window: .session, level: .warning, amount: usd("1.00"))]),
            GuardSettings(thresholds: [.init(window: .session, level: .warning, amount: usd("2.00"))]),
          ])
      ], shards: [0], shardCount: 1)
  }

  @Test func monthlyTotalsAreDaysTimesDailyCost() {
    let summary = CapacitySummary(Self.run(days: 3, budget: "7.00"))
    let variant = summary.variants[0]
    // A: 3 days × $1.00 = $3.00; B: 3 × $2.50 = $7.50; total $10.50 in every sampled month.
    #expect(variant.groups[0].p50 == 3.0)
    #expect(variant.groups[1].p99 == 7.5)
    #expect(variant.total.p50 == 10.5 && variant.total.p95 == 10.5 && variant.total.p99 == 10.5)
    // Cumulative: day 1 $3.50, day 2 $7.00 ≥ budget $7.00 → the budget is crossed on day 2.
    #expect(variant.budgetDayP50 == 2 && variant.budgetDayP95 == 2)
    // Fleet daily warn = 1 × $1.00 + 1 × $2.00 = $3.00 ≤ $3.50 every day → 3 days, first day 1.
    #expect(variant.alerts.count == 1)
    #expect(variant.alerts[0].dailyThreshold == Money(usd: "3.00")!)
    #expect(variant.alerts[0].daysP50 == 3 && variant.alerts[0].firstDayP50 == 1)
    // Each group: 1 device × (3 + 2) drawn days / (1 world × 1 day) = each library day used 5 times.
    #expect(summary.libraryReuse == [5, 5])
  }

  @Test func peaksShiftByTimeZone() {
    let variant = CapacitySummary(Self.run(days: 3, budget: "100")).variants[0]
    // B's local 10:30–11:39 at UTC+1 is UTC 09:30–10:39 (570..<640); A is UTC 600..<660.
    // Both are open in UTC 600..<640 → peak 2, first at minute 600 = 10:00 of day 1.
    #expect(variant.peakSessions.value == 2)
    #expect(variant.peakSessions.minute == 600 && variant.peakSessions.timeOfDay == "10:00")
    // B's 3 requests at local 09:20 are UTC 08:20 (minute 500) and beat A's 2 at 10:00.
    #expect(variant.peakRPM.value == 3 && variant.peakRPM.timeOfDay == "08:20" && variant.peakRPM.day == 1)
    #expect(variant.peakTPM.value == 4_000 && variant.peakTPM.minute == 500)
    // Requests per UTC day: 2 + 3 = 5 on each of the 3 days; the first such day is day 1.
    #expect(variant.peakRPD == 5 && variant.peakRPDDay == 1)
    // Tier 1 holds (3 ≤ 200 RPM, 4,000 ≤ 40,000 TPM, 5 ≤ 1,000 RPD); headroom is the smallest of
    // (200−3)/200 = 98.5 %, (40,000−4,000)/40,000 = 90 %, (1,000−5)/1,000 = 99.5 % → 90 %.
    #expect(variant.lowestTier == 1 && variant.configuredTierHolds)
    #expect(abs(variant.headroomPercent - 90) < 1e-9)
  }

  @Test func aWesternOffsetShiftsLater() {
    // At UTC−1 (offset −60), B's 10:30–11:39 local is 11:30–12:39 UTC (690..<760); A stays at
    // 600..<660: no overlap, peak 1, and minute 665 is empty.
    let tally = CapacitySampler.tally(
      libraries: [Self.libraryA, Self.libraryB], offsets: [0, -60], devices: [0..<1, 0..<1], months: 1,
      days: 2,
      seed: 1)
    // Sessions per UTC day: A 60 minutes + B 70 minutes = 130 minute-sessions, on both days.
    #expect(tally.sessions.reduce(0, +) == 2 * 130)
    #expect(tally.sessions.max() == 1)
    #expect(tally.sessions[665] == 0 && tally.sessions[690] == 1 && tally.sessions[659] == 1)
  }

  @Test func splittingDevicesGivesTheSameTally() {
    let libraries = [Self.libraryA, Self.libraryB]
    let whole = CapacitySampler.tally(
      libraries: libraries, offsets: [0, 60], devices: [0..<10, 0..<7], months: 4, days: 28, seed: 3)
    var parts = CapacitySampler.tally(
      libraries: libraries, offsets: [0, 60], devices: [0..<4, 0..<7], months: 4, days: 28, seed: 3)
    parts.add(
      CapacitySampler.tally(
        libraries: libraries, offsets: [0, 60], devices: [4..<10, 7..<7], months: 4, days: 28, seed: 3))
    #expect(parts == whole)
    #expect(whole.devices == [10, 7])
  }

  @Test func mergeRefusesMissingAndDuplicateShards() {
    var part = Self.run(days: 3, budget: "7")
    part.shardCount = 2
    #expect(throws: CapacityError("shards missing: 1/2")) { try CapacityPlanner.merge([part]) }
    #expect(throws: CapacityError("shard 0/2 appears twice")) { try CapacityPlanner.merge([part, part]) }
    var other = part
    other.identity.seed = 10
    other.shards = [1]
    #expect(throws: CapacityError.self) { try CapacityPlanner.merge([part, other]) }
  }
}
