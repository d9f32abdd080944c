import Foundation
import Testing

@testable import Billing

/// The bundled price book (`Sources/Billing/Embedded/prices.json`) is data: these checks keep it sound.
@Suite struct BundledBookTests {
  let book = PriceBook.bundled

  @Test func theCompiledInTextIsTheFileInTheSourceTree() throws {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../Sources/Billing/Embedded/prices.json").standardizedFileURL
    let onDisk = try String(contentsOf: path, encoding: .utf8)
    #expect(BundledPrices.jsonText == onDisk)
    #expect(EmbeddedResources.names == ["prices.json"])
    #expect(EmbeddedResources.text(named: "missing.json") == nil)
    #expect(BundledPrices.jsonText.hasPrefix("{\n  \"rtcost_prices\": 1,"))
  }

  @Test func everyRowIsDatedSourcedAndWholePicoDollarsPerToken() throws {
    for card in book.cards {
      #expect(card.source.count > 20, "\(card.model) \(card.effectiveFrom)")
      let released = try #require(card.released, "\(card.model) has no release day")
      #expect(released <= card.effectiveFrom, "\(card.model)")
      for category in TokenCategory.allCases {
        guard let price = card.perToken(category) else { continue }
        // Every price is a positive whole number of pico-dollars per token, at most $1,000 per 1M.
        #expect(price.picoUSD > 0 && price.picoUSD <= 1_000_000_000, "\(card.model) \(category)")
      }
      #expect(card.perToken(.textInCached)! <= card.textIn)
      #expect(card.perToken(.audioInCached)! <= card.audioIn)
      #expect((card.imageIn == nil) == (card.imageInCached == nil))
    }
    for card in book.transcription {
      #expect(card.source.count > 20, "\(card.model)")
      switch card.rate {
      case .perMinute(let price): #expect(price > .zero)
      case .perToken(let textIn, let audioIn, let textOut):
        #expect(textIn > .zero && audioIn > .zero && textOut > .zero)
      }
    }
  }

  @Test func rowsAreUniqueAndSorted() {
    let keys = book.cards.map { "\($0.model) \($0.effectiveFrom)" }
    #expect(Set(keys).count == keys.count)
    // Sorted by (model, date): the order a --prices overlay produces, so a round trip keeps it.
    #expect(
      book.cards.map { [$0.model, $0.effectiveFrom.description] }.elementsEqual(
        book.cards.map { [$0.model, $0.effectiveFrom.description] }.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }
      ))
    let transcriptionKeys = book.transcription.map { "\($0.model) \($0.effectiveFrom)" }
    #expect(Set(transcriptionKeys).count == transcriptionKeys.count)
    let aliasKeys = (book.aliases + book.transcriptionAliases).map { "\($0.alias) \($0.from)" }
    #expect(Set(aliasKeys).count == aliasKeys.count)
  }

  @Test func aliasesPointAtKnownRowsThatExistOnTheirDay() throws {
    for alias in book.aliases {
      let rows = book.cards.filter { $0.model == alias.target }
      #expect(!rows.isEmpty, "\(alias.alias) → \(alias.target)")
      #expect(rows.contains { $0.effectiveFrom <= alias.from }, "\(alias.alias) from \(alias.from)")
      #expect(!book.modelNames.contains(alias.alias), "\(alias.alias) is also a row")
    }
    for alias in book.transcriptionAliases {
      let rows = book.transcription.filter { $0.model == alias.target }
      #expect(rows.contains { $0.effectiveFrom <= alias.from }, "\(alias.alias) → \(alias.target)")
    }
  }

  @Test func modelFactsAreConsistent() {
    for card in book.cards {
      if let window = card.contextWindow, let output = card.maxOutputTokens {
        #expect(output < window, "\(card.model)")
      } else {
        Issue.record("\(card.model) lacks its context window or max output")
      }
      if let effort = card.defaultReasoningEffort { #expect(card.reasoningEfforts.contains(effort)) }
      if let shutdown = card.shutdown {
        #expect(shutdown.day > card.released!, "\(card.model)")
        #expect(!shutdown.source.isEmpty)
      }
    }
    // The 2026 generation reasons with 128k context and 32k output; gpt-realtime has 32,768 / 4,096.
    let reasoning = book.cards.filter(\.reasons).map(\.model)
    #expect(reasoning == ["gpt-realtime-2", "gpt-realtime-2.1", "gpt-realtime-2.1-mini"])
    #expect(
      book.cards.filter(\.reasons).allSatisfy { $0.contextWindow == 128_000 && $0.maxOutputTokens == 32_000 })
    #expect(
      book.cards.filter { !$0.reasons }.allSatisfy {
        $0.contextWindow == 32_768 && $0.maxOutputTokens == 4_096
      })
  }

  @Test func theResidencyUpliftFollowsTheReleaseDateRule() {
    // "a 10% uplift for models released on or after March 5, 2026" [data-residency guide].
    let ruleDay = CalendarDay(year: 2026, month: 3, day: 5)
    for card in book.cards {
      #expect(card.residencyUpliftPercent == (card.released! >= ruleDay ? 10 : nil), "\(card.model)")
      #expect(!card.isDataResidencyPriced)
    }
    #expect(
      book.transcription.filter { $0.residencyUpliftPercent == 10 }.map(\.model) == [
        "gpt-realtime-whisper", "gpt-live-transcribe", "gpt-transcribe",
      ])
  }

  @Test func uncertainFactsSayThatTheyAre() {
    for model in ["gpt-realtime-2.1", "gpt-realtime-2.1-mini"] {
      #expect(book.cards.first { $0.model == model }!.source.contains("UNCERTAIN"), "\(model)")
    }
    #expect(
      book.cards.first { $0.model == "gpt-realtime-2025-08-28" }!.shutdown!.source.contains("UNCERTAIN"))
  }
}
