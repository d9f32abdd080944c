/// Writes a price book as a price file (JSON, the schema ``PriceFile`` reads), so
/// `rtcost prices --format json > mine.json` can be edited and given back with `--prices mine.json`.
///
/// The output is deterministic: rows in the book's order, keys in a fixed order, one row per line,
/// prices as exact decimals (USD per 1M tokens, per minute for duration rates). Decoding it gives
/// the same rows. Cards already priced for data residency are written with their uplifted prices
/// and without `residency_uplift_percent` (it is applied), their source saying so.
public enum PriceFileWriter {
  /// The book as price-file JSON text, ending in a newline.
  public static func json(_ book: PriceBook) -> String {
    var out = "{\n  \"rtcost_prices\": \(PriceFile.schemaVersion),\n"
    out += section("models", book.cards.map(modelRow)) + ",\n"
    out += section("aliases", book.aliases.map(aliasRow)) + ",\n"
    out += section("transcription", book.transcription.map(transcriptionRow)) + ",\n"
    out += section("transcription_aliases", book.transcriptionAliases.map(aliasRow)) + ",\n"
    out += section("live", book.live.map(liveRow)) + "\n"
    return out + "}\n"
  }

  private static func section(_ key: String, _ rows: [String]) -> String {
    guard !rows.isEmpty else { return "  \(string(key)): []" }
    return "  \(string(key)): [\n" + rows.map { "    " + $0 }.joined(separator: ",\n") + "\n  ]"
  }

  private static func object(_ fields: [(String, String?)]) -> String {
    "{" + fields.compactMap { key, value in value.map { "\(string(key)): \($0)" } }.joined(separator: ", ")
      + "}"
  }

  static func modelRow(_ card: PriceCard) -> String {
    let applied = card.isDataResidencyPriced && card.residencyUpliftPercent != nil
    let source =
      applied
      ? card.source + " (data-residency prices: +\(card.residencyUpliftPercent!) % applied by rtcost)"
      : card.source
    return object([
      ("model", string(card.model)), ("from", string(card.effectiveFrom.description)),
      ("released", card.released.map { string($0.description) }),
      ("text_in", perMillion(card.textIn)), ("text_in_cached", card.textInCached.map(perMillion)),
      ("text_out", perMillion(card.textOut)),
      ("audio_in", perMillion(card.audioIn)), ("audio_in_cached", card.audioInCached.map(perMillion)),
      ("audio_out", perMillion(card.audioOut)),
      ("image_in", card.imageIn.map(perMillion)), ("image_in_cached", card.imageInCached.map(perMillion)),
      ("context_window", card.contextWindow.map { String($0) }),
      ("max_output_tokens", card.maxOutputTokens.map { String($0) }),
      ("reasoning_efforts", card.reasoningEfforts.isEmpty ? nil : array(card.reasoningEfforts)),
      ("reasoning_default", card.defaultReasoningEffort.map(string)),
      ("residency_uplift_percent", applied ? nil : card.residencyUpliftPercent.map { String($0) }),
      ("shutdown", card.shutdown.map { string($0.day.description) }),
      ("shutdown_source", card.shutdown.map { string($0.source) }),
      ("source", string(source)),
    ])
  }

  static func transcriptionRow(_ card: TranscriptionPriceCard) -> String {
    let applied = card.isDataResidencyPriced && card.residencyUpliftPercent != nil
    let source =
      applied
      ? card.source + " (data-residency prices: +\(card.residencyUpliftPercent!) % applied by rtcost)"
      : card.source
    var fields: [(String, String?)] = [
      ("model", string(card.model)), ("from", string(card.effectiveFrom.description)),
    ]
    switch card.rate {
    case .perMinute(let perMinute):
      fields.append(("per_minute", DecimalText.format(perMinute.picoUSD, scale: 12)))
    case .perToken(let textIn, let audioIn, let textOut):
      fields += [
        ("text_in", perMillion(textIn)), ("audio_in", perMillion(audioIn)), ("text_out", perMillion(textOut)),
      ]
    }
    fields += [
      ("residency_uplift_percent", applied ? nil : card.residencyUpliftPercent.map { String($0) }),
      ("shutdown", card.shutdown.map { string($0.day.description) }),
      ("shutdown_source", card.shutdown.map { string($0.source) }),
      ("source", string(source)),
    ]
    return object(fields)
  }

  static func liveRow(_ card: LivePriceCard) -> String {
    let applied = card.isDataResidencyPriced && card.residencyUpliftPercent != nil
    let source =
      applied
      ? card.source + " (data-residency prices: +\(card.residencyUpliftPercent!) % applied by rtcost)"
      : card.source
    return object([
      ("model", string(card.model)), ("from", string(card.effectiveFrom.description)),
      ("released", card.released.map { string($0.description) }),
      ("active_per_minute", DecimalText.format(card.activePerMinute.picoUSD, scale: 12)),
      ("standby_per_minute", card.standbyPerMinute.map { DecimalText.format($0.picoUSD, scale: 12) }),
      ("webrtc_initialization_seconds", DecimalText.format(card.initializationCharge, scale: 6)),
      ("residency_uplift_percent", applied ? nil : card.residencyUpliftPercent.map { String($0) }),
      ("shutdown", card.shutdown.map { string($0.day.description) }),
      ("shutdown_source", card.shutdown.map { string($0.source) }),
      ("source", string(source)),
    ])
  }

  static func aliasRow(_ alias: ModelAlias) -> String {
    object([
      ("alias", string(alias.alias)), ("model", string(alias.target)),
      ("from", string(alias.from.description)),
    ])
  }

  /// A price per token as USD per 1M tokens: pico-dollars per token at scale 6.
  private static func perMillion(_ price: Money) -> String { DecimalText.format(price.picoUSD, scale: 6) }

  private static func array(_ values: [String]) -> String {
    "[" + values.map(string).joined(separator: ", ") + "]"
  }

  /// A JSON string literal (RFC 8259 escapes).
  static func string(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
