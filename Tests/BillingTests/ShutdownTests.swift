import Testing

@testable import Billing

@Suite struct ShutdownTests {
  let book = PriceBook.bundled

  @Test func aDayAfterTheShutdownWarnsNamingTheSource() throws {
    let warning = try #require(try book.shutdownWarning(for: "gpt-realtime", on: CalendarDay("2027-02-01")!))
    #expect(warning.model == "gpt-realtime-2025-08-28")
    #expect(warning.requested == "gpt-realtime")
    #expect(warning.shutdown.day == CalendarDay("2027-01-20"))
    #expect(warning.description.contains("shut down from 2027-01-20"))
    #expect(warning.description.contains("[source: OpenAI notice of 2026-07-20"))
    #expect(try book.shutdownWarning(for: "gpt-realtime", on: CalendarDay("2027-01-19")!) == nil)
    #expect(try book.shutdownWarning(for: "gpt-realtime-2", on: CalendarDay("2027-06-01")!) == nil)
  }

  @Test func aMonthThatContainsTheShutdownWarns() throws {
    #expect(try book.shutdownWarning(for: "gpt-realtime-2025-08-28", inYear: 2026, month: 12) == nil)
    let january = try #require(
      try book.shutdownWarning(for: "gpt-realtime-2025-08-28", inYear: 2027, month: 1))
    #expect(january.period == "2027-01")
    #expect(try book.shutdownWarning(for: "gpt-realtime-2025-08-28", inYear: 2027, month: 2) != nil)
    // The preview alias resolves to its last snapshot, shut down on 2026-05-07.
    let preview = try #require(
      try book.shutdownWarning(for: "gpt-4o-realtime-preview", inYear: 2026, month: 5))
    #expect(preview.model == "gpt-4o-realtime-preview-2025-06-03")
    #expect(try book.shutdownWarning(for: "gpt-4o-realtime-preview", inYear: 2026, month: 4) == nil)
  }

  @Test func transcriptionShutdownsAndUnknownModels() throws {
    let whisper = try #require(
      try book.transcriptionShutdownWarning(for: "whisper-1", inYear: 2027, month: 3))
    #expect(whisper.shutdown.day == CalendarDay("2027-02-26"))
    #expect(
      try book.transcriptionShutdownWarning(for: "gpt-transcribe", on: CalendarDay("2027-06-01")!) == nil)
    #expect(throws: PriceBookError.self) {
      try book.shutdownWarning(for: "no-such-model", on: CalendarDay("2027-01-01")!)
    }
  }

  @Test func monthArithmetic() {
    let shutdown = ModelShutdown(day: CalendarDay(year: 2028, month: 2, day: 29), source: "test")
    #expect(shutdown.isShutDown(inYear: 2028, month: 2))
    #expect(!shutdown.isShutDown(inYear: 2028, month: 1))
    #expect(!shutdown.isShutDown(on: CalendarDay(year: 2028, month: 2, day: 28)))
    #expect(CalendarDay.last(ofMonth: 2, year: 2028) == CalendarDay(year: 2028, month: 2, day: 29))
  }
}
