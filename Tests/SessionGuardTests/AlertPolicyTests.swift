import Billing
import RealtimeEvents
import SessionGuard
import TestSupport
import Testing

@Suite("AlertPolicy")
struct AlertPolicyTests {
  func snapshot(
    at time: Micros, session: String = "0", hour: String = "0", day: String = "0", lifetime: String = "0",
    sessionNumber: Int = 1, dayIndex: Int64 = 100, dayEnd: Micros = s(86_400), span: Micros = s(3_600)
  ) -> UsageSnapshot {
    UsageSnapshot(
      time: time, mode: .real, session: usd(session), rollingHour: usd(hour), day: usd(day),
      lifetime: usd(lifetime),
      sessionNumber: sessionNumber, dayIndex: dayIndex, dayEnd: dayEnd, rollingSpan: span)
  }

  let realSessionPolicy = AlertPolicy.Configuration(
    thresholds: [
      .init(window: .session, level: .warning, amount: usd("0.50")),
      .init(window: .session, level: .alert, amount: usd("1.00")),
    ])

  @Test("defect 6: the seed's session cost is the lifetime total, so a new session alerts at once")
  func defect6LifetimeAsSession() {
    var seed = AlertPolicy(configuration: .seed())
    var real = AlertPolicy(configuration: realSessionPolicy)
    // A fresh session that has spent nothing, on a device whose stats file already holds $1.20.
    let fresh = snapshot(at: s(10), session: "0", lifetime: "1.20", sessionNumber: 7)
    let seedActions = seed.check(fresh)
    #expect(seedActions.map(\.alert.level) == [.alert])
    #expect(seedActions.first?.alert.amount == usd("1.20"))
    #expect(seedActions.first?.alert.window == .session)
    #expect(seedActions.first?.alert.mode == .seed)
    #expect(real.check(fresh).isEmpty)
    #expect(real.usageChanged(fresh).isEmpty)
  }

  @Test("defect 7: the seed repeats an alert on every check; the real policy fires once per crossing")
  func defect7Repeats() {
    var seed = AlertPolicy(configuration: .seed())
    var real = AlertPolicy(configuration: realSessionPolicy)
    seed.start(at: 0)
    real.start(at: 0)
    let spent = { (t: Micros) in self.snapshot(at: t, session: "0.60", lifetime: "0.60") }
    #expect(real.usageChanged(spent(s(5))).count == 1)
    var seedCount = 0
    var realCount = 0
    for check in 1...6 {
      seedCount += seed.check(spent(s(Int64(check) * 10))).count
      realCount += real.check(spent(s(Int64(check) * 10))).count
    }
    #expect(seedCount == 6)
    #expect(realCount == 0)
    #expect(seed.fired.count == 6)
    #expect(real.fired.count == 1)
    // The seed only looked every 10 s: a change between checks does nothing there.
    #expect(seed.usageChanged(spent(s(65))).isEmpty)
    #expect(seed.nextCheck == s(70))
  }

  @Test("fired once per crossing and re-armed when the window resets")
  func oncePerCrossingAndRearm() {
    var policy = AlertPolicy(
      configuration: AlertPolicy.Configuration(
        thresholds: [
          .init(window: .session, level: .warning, amount: usd("0.50")),
          .init(window: .rollingHour, level: .warning, amount: usd("0.50")),
          .init(window: .day, level: .alert, amount: usd("1.00")),
        ], alertActions: [.log, .callback, .disconnect]))
    #expect(policy.usageChanged(snapshot(at: s(1), session: "0.30")).isEmpty)
    #expect(policy.usageChanged(snapshot(at: s(2), session: "0.55")).map(\.alert.window) == [.session])
    #expect(policy.usageChanged(snapshot(at: s(3), session: "0.80")).isEmpty)
    // A new session whose first response already crosses: its own window, so it fires again.
    #expect(
      policy.usageChanged(snapshot(at: s(4), session: "0.60", sessionNumber: 2)).map(\.alert.window) == [
        .session
      ])
    // Rolling hour: crossing, falling below (re-armed), crossing again.
    #expect(policy.usageChanged(snapshot(at: s(5), hour: "0.60")).map(\.alert.window) == [.rollingHour])
    #expect(policy.check(snapshot(at: s(6), hour: "0.40")).isEmpty)
    #expect(policy.check(snapshot(at: s(7), hour: "0.70")).map(\.alert.window) == [.rollingHour])
    // Day alert: every configured action, once per day.
    let alert = policy.usageChanged(snapshot(at: s(8), day: "1.10"))
    #expect(alert.count == 3)
    #expect(alert.map(\.alert.level) == [.alert, .alert, .alert])
    if case .disconnect = alert[2] {} else { Issue.record("the third action should be disconnect") }
    #expect(policy.usageChanged(snapshot(at: s(9), day: "1.20")).isEmpty)
    #expect(policy.usageChanged(snapshot(at: s(10), day: "1.05", dayIndex: 101)).count == 3)
    #expect(policy.fired.map(\.message).first == "warning: session cost $0.55 reached $0.5 (real)")
  }

  @Test("burn rate: when the daily budget is gone at the current rate (hand-computed)")
  func burnRate() {
    let policy = AlertPolicy(configuration: AlertPolicy.Configuration(thresholds: [], dailyBudget: usd("5")))
    // 14:00 with $3.00 spent today, $1.00 of it in the last hour: $2.00 left at $1.00/h → 16:00.
    let afternoon = policy.burnRate(snapshot(at: s(50_400), hour: "1", day: "3"))!
    #expect(afternoon.ratePerHour == usd("1"))
    #expect(afternoon.exhaustedAt == s(57_600))
    #expect(afternoon.exhaustedBeforeDayEnds)
    #expect(afternoon.exhaustedAtUTC(epochAtZero: 0) == "16:00")
    // With time 0 at 2026-11-20T23:30Z, 16:00 virtual is 15:30 UTC the next day.
    #expect(afternoon.exhaustedAtUTC(epochAtZero: 1_795_217_400 * Micros.perSecond) == "15:30")
    // 30 min after tracking started, $0.75 spent: $1.50/h; $2 budget leaves $1.25 → 1.25 / 1.5 h = 50 min.
    let early = BurnRateProjection(
      snapshot: snapshot(at: s(1_800), hour: "0.75", day: "0.75", span: s(1_800)), budget: usd("2"))
    #expect(early.ratePerHour == usd("1.5"))
    #expect(early.exhaustedAt == s(1_800 + 3_000))
    // 23:00, $1 in the last hour, $1 left: gone at 24:00 exactly, which is not before the day ends.
    let late = policy.burnRate(snapshot(at: s(82_800), hour: "1", day: "4"))!
    #expect(late.exhaustedAt == s(86_400))
    #expect(!late.exhaustedBeforeDayEnds)
    // Already over budget; and nothing spent recently.
    #expect(policy.burnRate(snapshot(at: s(100), hour: "1", day: "5.5"))!.exhaustedAt == s(100))
    #expect(policy.burnRate(snapshot(at: s(100), hour: "0", day: "1"))!.exhaustedAt == nil)
    #expect(AlertPolicy(configuration: realSessionPolicy).burnRate(snapshot(at: 0)) == nil)
  }
}
