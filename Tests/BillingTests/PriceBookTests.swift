import Testing

@testable import Billing

@Suite struct PriceBookTests {
  let book = PriceBook.bundled

  @Test func everyRowOfTheDesignTablesIsBundled() {
    // DESIGN §1 (9 rows) and §7.1 (gpt-realtime-2, 2.1, 2.1-mini).
    #expect(book.cards.count == 12)
    #expect(
      book.modelNames == [
        "gpt-4o-mini-realtime-preview-2024-12-17", "gpt-4o-realtime-preview-2024-10-01",
        "gpt-4o-realtime-preview-2024-12-17", "gpt-4o-realtime-preview-2025-06-03", "gpt-realtime-1.5",
        "gpt-realtime-2", "gpt-realtime-2.1", "gpt-realtime-2.1-mini", "gpt-realtime-2025-08-28",
        "gpt-realtime-mini-2025-10-06", "gpt-realtime-mini-2025-12-15",
      ])
    #expect(book.cards.allSatisfy { !$0.source.isEmpty })
    #expect(
      book.transcription.map(\.model) == [
        "whisper-1", "gpt-4o-transcribe", "gpt-4o-mini-transcribe", "gpt-realtime-whisper",
        "gpt-live-transcribe",
        "gpt-transcribe",
      ])
  }

  @Test func gptRealtime15IsDatedTheDayItWasReleased() throws {
    let card = try book.card(for: "gpt-realtime-1.5")
    #expect(card.effectiveFrom == CalendarDay("2026-02-23"))
    #expect(throws: PriceBookError.self) {
      try book.card(for: "gpt-realtime-1.5", on: CalendarDay("2026-02-22"))
    }
  }

  @Test func aliasResolvesToTheSnapshotInForceOnADay() throws {
    #expect(try book.resolve("gpt-realtime") == "gpt-realtime-2025-08-28")
    #expect(try book.resolve("gpt-realtime-mini") == "gpt-realtime-mini-2025-12-15")
    #expect(
      try book.resolve("gpt-realtime-mini", on: CalendarDay("2025-11-01")) == "gpt-realtime-mini-2025-10-06")
    // The changelog moved the gpt-realtime-mini slug to the 2025-12-15 snapshot on 2026-01-13.
    #expect(
      try book.resolve("gpt-realtime-mini", on: CalendarDay("2026-01-12")) == "gpt-realtime-mini-2025-10-06")
    #expect(
      try book.resolve("gpt-realtime-mini", on: CalendarDay("2026-01-13")) == "gpt-realtime-mini-2025-12-15")
    // The 2026 models are snapshot names of their own, not aliases.
    #expect(
      !book.isAlias("gpt-realtime-2") && !book.isAlias("gpt-realtime-2.1-mini")
        && book.isAlias("gpt-realtime"))
    #expect(try book.resolve("gpt-realtime-2", on: CalendarDay("2026-12-01")) == "gpt-realtime-2")
    #expect(
      try book.resolve("gpt-4o-realtime-preview", on: CalendarDay("2024-12-18"))
        == "gpt-4o-realtime-preview-2024-12-17")
    #expect(try book.resolve("gpt-realtime-2025-08-28") == "gpt-realtime-2025-08-28")
    #expect(throws: PriceBookError.self) { try book.resolve("gpt-realtime", on: CalendarDay("2025-01-01")) }
  }

  @Test func aPriceChangeResolvesByDate() throws {
    // The 2024-10-01 snapshot had no cached price until 2024-10-30.
    let launch = try book.card(for: "gpt-4o-realtime-preview-2024-10-01", on: CalendarDay("2024-10-15"))
    #expect(launch.textInCached == nil)
    #expect(launch.perToken(.audioInCached) == Money(picoUSD: 100_000_000))  // full $100/1M
    let later = try book.card(for: "gpt-4o-realtime-preview-2024-10-01", on: CalendarDay("2024-11-01"))
    #expect(later.perToken(.audioInCached) == Money(picoUSD: 20_000_000))  // $20/1M
    #expect(
      try book.card(for: "gpt-4o-realtime-preview-2024-10-01").effectiveFrom == CalendarDay("2024-10-30"))
    #expect(try book.history(for: "gpt-4o-realtime-preview-2024-10-01").count == 2)
  }

  @Test func unknownModelIsAnErrorNamingCloseModelsNeverZero() {
    #expect(
      throws: PriceBookError.unknownModel(
        "gpt-realtme", suggestions: ["gpt-realtime", "gpt-realtime-2", "gpt-realtime-1.5"])
    ) {
      try book.card(for: "gpt-realtme")
    }
    do {
      _ = try book.card(for: "gpt-realtime-2025-09-01")
      Issue.record("an unknown dated model must not be priced")
    } catch {
      #expect(error.description.contains("gpt-realtime-2025-08-28"))
      #expect(error.description.contains("never prices an unknown model at $0"))
    }
  }

  @Test func dayBeforeTheFirstPriceIsAnError() {
    #expect(throws: PriceBookError.self) {
      try book.card(for: "gpt-realtime-2025-08-28", on: CalendarDay("2025-08-01"))
    }
  }

  /// Regression cases from a popular third-party price file (DESIGN §1, "known mistakes elsewhere").
  @Test func knownMistakesElsewhereAreNotRepeated() throws {
    let realtime = try book.card(for: "gpt-realtime")
    #expect(realtime.textInCached == Money(picoUSD: 400_000))  // $0.40, not $4
    #expect(realtime.audioInCached == Money(picoUSD: 400_000))
    let mini = try book.card(for: "gpt-realtime-mini")
    #expect(mini.textInCached == Money(picoUSD: 60_000))  // $0.06 cached text is present
    #expect(mini.audioInCached == Money(picoUSD: 300_000))  // cached-audio *read* price $0.30
    #expect(mini.imageIn == Money(picoUSD: 800_000))
    #expect(mini.imageInCached == Money(picoUSD: 80_000))
  }

  @Test func transcriptionCardsByKind() throws {
    #expect(try book.transcriptionCard(for: "whisper-1").rate == .perMinute(Money(usd: "0.006")!))
    #expect(try book.transcriptionCard(for: "gpt-realtime-whisper").rate == .perMinute(Money(usd: "0.017")!))
    #expect(try book.transcriptionCard(for: "gpt-live-transcribe").rate == .perMinute(Money(usd: "0.017")!))
    #expect(try book.transcriptionCard(for: "gpt-transcribe").rate == .perMinute(Money(usd: "0.0045")!))
    #expect(try book.transcriptionCard(for: "gpt-transcribe").billsByDuration)
    #expect(try !book.transcriptionCard(for: "gpt-4o-transcribe").billsByDuration)
    #expect(throws: PriceBookError.self) { try book.transcriptionCard(for: "whisper-2") }
  }

  @Test func datedTranscriptionSnapshotsHaveTheirModelsPrices() throws {
    let snapshot = try book.transcriptionCard(
      for: "gpt-4o-mini-transcribe-2025-12-15", on: CalendarDay("2026-03-01"))
    #expect(snapshot == (try book.transcriptionCard(for: "gpt-4o-mini-transcribe")))
    #expect(
      snapshot.rate
        == .perToken(
          textIn: Money(picoUSD: 1_250_000), audioIn: Money(picoUSD: 3_000_000),
          textOut: Money(picoUSD: 5_000_000)))
    #expect(try book.transcriptionCard(for: "gpt-4o-transcribe-2025-03-20").model == "gpt-4o-transcribe")
    #expect(try book.resolveTranscription("gpt-4o-mini-transcribe-2025-03-20") == "gpt-4o-mini-transcribe")
    // A snapshot is not priced before it existed, and a mistyped snapshot is unknown, never $0.
    #expect(throws: PriceBookError.self) {
      try book.transcriptionCard(for: "gpt-4o-mini-transcribe-2025-12-15", on: CalendarDay("2025-12-14"))
    }
    #expect(throws: PriceBookError.self) {
      try book.transcriptionCard(for: "gpt-4o-mini-transcribe-2025-12-16")
    }
    #expect(book.transcriptionModelNames.contains("gpt-4o-mini-transcribe-2025-12-15"))
  }

  @Test func userFileOverridesAndAdds() throws {
    let file = PriceFile(
      cards: [
        PriceCard(
          model: "gpt-realtime-2025-08-28", effectiveFrom: CalendarDay("2025-08-28")!,
          textIn: Money(picoUSD: 1),
          textInCached: nil, textOut: Money(picoUSD: 2), audioIn: Money(picoUSD: 3), audioInCached: nil,
          audioOut: Money(picoUSD: 4), source: "test"),
        PriceCard(
          model: "acme-voice-1", effectiveFrom: CalendarDay("2026-01-01")!, textIn: Money(picoUSD: 5),
          textInCached: nil, textOut: Money(picoUSD: 6), audioIn: Money(picoUSD: 7), audioInCached: nil,
          audioOut: Money(picoUSD: 8), source: "test"),
      ],
      aliases: [ModelAlias("acme-voice", "acme-voice-1", from: "2026-01-01")])
    let merged = book.overlaid(with: file)
    #expect(try merged.card(for: "gpt-realtime").textIn == Money(picoUSD: 1))
    #expect(try merged.card(for: "acme-voice").audioOut == Money(picoUSD: 8))
    #expect(merged.cards.count == book.cards.count + 1)
  }
}
