import Foundation
import Testing

@testable import Billing

/// Sums across many blocks never trap (DESIGN §7.3).
@Suite struct MoneySumTests {
  /// One response of 10⁹ audio tokens in and 10⁹ audio tokens out: every field at the plausibility
  /// cap (no `total_tokens`, which would be 2 × 10⁹, past the cap).
  let huge = ResponseUsage(
    inputTokens: 1_000_000_000, outputTokens: 1_000_000_000,
    input: .init(textTokens: 0, audioTokens: 1_000_000_000, cachedTokens: 0),
    output: .init(textTokens: 0, audioTokens: 1_000_000_000))

  @Test func fiftyHugeResponsesSumExactlyOrFailClearly() throws {
    let card = try PriceBook.bundled.card(
      for: "gpt-4o-realtime-preview-2024-10-01", on: CalendarDay("2024-10-01"))
    // One block: 1e9 × $100/1M + 1e9 × $200/1M = 1e9 × 100e6 + 1e9 × 200e6 = 3e17 pico = $300,000.
    let one = try card.price(huge)
    #expect(one.total.picoUSD == 300_000_000_000_000_000)
    var sum = MoneySum()
    var checked = Money.zero
    var failure: MoneyError?
    for _ in 0..<50 {
      sum.add(one.total)
      if failure == nil {
        do throws(MoneyError) { checked = try checked.adding(one.total) } catch { failure = error }
      }
    }
    // 50 × 3e17 = 1.5e19 pico = $15,000,000: exact in 128 bits.
    #expect(sum.picoUSD == 15_000_000_000_000_000_000)
    #expect(sum.decimalText == "15000000")
    // Int64 pico-dollars end at $9,223,372: the 31st addition is refused, with the exact amount.
    #expect(failure == .outOfRange(picoUSD: 9_300_000_000_000_000_000))
    #expect(checked.picoUSD == 9_000_000_000_000_000_000)
    #expect(throws: MoneyError.outOfRange(picoUSD: 15_000_000_000_000_000_000)) { try sum.money() }
    #expect(
      MoneyError.outOfRange(picoUSD: 15_000_000_000_000_000_000).description.contains("$15000000 is outside"))
  }

  @Test func categorySumsAndCheckedTotals() throws {
    let card = try PriceBook.bundled.card(
      for: "gpt-4o-realtime-preview-2024-10-01", on: CalendarDay("2024-10-01"))
    let costs = try card.price(huge).costs
    var sums = CategoryCostSums.zero
    var many = CategoryCosts.zero
    for index in 0..<40 {
      sums.add(costs)
      if index < 30 { many.add(costs) }
    }
    // audio_out: 40 × 1e9 × 200e6 = 8e18 pico (fits); audio_in 40 × 1e17 = 4e18; total 1.2e19 (does not).
    #expect(try sums.audioOut.money().picoUSD == 8_000_000_000_000_000_000)
    #expect(sums.total.picoUSD == 12_000_000_000_000_000_000)
    #expect(throws: MoneyError.self) { try sums.total.money() }
    // 30 blocks: 9e18 pico still fits one Money; a 31st makes 9.3e18, past Int64 (about 9.22e18),
    // while each category (6.2e18 audio out, 3.1e18 audio in) still fits.
    #expect(try many.checkedTotal().picoUSD == 9_000_000_000_000_000_000)
    many.add(costs)
    #expect(throws: MoneyError.outOfRange(picoUSD: 9_300_000_000_000_000_000)) { try many.checkedTotal() }
  }

  @Test func checkedArithmetic() throws {
    let max = Money(picoUSD: Int64.max)
    #expect(throws: MoneyError.self) { try max.adding(Money(picoUSD: 1)) }
    #expect(throws: MoneyError.self) { try Money(picoUSD: Int64.min).subtracting(Money(picoUSD: 1)) }
    #expect(throws: MoneyError.outOfRange(picoUSD: Int128(Int64.max) * 2)) { try max.multiplied(by: 2) }
    #expect(try Money(picoUSD: 400_000).multiplied(by: 1_000) == Money(picoUSD: 400_000_000))
    var merged = MoneySum(Money(picoUSD: 5))
    merged.add(MoneySum(Money(picoUSD: -7)))
    #expect(try merged.money() == Money(picoUSD: -2))
  }
}
