import Testing

@testable import Billing

@Suite struct MoneyTests {
  @Test func parsesAndFormatsExactly() {
    #expect(Money(usd: "0.50")?.picoUSD == 500_000_000_000)
    #expect(Money(usd: "0.00001111")?.picoUSD == 11_110_000)
    #expect(Money(usd: "-1.5")?.decimalText == "-1.5")
    #expect(Money(picoUSD: 7_585_000_000).decimalText == "0.007585")
    #expect(Money(picoUSD: 1).decimalText == "0.000000000001")
    #expect(Money.zero.decimalText == "0")
  }

  @Test func refusesTextThatIsNotAnExactDecimal() {
    #expect(Money(usd: "") == nil)
    #expect(Money(usd: "1.2.3") == nil)
    #expect(Money(usd: "abc") == nil)
    #expect(Money(usd: "0.0000000000001") == nil)  // 13 decimals: finer than a pico-dollar
    #expect(Money(usd: "99999999999") == nil)  // overflows Int64 pico-dollars
  }

  @Test func roundsHalfAwayFromZeroForTables() {
    #expect(Money(usd: "0.012345")!.rounded(toDecimals: 4) == "0.0123")
    #expect(Money(usd: "0.01235")!.rounded(toDecimals: 4) == "0.0124")
    #expect(Money(usd: "-0.01235")!.rounded(toDecimals: 4) == "-0.0124")
    #expect(Money(usd: "2")!.rounded(toDecimals: 2) == "2.00")
  }

  @Test func calendarDaysParseAndOrder() {
    #expect(CalendarDay("2025-08-28") == CalendarDay(year: 2025, month: 8, day: 28))
    #expect(CalendarDay("2026-11-20T09:00:00Z") == CalendarDay(year: 2026, month: 11, day: 20))
    #expect(CalendarDay("2025-13-01") == nil)
    #expect(CalendarDay("2026-02-31") == nil)
    #expect(CalendarDay("2026-02-29") == nil)
    #expect(CalendarDay("2028-02-29") != nil)  // leap year
    #expect(CalendarDay("2100-02-29") == nil)  // not a leap year
    #expect(CalendarDay("2026-04-31") == nil)
    #expect(CalendarDay("2025-1-1") == nil)
    #expect(CalendarDay("2025-01-01x") == nil)
    #expect(CalendarDay("2024-12-17")! < CalendarDay("2025-01-01")!)
    #expect(CalendarDay(year: 2026, month: 2, day: 1).description == "2026-02-01")
  }
}
