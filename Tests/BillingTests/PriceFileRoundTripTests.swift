import Foundation
import Testing

@testable import Billing

@Suite struct PriceFileRoundTripTests {
  func decode(_ text: String) throws -> PriceFile {
    try JSONDecoder().decode(PriceFile.self, from: Data(text.utf8))
  }

  @Test func theWrittenBookDecodesToTheSameBook() throws {
    let book = PriceBook.bundled
    let text = PriceFileWriter.json(book)
    let file = try decode(text)
    #expect(file.cards == book.cards)
    #expect(file.aliases == book.aliases)
    #expect(file.transcription == book.transcription)
    #expect(file.transcriptionAliases == book.transcriptionAliases)
    // Writing the decoded book again gives the same bytes.
    #expect(PriceFileWriter.json(PriceBook(file)) == text)
    // Overlaying the book with itself changes nothing.
    #expect(PriceFileWriter.json(book.overlaid(with: file)) == text)
  }

  @Test func aResidencyBookIsWrittenWithItsUpliftApplied() throws {
    let residency = try PriceBook.bundled.withDataResidency()
    let file = try decode(PriceFileWriter.json(residency))
    let mini = try #require(file.cards.first { $0.model == "gpt-realtime-2.1-mini" })
    // $0.60 × 1.1 = $0.66 per 1M text in; the uplift is applied, so not declared again.
    #expect(mini.textIn == Money(picoUSD: 660_000))
    #expect(mini.residencyUpliftPercent == nil)
    #expect(mini.source.contains("+10 % applied"))
    let realtime = try #require(file.cards.first { $0.model == "gpt-realtime-2025-08-28" })
    #expect(realtime.textIn == Money(picoUSD: 4_000_000))
  }

  @Test func newFieldsDecodeAndBadOnesAreErrors() throws {
    let row =
      #""model": "acme-2", "from": "2026-06-01", "text_in": 1, "text_out": 2, "audio_in": 3, "audio_out": 4"#
    let file = try decode(
      #"""
      {"rtcost_prices": 1, "models": [{\#(row), "released": "2026-05-01", "context_window": 128000,
        "max_output_tokens": 32000, "reasoning_efforts": ["low", "high"], "reasoning_default": "low",
        "residency_uplift_percent": 10, "shutdown": "2027-01-01", "shutdown_source": "our contract"}],
       "transcription_aliases": [{"alias": "w-2026", "model": "whisper-1", "from": "2026-01-01"}]}
      """#)
    let card = file.cards[0]
    #expect(card.released == CalendarDay("2026-05-01"))
    #expect(card.contextWindow == 128_000 && card.maxOutputTokens == 32_000)
    #expect(card.reasoningEfforts == ["low", "high"] && card.defaultReasoningEffort == "low" && card.reasons)
    #expect(card.residencyUpliftPercent == 10)
    #expect(card.shutdown == ModelShutdown(day: CalendarDay("2027-01-01")!, source: "our contract"))
    #expect(file.transcriptionAliases == [ModelAlias("w-2026", "whisper-1", from: "2026-01-01")])

    func error(_ json: String) -> String {
      do {
        _ = try decode(json)
        return "no error"
      } catch {
        return String(describing: error)
      }
    }
    #expect(error(#"{"rtcost_prices": 2}"#).contains("rtcost_prices 2 is not supported"))
    #expect(error(#"{"models": [{\#(row), "shutdown": "2027-01-01"}]}"#).contains("shutdown_source"))
    #expect(error(#"{"models": [{\#(row), "context_window": 0}]}"#).contains("not a plausible token count"))
    #expect(error(#"{"models": [{\#(row), "residency_uplift_percent": 150}]}"#).contains("not 0 to 100"))
    #expect(
      error(#"{"models": [{\#(row), "reasoning_efforts": ["low"], "reasoning_default": "high"}]}"#)
        .contains("not one of reasoning_efforts"))
  }
}
