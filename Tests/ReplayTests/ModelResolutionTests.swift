import Billing
import RealtimeEvents
import Replay
import TestSupport
import Testing

/// Which model, which day (docs/replay.md): the rule, each step, and the real defect it fixes.
@Suite struct ModelResolutionTests {
  typealias Evidence = ModelResolution.Evidence

  func resolve(_ evidence: Evidence) throws -> ModelResolution {
    try ModelResolution.resolve(evidence, book: .bundled, name: "t.jsonl")
  }

  @Test func anOctober2024BetaCaptureIsPricedOnItsOwnDay() throws {
    // The fixture names only the alias; expires_at 2024-10-24T14:30Z minus the 15-minute launch cap.
    let result = try Replay.run(
      RecordingReader(path: TestPaths.fixture("beta-alias-october-2024.jsonl")), options: ReplayOptions())
    #expect(result.model == "gpt-4o-realtime-preview-2024-10-01")
    #expect(result.modelSource == .session)
    #expect(result.priceDay == CalendarDay("2024-10-24"))
    #expect(result.priceDaySource == .expiresAt)
    // 100 × $5 + 100 × $100 + 20 × $20 + 80 × $200 per 1M = 500 + 10,000 + 400 + 16,000 µ$ = $0.0269.
    #expect(result.total == usd("0.0269"))
  }

  @Test func anExplicitDatedModelIsObeyedEvenBeforeItsFirstPrice() throws {
    let result = try Replay.run(
      RecordingReader(path: TestPaths.fixture("beta-alias-october-2024.jsonl")),
      options: ReplayOptions(model: "gpt-4o-realtime-preview-2024-12-17"))
    #expect(result.model == "gpt-4o-realtime-preview-2024-12-17")
    #expect(result.modelSource == .option)
    // 100 × $5 + 100 × $40 + 20 × $20 + 80 × $80 = 500 + 4,000 + 400 + 6,400 µ$ = $0.0113.
    #expect(result.total == usd("0.0113"))
    #expect(result.warnings.contains { $0.message.contains("had no price yet on 2024-10-24") })
  }

  @Test func aDatedSessionModelWinsAndADisagreementIsReported() throws {
    let resolution = try resolve(
      Evidence(
        sessionModel: "gpt-realtime-2025-08-28", optionModel: "gpt-realtime-mini", headerModel: "gpt-realtime"
      ))
    #expect(resolution.model == "gpt-realtime-2025-08-28")
    #expect(resolution.modelSource == .session)
    // --model names another model: said, with both names. The header's alias means the same model.
    #expect(resolution.warnings.count == 1)
    #expect(
      resolution.warnings[0].contains("gpt-realtime-2025-08-28")
        && resolution.warnings[0].contains("gpt-realtime-mini"))
  }

  @Test func forAnAliasADatedOptionWinsThenADatedHeader() throws {
    let option = try resolve(
      Evidence(
        sessionModel: "gpt-realtime", optionModel: "gpt-realtime-2025-08-28", headerModel: "gpt-realtime-1.5")
    )
    #expect(option.model == "gpt-realtime-2025-08-28")
    #expect(option.modelSource == .option)
    let header = try resolve(Evidence(sessionModel: "gpt-realtime", headerModel: "gpt-realtime-1.5"))
    #expect(header.model == "gpt-realtime-1.5")
    #expect(header.modelSource == .header)
  }

  @Test func theDayComesFromTheHeaderThenExpiresAtThenCreatedAtThenTheOption() throws {
    let header = try resolve(
      Evidence(
        sessionModel: "gpt-4o-realtime-preview", headerStartedAt: "2025-01-15T10:00:00Z",
        sessionExpiresAt: 1729780200,
        optionDay: CalendarDay("2026-01-01")))
    #expect(header.day == CalendarDay("2025-01-15"))
    #expect(header.daySource == .header)
    #expect(header.model == "gpt-4o-realtime-preview-2024-12-17")
    // 2025-01-15T10:00:00Z is 1,736,935,200 s: the epoch of time 0 for the day windows.
    #expect(header.epochAtZero == .seconds(1_736_935_200))
    let created = try resolve(
      Evidence(sessionModel: "gpt-4o-realtime-preview", sessionCreatedAt: 1_751_328_000))
    #expect(created.day == CalendarDay("2025-07-01"))
    #expect(created.daySource == .createdAt)
    #expect(created.model == "gpt-4o-realtime-preview-2025-06-03")
    let option = try resolve(
      Evidence(sessionModel: "gpt-4o-realtime-preview", optionDay: CalendarDay("2024-12-20")))
    #expect(option.daySource == .option)
    #expect(option.model == "gpt-4o-realtime-preview-2024-12-17")
  }

  @Test func anUndatedAliasIsTheNewestSnapshotWithAWarning() throws {
    let resolution = try resolve(Evidence(sessionModel: "gpt-4o-realtime-preview"))
    #expect(resolution.day == nil)
    #expect(resolution.daySource == .newest)
    #expect(resolution.model == "gpt-4o-realtime-preview-2025-06-03")
    #expect(
      resolution.warnings == [
        "gpt-4o-realtime-preview is an alias and nothing dates the recording (no header started_at, no "
          + "expires_at): priced as its newest snapshot gpt-4o-realtime-preview-2025-06-03; give --at "
          + "YYYY-MM-DD or a dated --model"
      ])
  }

  @Test func noModelAnywhereIsAnErrorNamingTheRecording() {
    #expect(throws: ReplayError.self) { try resolve(Evidence()) }
  }

  @Test(arguments: [
    // 2025-09-01T12:00:00Z expires → GA era, 60-minute cap.
    (Int64(1_756_728_000), Int64(1_756_724_400)),
    // 2025-01-10T12:00:00Z → the 30-minute beta era.
    (1_736_510_400, 1_736_508_600),
    // 2024-10-24T14:30:00Z → the 15-minute launch era.
    (1_729_780_200, 1_729_779_300),
  ])
  func expiresAtMinusTheCapOfItsEra(expires: Int64, started: Int64) {
    #expect(SessionLengthEras.start(ofSessionExpiringAt: expires) == started)
  }

  @Test func unixSecondsAreUTCDays() {
    #expect(CalendarDay(unixSeconds: 0) == CalendarDay("1970-01-01"))
    #expect(CalendarDay(unixSeconds: 951_782_400) == CalendarDay("2000-02-29"))
    #expect(CalendarDay(unixSeconds: 1_729_780_200) == CalendarDay("2024-10-24"))
    #expect(CalendarDay(unixSeconds: -1) == CalendarDay("1969-12-31"))
  }
}
