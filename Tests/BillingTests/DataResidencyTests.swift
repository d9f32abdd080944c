import Testing

@testable import Billing

@Suite struct DataResidencyTests {
  let book = PriceBook.bundled

  @Test func aMini21RowIsUpliftedByExactlyTenPercent() throws {
    let card = try book.card(for: "gpt-realtime-2.1-mini", on: nil, residency: true)
    #expect(card.isDataResidencyPriced)
    // $0.60 → $0.66, $0.06 → $0.066, $2.40 → $2.64, $10 → $11, $0.30 → $0.33, $20 → $22,
    // $0.80 → $0.88, $0.08 → $0.088 per 1M tokens.
    #expect(card.textIn.picoUSD == 660_000)
    #expect(card.textInCached?.picoUSD == 66_000)
    #expect(card.textOut.picoUSD == 2_640_000)
    #expect(card.audioIn.picoUSD == 11_000_000)
    #expect(card.audioInCached?.picoUSD == 330_000)
    #expect(card.audioOut.picoUSD == 22_000_000)
    #expect(card.imageIn?.picoUSD == 880_000)
    #expect(card.imageInCached?.picoUSD == 88_000)
    // Applying it again changes nothing.
    #expect(try card.withDataResidency() == card)
    // A bill on the uplifted card is 1.1 × the standard bill: 1000 audio in × $11 + 100 text out × $2.64
    // = 11000e6 + 264e6 = 11264e6 = 1.1 × (10000e6 + 240e6).
    var tokens = TokenCounts.zero
    tokens.audioIn = 1000
    tokens.textOut = 100
    #expect(try card.cost(of: tokens).total.picoUSD == 11_264_000_000)
  }

  @Test func gptRealtimeAnd15AndMiniAreNotUplifted() throws {
    for model in ["gpt-realtime", "gpt-realtime-1.5", "gpt-realtime-mini"] {
      let standard = try book.card(for: model)
      let residency = try book.card(for: model, on: nil, residency: true)
      #expect(residency.textIn == standard.textIn && residency.audioOut == standard.audioOut, "\(model)")
      #expect(residency.isDataResidencyPriced)
    }
    #expect(try book.card(for: "gpt-realtime-2", on: nil, residency: true).textOut.picoUSD == 26_400_000)
  }

  @Test func transcriptionIsUpliftedWhereTheRowSaysSo() throws {
    // $0.017 × 1.1 = $0.0187 per minute; whisper-1 (2023) unchanged.
    #expect(
      try book.transcriptionCard(for: "gpt-realtime-whisper", on: nil, residency: true).rate
        == .perMinute(Money(usd: "0.0187")!))
    #expect(
      try book.transcriptionCard(for: "whisper-1", on: nil, residency: true).rate
        == .perMinute(Money(usd: "0.006")!))
  }

  @Test func aPriceThatWouldNotStayWholeIsRefusedNotRounded() {
    var card = PriceCard(
      model: "odd", effectiveFrom: CalendarDay(year: 2026, month: 6, day: 1), textIn: Money(picoUSD: 5),
      textInCached: nil, textOut: Money(picoUSD: 10), audioIn: Money(picoUSD: 10), audioInCached: nil,
      audioOut: Money(picoUSD: 10), source: "test")
    card.residencyUpliftPercent = 10
    // 5 pico × 1.1 = 5.5 pico: not a whole pico-dollar.
    #expect(
      throws: PriceBookError.residencyUpliftNotExact(
        model: "odd", category: "text_in", picoPerToken: 5, percent: 10)
    ) { try card.withDataResidency() }
    #expect(
      PriceBookError.residencyUpliftNotExact(model: "odd", category: "text_in", picoPerToken: 5, percent: 10)
        .description.contains("refuses to round"))
  }
}
