internal import Billing

/// Renders the price book for `rtcost prices`.
enum PricesReport {
  static func json(query: String, at: CalendarDay?, card: PriceCard, history: [PriceCard]) -> String {
    JSONValue.object([
      ("query", .string(query)),
      ("at", at.map { .string($0.description) } ?? .null),
      ("model", .string(card.model)),
      ("resolved_from_alias", .bool(query != card.model)),
      ("effective_from", .string(card.effectiveFrom.description)),
      ("usd_per_1m_tokens", prices(card)),
      ("source", .string(card.source)),
      (
        "history",
        .array(
          history.map { row in
            .object([
              ("effective_from", .string(row.effectiveFrom.description)), ("usd_per_1m_tokens", prices(row)),
            ])
          })
      ),
    ]).rendered()
  }

  static func json(book: PriceBook, at: CalendarDay?) -> String {
    JSONValue.object([
      ("at", at.map { .string($0.description) } ?? .null),
      (
        "models",
        .array(
          book.cards.map { card in
            .object([
              ("model", .string(card.model)), ("effective_from", .string(card.effectiveFrom.description)),
              ("usd_per_1m_tokens", prices(card)), ("source", .string(card.source)),
            ])
          })
      ),
      (
        "aliases",
        .array(
          aliasRows(book, at: at).map { row in
            .object([
              ("alias", .string(row.alias)), ("model", .string(row.target)),
              ("from", .string(row.from.description)),
            ])
          })
      ),
      (
        "transcription",
        .array(
          book.transcription.map { row in
            .object([
              ("model", .string(row.model)), ("effective_from", .string(row.effectiveFrom.description)),
              ("rate", transcriptionRate(row.rate)), ("source", .string(row.source)),
            ])
          })
      ),
    ]).rendered()
  }

  static func table(query: String, card: PriceCard, history: [PriceCard]) -> String {
    var out = query == card.model ? "\(card.model)\n" : "\(query) → \(card.model)\n"
    out += "effective from \(card.effectiveFrom); source: \(card.source)\n\n"
    var table = TextTable(headers: ["category", "USD per 1M tokens", "pico-USD per token"])
    for category in TokenCategory.allCases {
      table.append([
        category.rawValue, card.perMillionText(category),
        card.perToken(category).map { String($0.picoUSD) } ?? "—",
      ])
    }
    out += table.rendered()
    if history.count > 1 {
      out += "\nprice history:\n"
      out += historyTable(history).rendered()
    }
    out +=
      "\n(cached rows show the full input price where the model had no cached price; — means not priced)\n"
    return out
  }

  static func table(book: PriceBook, at: CalendarDay?) -> String {
    var out = "Realtime models (USD per 1M tokens)\n"
    out += historyTable(book.cards).rendered()
    out += "* no cached price on this row: cached input was billed at the full input price. — not priced.\n"
    out += "\nAliases" + (at.map { " on \($0)" } ?? " (newest first applies without --at)") + "\n"
    var aliases = TextTable(headers: ["alias", "model", "from"], alignments: [.left, .left, .left])
    for row in aliasRows(book, at: at) { aliases.append([row.alias, row.target, row.from.description]) }
    out += aliases.rendered()
    out += "\nInput transcription\n"
    var transcription = TextTable(headers: ["model", "from", "rate"], alignments: [.left, .left, .left])
    for row in book.transcription {
      let rate: String
      switch row.rate {
      case .perMinute(let money): rate = "$\(money.decimalText.paddedCents) per minute"
      case .perToken(let textIn, let audioIn, let textOut):
        rate =
          "text in \(perMillion(textIn)), audio in \(perMillion(audioIn)), text out \(perMillion(textOut)) per 1M"
      }
      transcription.append([row.model, row.effectiveFrom.description, rate])
    }
    out += transcription.rendered()
    return out
  }

  private static func historyTable(_ cards: [PriceCard]) -> TextTable {
    var table = TextTable(headers: ["model", "from"] + TokenCategory.allCases.map(\.rawValue))
    table.alignments[1] = .left
    for card in cards {
      table.append(
        [card.model, card.effectiveFrom.description]
          + TokenCategory.allCases.map { category in
            let full = card.perMillionText(category)
            let isFallback =
              (category == .textInCached && card.textInCached == nil)
              || (category == .audioInCached && card.audioInCached == nil)
            return isFallback ? full + "*" : full
          })
    }
    return table
  }

  private static func aliasRows(_ book: PriceBook, at: CalendarDay?) -> [ModelAlias] {
    let names = Array(Set(book.aliases.map(\.alias))).sorted()
    guard let at else { return book.aliases.sorted { ($0.alias, $0.from) < ($1.alias, $1.from) } }
    return names.compactMap { name in
      book.aliases.filter { $0.alias == name && $0.from <= at }.max { $0.from < $1.from }
    }
  }

  private static func prices(_ card: PriceCard) -> JSONValue {
    .object(
      TokenCategory.allCases.map { category in
        (
          category.rawValue,
          card.perToken(category).map { .number(DecimalText.format($0.picoUSD, scale: 6)) } ?? .null
        )
      })
  }

  private static func transcriptionRate(_ rate: TranscriptionRate) -> JSONValue {
    switch rate {
    case .perMinute(let money): .object([("usd_per_minute", .number(money.decimalText))])
    case .perToken(let textIn, let audioIn, let textOut):
      .object([
        ("usd_per_1m_text_in", .number(DecimalText.format(textIn.picoUSD, scale: 6))),
        ("usd_per_1m_audio_in", .number(DecimalText.format(audioIn.picoUSD, scale: 6))),
        ("usd_per_1m_text_out", .number(DecimalText.format(textOut.picoUSD, scale: 6))),
      ])
    }
  }

  private static func perMillion(_ money: Money) -> String {
    "$" + DecimalText.format(money.picoUSD, scale: 6).paddedCents
  }
}
