import TestSupport
import Testing

@testable import Billing
@testable import RealtimeEvents
@testable import SessionGuard

/// The usage tracker and the guard meter GPT-Live sessions by the API's cumulative reports.
@Suite struct LiveMeteringTests {
  let live = try! PriceBook.bundled.liveCard(for: "gpt-live-1.1")
  var configuration: UsageTracker.Configuration {
    UsageTracker.Configuration(
      billing: .live(live), backend: BackendPricing(override: bundledCard("gpt-realtime-2")))
  }

  func report(_ seconds: Int64) -> RealtimeEvent {
    .liveUsageUpdated(LiveUsageReport(sessionMicros: seconds * 1_000_000))
  }

  @Test func cumulativeUsageReportedThreeTimesIsBilledOnce() {
    // Reports of 30 s, 60 s, 90 s are snapshots of one session: it is billed 90 s = $0.075, not 180 s.
    var tracker = UsageTracker(configuration: configuration)
    tracker.handle(.liveSessionStarted(SessionConfig(model: "gpt-live-1.1")), at: 0)
    for seconds: Int64 in [30, 60, 90] { tracker.handle(report(seconds), at: .seconds(seconds)) }
    #expect(tracker.run.live.usage.sessionMicros == 90_000_000)
    #expect(tracker.run.billed == usd("0.075"))
    #expect(tracker.run.live.usageReports == 3)
    // The final session.closed repeats 90 s: nothing more is billed, and the session is confirmed.
    tracker.handle(
      .liveSessionClosed(reason: .closeRequested, usage: LiveUsageReport(sessionMicros: 90_000_000)),
      at: .seconds(91))
    #expect(tracker.run.billed == usd("0.075") && tracker.run.live.confirmedSessions == 1)
    #expect(tracker.sessionOpenSince == nil)
  }

  @Test func aNewSessionCountsItsUsageFromZero() {
    // Session 1 ends at 60 s; session 2 reports 30 s: 90 s in all = $0.075.
    var tracker = UsageTracker(configuration: configuration)
    tracker.handle(.liveSessionStarted(SessionConfig()), at: 0)
    tracker.handle(
      .liveSessionClosed(reason: .closeRequested, usage: LiveUsageReport(sessionMicros: 60_000_000)),
      at: .seconds(60))
    tracker.handle(.liveSessionStarted(SessionConfig()), at: .seconds(100))
    tracker.handle(report(30), at: .seconds(130))
    #expect(tracker.run.live.usage.sessionMicros == 90_000_000 && tracker.run.billed == usd("0.075"))
    #expect(tracker.session.live.usage.sessionMicros == 30_000_000)
  }

  @Test func standbyIsBilledAtItsRateFromTheReport() {
    // 60 s reported of which 30 s standby: 30 s × $0.05/60 + 30 s × $0.02/60 = $0.025 + $0.01 = $0.035.
    var tracker = UsageTracker(configuration: configuration)
    tracker.handle(.liveSessionStarted(SessionConfig()), at: 0)
    tracker.handle(
      .liveUsageUpdated(LiveUsageReport(sessionMicros: 60_000_000, standbyMicros: 30_000_000)),
      at: .seconds(60))
    #expect(tracker.run.live.bill.active == usd("0.025") && tracker.run.live.bill.standby == usd("0.01"))
    #expect(tracker.run.billed == usd("0.035"))
  }

  @Test func aReportThatGoesDownIsAWarningAndTheLargerIsKept() {
    var tracker = UsageTracker(configuration: configuration)
    tracker.handle(.liveSessionStarted(SessionConfig()), at: 0)
    tracker.handle(report(60), at: .seconds(60))
    tracker.handle(report(40), at: .seconds(70))
    #expect(tracker.run.live.usage.sessionMicros == 60_000_000 && tracker.run.pricingWarnings == 1)
    #expect(tracker.issues.last?.message.contains("cumulative") == true)
  }

  @Test func backendTokensArePricedAtTheBackendCardOrReportedUnpriced() {
    let usage = BackendUsage(inputTokens: 1_200, cachedInputTokens: 1_000, outputTokens: 300)
    var priced = UsageTracker(configuration: configuration)
    priced.handle(
      .liveBackendEvent(LiveBackendResponse(type: "response.completed", model: "gpt-6-astra", usage: usage)),
      at: 0)
    // gpt-realtime-2 text prices: 200 × 4 + 1,000 × 0.40 + 300 × 24 µ$ = $0.0084.
    #expect(priced.run.live.backendCost == usd("0.0084") && priced.run.unpricedResponses == 0)

    var unknown = UsageTracker(
      configuration: UsageTracker.Configuration(billing: .live(live), backend: BackendPricing(cards: [:])))
    unknown.handle(
      .liveBackendEvent(LiveBackendResponse(type: "response.completed", model: "gpt-6-astra", usage: usage)),
      at: 0)
    #expect(unknown.run.live.backendCost == .zero && unknown.run.unpricedResponses == 1)
    #expect(unknown.run.live.backendTokens.inputTokens == 1_200)
    #expect(unknown.issues.first?.message.contains("'gpt-6-astra'") == true)
  }

  @Test func anAbandonedCreationBillsFifteenSeconds() {
    var tracker = UsageTracker(configuration: configuration)
    tracker.liveCreationAbandoned(at: 0)
    // 15 s × $0.05 / 60 s = $0.0125.
    #expect(tracker.run.billed == usd("0.0125") && tracker.run.live.usage.abandonedCreations == 1)
  }

  @Test func alertsSeeTheClockBetweenReports() {
    // Last report 60 s at t = 60 s; at t = 120 s the snapshot adds 60 s × $0.05/60 = $0.05 of accrual
    // to the $0.05 billed, while billed totals stay at what the API reported.
    var tracker = UsageTracker(configuration: configuration)
    tracker.handle(.liveSessionStarted(SessionConfig()), at: 0)
    tracker.handle(report(60), at: .seconds(60))
    let snapshot = tracker.snapshot(at: .seconds(120))
    #expect(snapshot.session == usd("0.1") && snapshot.day == usd("0.1"))
    #expect(tracker.run.billed == usd("0.05"))
  }

  @Test func usageOfTheOtherKindIsUnpricedNotGuessed() {
    var tokens = UsageTracker(
      configuration: UsageTracker.Configuration(priceCard: bundledCard("gpt-realtime-2")))
    tokens.handle(report(60), at: .seconds(60))
    #expect(tokens.run.unpricedResponses == 1 && tokens.run.billed == .zero)
  }

  @Test func theGuardMetersTheFinalUsageOfASessionItClosed() {
    // The idle monitor closes the session at 60 s + timeout; the app's session.close brings the API's
    // session.closed with the final usage after the connection is gone: it is still billed, once.
    let settings = GuardSettings(idleTimeout: .seconds(60), checkInterval: .seconds(1))
    var sessionGuard = SessionGuard(
      configuration: settings.configuration(
        billing: .live(live), backend: BackendPricing(override: bundledCard("gpt-realtime-2"))))
    _ = sessionGuard.connected(at: 0)
    _ = sessionGuard.handle(.liveSessionStarted(SessionConfig()), at: 0)
    _ = sessionGuard.handle(.liveInputTranscriptDelta, at: .seconds(5))
    _ = sessionGuard.handle(report(30), at: .seconds(30))
    _ = sessionGuard.advance(to: .seconds(70))
    #expect(!sessionGuard.idle.isConnected && sessionGuard.awaitingLiveClose)
    let actions = sessionGuard.handle(
      .liveSessionClosed(reason: .closeRequested, usage: LiveUsageReport(sessionMicros: 66_000_000)),
      at: .milliseconds(66500))
    #expect(actions.contains(.saveStats(at: .milliseconds(66500))))
    // 66 s × $0.05/60 = $0.055.
    #expect(sessionGuard.usage.run.billed == usd("0.055") && !sessionGuard.awaitingLiveClose)
    // A later close for a session nobody awaits is not metered.
    _ = sessionGuard.handle(
      .liveSessionClosed(reason: .closeRequested, usage: LiveUsageReport(sessionMicros: 600_000_000)),
      at: .seconds(600))
    #expect(sessionGuard.usage.run.billed == usd("0.055"))
  }
}
