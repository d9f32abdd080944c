internal import Billing
internal import RealtimeEvents

/// Renders the price book for `rtcost prices` (the whole book as JSON is `PriceFileWriter.json`).
enum PricesReport {
  static func json(
    query: String, at: CalendarDay?, card: PriceCard, history: [PriceCard], warning: ShutdownWarning?
  ) -> String {
    JSONValue.object([
      ("query", .string(query)),
      ("at", at.map { .string($0.description) } ?? .null),
      ("model", .string(card.model)),
      ("resolved_from_alias", .bool(query != card.model)),
      ("effective_from", .string(card.effectiveFrom.description)),
      ("data_residency", .bool(card.isDataResidencyPriced)),
      ("usd_per_1m_tokens", prices(card)),
      ("facts", facts(card)),
      ("shutdown", shutdown(card.shutdown)),
      ("warnings", .array(warning.map { [.string($0.description)] } ?? [])),
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

  static func json(
    query: String, at: CalendarDay?, transcription card: TranscriptionPriceCard, warning: ShutdownWarning?
  )
    -> String
  {
    JSONValue.object([
      ("query", .string(query)),
      ("at", at.map { .string($0.description) } ?? .null),
      ("transcription_model", .string(card.model)),
      ("resolved_from_alias", .bool(query != card.model)),
      ("effective_from", .string(card.effectiveFrom.description)),
      ("data_residency", .bool(card.isDataResidencyPriced)),
      ("rate", transcriptionRate(card.rate)),
      ("residency_uplift_percent", card.residencyUpliftPercent.map { .int($0) } ?? .null),
      ("shutdown", shutdown(card.shutdown)),
      ("warnings", .array(warning.map { [.string($0.description)] } ?? [])),
      ("source", .string(card.source)),
    ]).rendered()
  }

  static func table(query: String, card: PriceCard, history: [PriceCard], warning: ShutdownWarning?) -> String
  {
    var out = query == card.model ? "\(card.model)\n" : "\(query) → \(card.model)\n"
    out += "effective from \(card.effectiveFrom); source: \(card.source)\n"
    out += factsLine(card) + "\n"
    out += residencyLine(percent: card.residencyUpliftPercent, applied: card.isDataResidencyPriced) + "\n"
    if let shutdown = card.shutdown { out += "shutdown: \(shutdown.day) [source: \(shutdown.source)]\n" }
    if let warning { out += "warning: \(warning)\n" }
    out += "\n"
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

  static func table(query: String, transcription card: TranscriptionPriceCard, warning: ShutdownWarning?)
    -> String
  {
    var out = query == card.model ? "\(card.model)\n" : "\(query) → \(card.model)\n"
    out += "input transcription, effective from \(card.effectiveFrom); source: \(card.source)\n"
    out += "rate: \(rateText(card.rate))"
    if case .perMinute(let perMinute) = card.rate {
      out +=
        " = \(perMinute.picoUSD) pico-USD per minute, billed by the microsecond (rounded half up per block)"
    }
    out +=
      "\n" + residencyLine(percent: card.residencyUpliftPercent, applied: card.isDataResidencyPriced) + "\n"
    if let shutdown = card.shutdown { out += "shutdown: \(shutdown.day) [source: \(shutdown.source)]\n" }
    if let warning { out += "warning: \(warning)\n" }
    return out
  }

  static func table(book: PriceBook, at: CalendarDay?, residency: Bool) -> String {
    var out =
      "Realtime models (USD per 1M tokens" + (residency ? ", data-residency endpoints" : "") + ")\n"
    out += historyTable(book.cards).rendered()
    out += "* no cached price on this row: cached input was billed at the full input price. — not priced.\n"
    out += "\nModel facts (sources: rtcost prices --model NAME)\n"
    var facts = TextTable(
      headers: ["model", "released", "context", "max out", "reasoning", "residency", "shutdown"],
      alignments: [.left, .left, .right, .right, .left, .right, .left])
    for card in book.cards where card.effectiveFrom == latestRow(of: card.model, in: book).effectiveFrom {
      facts.append([
        card.model, card.released?.description ?? "—", card.contextWindow.map(grouped) ?? "—",
        card.maxOutputTokens.map(grouped) ?? "—",
        card.reasons ? card.reasoningEfforts.joined(separator: "/") : "no",
        card.residencyUpliftPercent.map { "+\($0) %" } ?? "—", card.shutdown?.day.description ?? "—",
      ])
    }
    out += facts.rendered()
    out += "\nAliases" + (at.map { " on \($0)" } ?? " (newest first applies without --at)") + "\n"
    var aliases = TextTable(headers: ["alias", "model", "from"], alignments: [.left, .left, .left])
    for row in aliasRows(book.aliases, at: at) {
      aliases.append([row.alias, row.target, row.from.description])
    }
    out += aliases.rendered()
    out += "\nInput transcription\n"
    var transcription = TextTable(
      headers: ["model", "from", "rate", "residency", "shutdown"],
      alignments: [.left, .left, .left, .right, .left])
    for row in book.transcription {
      transcription.append([
        row.model, row.effectiveFrom.description, rateText(row.rate),
        row.residencyUpliftPercent.map { "+\($0) %" } ?? "—", row.shutdown?.day.description ?? "—",
      ])
    }
    out += transcription.rendered()
    if !book.transcriptionAliases.isEmpty {
      out += "\nTranscription snapshots (priced as the model they name)\n"
      var snapshots = TextTable(headers: ["snapshot", "model", "from"], alignments: [.left, .left, .left])
      for row in aliasRows(book.transcriptionAliases, at: at) {
        snapshots.append([row.alias, row.target, row.from.description])
      }
      out += snapshots.rendered()
    }
    if !book.live.isEmpty {
      out += "\nGPT-Live models (billed per second of session time)\n"
      var live = TextTable(
        headers: ["model", "from", "active", "standby", "WebRTC initialisation", "residency", "shutdown"],
        alignments: [.left, .left, .left, .left, .right, .right, .left])
      for row in book.live {
        live.append([
          row.model, row.effectiveFrom.description, "$\(row.activePerMinute.decimalText) per minute",
          row.standbyPerMinute.map { "$\($0.decimalText) per minute" } ?? "— (billed as active)",
          SecondsText.format(micros: row.initializationCharge) + " s",
          row.residencyUpliftPercent.map { "+\($0) %" } ?? "—", row.shutdown?.day.description ?? "—",
        ])
      }
      out += live.rendered()
    }
    return out
  }

  static func table(query: String, live card: LivePriceCard, warning: ShutdownWarning?) -> String {
    var out = "\(card.model)\n"
    out += "GPT-Live, billed by session time, effective from \(card.effectiveFrom); source: \(card.source)\n"
    out +=
      "active: $\(card.activePerMinute.decimalText) per minute = \(card.activePerMinute.picoUSD) pico-USD per minute, "
    out += "billed by the microsecond (rounded half up once per bill part)\n"
    out +=
      "standby: "
      + (card.standbyPerMinute.map {
        "$\($0.decimalText) per minute (WebRTC sessions while inference is paused)"
      }
        ?? "none: paused time is billed at the active rate") + "\n"
    out +=
      "WebRTC initialisation: \(SecondsText.format(micros: card.initializationCharge)) s billed at creation, credited "
      + "once the session runs (an abandoned creation pays it; a shorter session pays at least it)\n"
    out +=
      "backend: delegated Responses tokens are billed at the backend model's text prices\n"
    out += residencyLine(percent: card.residencyUpliftPercent, applied: card.isDataResidencyPriced) + "\n"
    if let shutdown = card.shutdown { out += "shutdown: \(shutdown.day) [source: \(shutdown.source)]\n" }
    if let warning { out += "warning: \(warning)\n" }
    return out
  }

  static func json(query: String, at: CalendarDay?, live card: LivePriceCard, warning: ShutdownWarning?)
    -> String
  {
    JSONValue.object([
      ("query", .string(query)),
      ("at", at.map { .string($0.description) } ?? .null),
      ("live_model", .string(card.model)),
      ("effective_from", .string(card.effectiveFrom.description)),
      ("data_residency", .bool(card.isDataResidencyPriced)),
      ("active_usd_per_minute", .number(card.activePerMinute.decimalText)),
      ("standby_usd_per_minute", card.standbyPerMinute.map { .number($0.decimalText) } ?? .null),
      ("webrtc_initialization_seconds", .number(SecondsText.format(micros: card.initializationCharge))),
      ("residency_uplift_percent", card.residencyUpliftPercent.map { .int($0) } ?? .null),
      ("shutdown", shutdown(card.shutdown)),
      ("warnings", .array(warning.map { [.string($0.description)] } ?? [])),
      ("source", .string(card.source)),
    ]).rendered()
  }

  private static func latestRow(of model: String, in book: PriceBook) -> PriceCard {
    book.cards.filter { $0.model == model }.max { $0.effectiveFrom < $1.effectiveFrom }!
  }

  private static func factsLine(_ card: PriceCard) -> String {
    var parts = ["released " + (card.released?.description ?? "—")]
    parts.append("context window " + (card.contextWindow.map { grouped($0) + " tokens" } ?? "—"))
    parts.append("max output " + (card.maxOutputTokens.map(grouped) ?? "—"))
    if card.reasons {
      parts.append(
        "reasoning: " + card.reasoningEfforts.joined(separator: ", ")
          + (card.defaultReasoningEffort.map { " (default \($0))" } ?? "")
          + "; reasoning tokens are billed as text output")
    } else {
      parts.append("no reasoning")
    }
    return parts.joined(separator: "; ")
  }

  private static func residencyLine(percent: Int?, applied: Bool) -> String {
    switch (percent, applied) {
    case (let percent?, true): "data residency: +\(percent) % applied to the prices below"
    case (let percent?, false):
      "data residency: +\(percent) % on data-residency endpoints (--residency shows it)"
    case (nil, true):
      "data residency: no uplift for this model (released before 2026-03-05); prices unchanged"
    case (nil, false): "data residency: no uplift"
    }
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

  private static func aliasRows(_ rows: [ModelAlias], at: CalendarDay?) -> [ModelAlias] {
    guard let at else { return rows.sorted { ($0.alias, $0.from) < ($1.alias, $1.from) } }
    let names = Array(Set(rows.map(\.alias))).sorted()
    return names.compactMap { name in
      rows.filter { $0.alias == name && $0.from <= at }.max { $0.from < $1.from }
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

  private static func facts(_ card: PriceCard) -> JSONValue {
    .object([
      ("released", card.released.map { .string($0.description) } ?? .null),
      ("context_window", card.contextWindow.map { .int($0) } ?? .null),
      ("max_output_tokens", card.maxOutputTokens.map { .int($0) } ?? .null),
      ("reasoning_efforts", .array(card.reasoningEfforts.map { .string($0) })),
      ("reasoning_default", card.defaultReasoningEffort.map { .string($0) } ?? .null),
      ("residency_uplift_percent", card.residencyUpliftPercent.map { .int($0) } ?? .null),
    ])
  }

  private static func shutdown(_ shutdown: ModelShutdown?) -> JSONValue {
    guard let shutdown else { return .null }
    return .object([("day", .string(shutdown.day.description)), ("source", .string(shutdown.source))])
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

  private static func rateText(_ rate: TranscriptionRate) -> String {
    switch rate {
    case .perMinute(let money): "$\(money.decimalText.paddedCents) per minute"
    case .perToken(let textIn, let audioIn, let textOut):
      "text in \(perMillion(textIn)), audio in \(perMillion(audioIn)), text out \(perMillion(textOut)) per 1M"
    }
  }

  private static func perMillion(_ money: Money) -> String {
    "$" + DecimalText.format(money.picoUSD, scale: 6).paddedCents
  }

  /// `128000` → `128,000`.
  private static func grouped(_ value: Int) -> String {
    var digits = String(value)
    var out = ""
    while digits.count > 3 {
      out = "," + digits.suffix(3) + out
      digits.removeLast(3)
    }
    return digits + out
  }
}
