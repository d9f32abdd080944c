import TestSupport
import Testing

@testable import Billing
@testable import RealtimeEvents
@testable import Replay
@testable import SessionGuard

/// Replaying a GPT-Live recording: billed from the API's reported duration, cross-checked against
/// the recording's clock, and run through the real guard (fixtures/recordings/README.md,
/// live-idle-robot.jsonl, has the arithmetic).
@Suite struct LiveReplayTests {
  func replay(_ options: ReplayOptions) throws -> ReplayResult {
    try Replay.run(RecordingReader(path: TestPaths.fixture("live-idle-robot.jsonl")), options: options)
  }

  @Test func aLiveRecordingIsBilledFromTheReportedDuration() throws {
    let result = try replay(ReplayOptions(backendModel: "gpt-realtime-2"))
    #expect(result.model == "gpt-live-1.1" && result.isLive)
    // 640 s × $0.05/60 = $0.5333…: 640e6 µs × 50e9 / 60e6 = 533,333,333,333⅓ → 533,333,333,333 pico.
    #expect(result.billed.live.bill.total.picoUSD == 533_333_333_333)
    // Six cumulative reports (30, 60, 120, 300, 630, 640 s), billed once.
    #expect(result.billed.live.usageReports == 6 && result.billed.live.usage.sessionMicros == 640_000_000)
    // Backend at gpt-realtime-2's text prices: 200 × 4 + 1,000 × 0.40 + 300 × 24 µ$ = $0.0084.
    #expect(result.billed.live.backendCost == usd("0.0084"))
    #expect(result.total.picoUSD == 541_733_333_333)
    #expect(result.unpriced == 0 && result.summary.liveCloseReasons == [.closeRequested])
    // The API's 640 s and the 640 s connected on the recording's clock agree: no warning.
    #expect(!result.warnings.contains { $0.message.contains("recording's clock") })
  }

  @Test func anUnknownBackendModelLeavesALowerBound() throws {
    let result = try replay(ReplayOptions())
    #expect(result.unpriced == 1 && result.billed.live.backendCost == .zero)
    #expect(result.total.picoUSD == 533_333_333_333)
    #expect(result.warnings.contains { $0.message.contains("'gpt-6-astra'") && $0.line == 7 })
  }

  @Test func theIdleMonitorClosesTheSessionAndTheSavingIsTheCounterfactual() throws {
    // A 60 s idle timeout checked every 30 s: last activity at 7 s, closed at the 90 s check. The
    // guarded session is billed the recorded usage at 90 s: 60 s (reported at 60.4 s) + 29.6 s =
    // 89.6 s. The user speaks at 600 s: a new session from then, billed 640 − (300 + 299.6) = 40.4 s.
    // 89.6 s → 74,666,666,666⅔ → 74,666,666,667 pico; 40.4 s → 33,666,666,666⅔ → 33,666,666,667;
    // with the $0.0084 backend: 116,733,333,334 pico. Saving: 541,733,333,333 − 116,733,333,334.
    let options = ReplayOptions(
      settings: GuardSettings(idleTimeout: .seconds(60), checkInterval: .seconds(30)),
      backendModel: "gpt-realtime-2")
    let outcome = try #require(try replay(options).guardOutcome)
    #expect(outcome.counters.disconnects == 1 && outcome.counters.reconnects == 1)
    #expect(outcome.timeline.first?.time == .seconds(90))
    #expect(outcome.timeline.first?.detail.contains("close_requested") == true)
    let guarded = try #require(outcome.guardedLive)
    #expect(guarded.usage.sessionMicros == 130_000_000 && guarded.confirmedSessions == 2)
    #expect(guarded.total.sum.picoUSD == 116_733_333_334)
    #expect(outcome.notBilled.picoUSD == 424_999_999_999)
  }

  @Test func withoutAnIdleTimeoutTheGuardedSessionCostsWhatWasRecorded() throws {
    let options = ReplayOptions(settings: GuardSettings(idleTimeout: nil), backendModel: "gpt-realtime-2")
    let outcome = try #require(try replay(options).guardOutcome)
    #expect(outcome.counters.disconnects == 0 && outcome.notBilled == .zero)
    #expect(outcome.guardedLive?.usage.sessionMicros == 640_000_000)
  }

  @Test func aDurationThatDisagreesWithTheClockIsAWarning() throws {
    // The API reports 100 s for a session the recording shows open 40 s (beyond 2 s or 5 %).
    let events = [
      TimedEvent(time: 0, direction: .server, event: .liveSessionStarted(SessionConfig(model: "gpt-live-1"))),
      TimedEvent(
        time: .seconds(40), direction: .server,
        event: .liveSessionClosed(reason: .remoteHangup, usage: LiveUsageReport(sessionMicros: 100_000_000))),
    ]
    let result = try Replay.run(
      EventArraySource(events, name: "short.jsonl"),
      options: ReplayOptions(at: CalendarDay(year: 2026, month: 10, day: 1)))
    // Billed as the API reported: 100 s × $0.05/60 = 83,333,333,333⅓ → 83,333,333,333 pico.
    #expect(result.total.picoUSD == 83_333_333_333)
    #expect(result.warnings.contains { $0.message.contains("billed 100 s") && $0.message.contains("40 s") })
  }

  @Test func aLiveRecordingWithoutItsCloseSaysTheUsageIsUnconfirmed() throws {
    let events = [
      TimedEvent(time: 0, direction: .server, event: .liveSessionStarted(SessionConfig(model: "gpt-live-1"))),
      TimedEvent(
        time: .seconds(30), direction: .server,
        event: .liveUsageUpdated(LiveUsageReport(sessionMicros: 30_000_000))),
    ]
    let result = try Replay.run(
      EventArraySource(events, name: "cut.jsonl"),
      options: ReplayOptions(at: CalendarDay(year: 2026, month: 10, day: 1)))
    #expect(result.warnings.contains { $0.message.contains("not confirmed") })
  }

  @Test func aBareLiveRecordingIsNotCheckedAgainstAClockItLacks() throws {
    // No timestamps: the recording's clock shows 0 s connected, which is no evidence against the
    // API's 100 s; billed as reported, without the cross-check's warning.
    let events = [
      TimedEvent(
        time: nil, direction: .server, event: .liveSessionStarted(SessionConfig(model: "gpt-live-1"))),
      TimedEvent(
        time: nil, direction: .server,
        event: .liveSessionClosed(reason: .remoteHangup, usage: LiveUsageReport(sessionMicros: 100_000_000))),
    ]
    let result = try Replay.run(
      EventArraySource(events, name: "bare.jsonl"),
      options: ReplayOptions(at: CalendarDay(year: 2026, month: 10, day: 1)))
    #expect(!result.summary.isTimed)
    #expect(result.total.picoUSD == 83_333_333_333)
    #expect(!result.warnings.contains { $0.message.contains("recording's clock") })
    #expect(result.warnings.isEmpty && result.warningCount == 0)
  }

  @Test func theWarningsMadeAtTheEndAreCounted() throws {
    // The API reports 100 s at 40 s on the clock and no session.closed follows: both end-of-run
    // warnings are listed, and the count says two, not zero.
    let events = [
      TimedEvent(time: 0, direction: .server, event: .liveSessionStarted(SessionConfig(model: "gpt-live-1"))),
      TimedEvent(
        time: .seconds(40), direction: .server,
        event: .liveUsageUpdated(LiveUsageReport(sessionMicros: 100_000_000))),
    ]
    let result = try Replay.run(
      EventArraySource(events, name: "cut.jsonl"),
      options: ReplayOptions(at: CalendarDay(year: 2026, month: 10, day: 1)))
    #expect(result.warnings.contains { $0.message.contains("recording's clock") })
    #expect(result.warnings.contains { $0.message.contains("no session.closed") })
    #expect(result.warnings.count == 2 && result.warningCount == 2)
  }
}
