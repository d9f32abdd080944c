/// A user price file (JSON or YAML; decode it with any `Decoder`) that adds or overrides prices.
///
/// The bundled price book (`Sources/Billing/Embedded/prices.json`) is a file of this schema, and
/// `rtcost prices --format json` writes one.
///
/// ```yaml
/// rtcost_prices: 1                      # schema version (optional; 1 is the only one)
/// models:
///   - model: my-realtime-2026-01-01     # dated name
///     from: 2026-01-01                  # effective date
///     text_in: 4.00                     # USD per 1M tokens, up to 6 decimals
///     text_in_cached: 0.40              # omit: cached input billed at the full price
///     text_out: 16.00
///     audio_in: 32.00
///     audio_in_cached: 0.40
///     audio_out: 64.00
///     image_in: 5.00                    # omit both image keys: image input not priced
///     image_in_cached: 0.50
///     released: 2026-01-01              # optional model facts, used by the world model:
///     context_window: 128000
///     max_output_tokens: 32000
///     reasoning_efforts: [low, medium, high]
///     reasoning_default: low
///     residency_uplift_percent: 10      # data-residency endpoints cost 10 % more
///     shutdown: 2027-01-20              # first day the model is no longer served
///     shutdown_source: deprecations page
///     source: our contract, 2026-01
/// aliases:
///   - { alias: my-realtime, model: my-realtime-2026-01-01, from: 2026-01-01 }
/// transcription:
///   - { model: whisper-1, from: 2023-03-01, per_minute: 0.006 }
///   - { model: my-transcribe, from: 2026-01-01, text_in: 2.5, audio_in: 6, text_out: 10 }
/// transcription_aliases:
///   - { alias: my-transcribe-2026-01-01, model: my-transcribe, from: 2026-01-01 }
/// live:                                 # GPT-Live models, billed by session time
///   - model: my-live
///     from: 2026-11-20
///     active_per_minute: 0.05           # USD per minute of session time
///     standby_per_minute: 0.02          # omit: no standby state
///     webrtc_initialization_seconds: 15 # billed for an abandoned WebRTC creation (default 15)
///     source: our contract
/// ```
/// Unknown keys are errors, so a typo never silently drops a price.
public struct PriceFile: Decodable, Sendable {
  public var cards: [PriceCard]
  public var aliases: [ModelAlias]
  public var transcription: [TranscriptionPriceCard]
  public var transcriptionAliases: [ModelAlias]
  public var live: [LivePriceCard]

  /// The schema version this build reads and writes (`rtcost_prices`).
  public static let schemaVersion = 1

  public init(
    cards: [PriceCard] = [], aliases: [ModelAlias] = [], transcription: [TranscriptionPriceCard] = [],
    transcriptionAliases: [ModelAlias] = [], live: [LivePriceCard] = []
  ) {
    self.cards = cards
    self.aliases = aliases
    self.transcription = transcription
    self.transcriptionAliases = transcriptionAliases
    self.live = live
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case version = "rtcost_prices", models, aliases, transcription, live
    case transcriptionAliases = "transcription_aliases"
  }

  public init(from decoder: any Decoder) throws {
    try StrictKeys.check(decoder, allowed: CodingKeys.allCases.map(\.rawValue))
    let container = try decoder.container(keyedBy: CodingKeys.self)
    if let version = try container.decodeIfPresent(Int.self, forKey: .version), version != Self.schemaVersion
    {
      throw DecodingError.dataCorruptedError(
        forKey: .version, in: container,
        debugDescription: "rtcost_prices \(version) is not supported (this rtcost reads version 1)")
    }
    cards = try container.decodeIfPresent([ModelRow].self, forKey: .models)?.map(\.card) ?? []
    aliases = try container.decodeIfPresent([AliasRow].self, forKey: .aliases)?.map(\.alias) ?? []
    transcription =
      try container.decodeIfPresent([TranscriptionRow].self, forKey: .transcription)?.map(\.card) ?? []
    transcriptionAliases =
      try container.decodeIfPresent([AliasRow].self, forKey: .transcriptionAliases)?.map(\.alias) ?? []
    live = try container.decodeIfPresent([LiveRow].self, forKey: .live)?.map(\.card) ?? []
  }

  struct LiveRow: Decodable {
    var card: LivePriceCard
    enum CodingKeys: String, CodingKey, CaseIterable {
      case model, from, source, released
      case activePerMinute = "active_per_minute", standbyPerMinute = "standby_per_minute"
      case initializationSeconds = "webrtc_initialization_seconds"
      case residencyUpliftPercent = "residency_uplift_percent"
      case shutdown, shutdownSource = "shutdown_source"
    }

    init(from decoder: any Decoder) throws {
      try StrictKeys.check(decoder, allowed: CodingKeys.allCases.map(\.rawValue))
      let c = try decoder.container(keyedBy: CodingKeys.self)
      var initialization = LivePriceCard.launchInitializationCharge
      if c.contains(.initializationSeconds) {
        let seconds = try ExactDecimal(from: try c.superDecoder(forKey: .initializationSeconds), scale: 6)
        guard seconds.scaled <= 3_600_000_000 else {
          throw DecodingError.dataCorruptedError(
            forKey: .initializationSeconds, in: c,
            debugDescription: "webrtc_initialization_seconds must be at most 3600")
        }
        initialization = seconds.scaled
      }
      card = LivePriceCard(
        model: try c.decode(String.self, forKey: .model),
        effectiveFrom: try c.decode(DayValue.self, forKey: .from).day,
        activePerMinute: try c.decode(DollarAmount.self, forKey: .activePerMinute).money,
        standbyPerMinute: try c.decodeIfPresent(DollarAmount.self, forKey: .standbyPerMinute)?.money,
        initializationCharge: initialization,
        source: try c.decodeIfPresent(String.self, forKey: .source) ?? "user price file",
        released: try c.decodeIfPresent(DayValue.self, forKey: .released)?.day,
        shutdown: try ShutdownKeys.decode(c, day: .shutdown, source: .shutdownSource),
        residencyUpliftPercent: try UpliftPercent.decode(c, .residencyUpliftPercent))
    }
  }

  struct ModelRow: Decodable {
    var card: PriceCard
    enum CodingKeys: String, CodingKey, CaseIterable {
      case model, from, source, released
      case textIn = "text_in", textInCached = "text_in_cached", textOut = "text_out"
      case audioIn = "audio_in", audioInCached = "audio_in_cached", audioOut = "audio_out"
      case imageIn = "image_in", imageInCached = "image_in_cached"
      case contextWindow = "context_window", maxOutputTokens = "max_output_tokens"
      case reasoningEfforts = "reasoning_efforts", reasoningDefault = "reasoning_default"
      case residencyUpliftPercent = "residency_uplift_percent"
      case shutdown, shutdownSource = "shutdown_source"
    }

    init(from decoder: any Decoder) throws {
      try StrictKeys.check(decoder, allowed: CodingKeys.allCases.map(\.rawValue))
      let c = try decoder.container(keyedBy: CodingKeys.self)
      func price(_ key: CodingKeys) throws -> Money { try c.decode(PerMillionPrice.self, forKey: key).money }
      func optional(_ key: CodingKeys) throws -> Money? {
        try c.decodeIfPresent(PerMillionPrice.self, forKey: key)?.money
      }
      let imageIn = try optional(.imageIn)
      let imageInCached = try optional(.imageInCached)
      if imageIn == nil, imageInCached != nil {
        throw DecodingError.dataCorruptedError(
          forKey: .imageInCached, in: c, debugDescription: "image_in_cached is set but image_in is not")
      }
      let efforts = try c.decodeIfPresent([String].self, forKey: .reasoningEfforts) ?? []
      let defaultEffort = try c.decodeIfPresent(String.self, forKey: .reasoningDefault)
      if let defaultEffort, !efforts.contains(defaultEffort) {
        throw DecodingError.dataCorruptedError(
          forKey: .reasoningDefault, in: c,
          debugDescription: "reasoning_default '\(defaultEffort)' is not one of reasoning_efforts")
      }
      card = PriceCard(
        model: try c.decode(String.self, forKey: .model),
        effectiveFrom: try c.decode(DayValue.self, forKey: .from).day,
        textIn: try price(.textIn), textInCached: try optional(.textInCached), textOut: try price(.textOut),
        audioIn: try price(.audioIn), audioInCached: try optional(.audioInCached),
        audioOut: try price(.audioOut), imageIn: imageIn, imageInCached: imageInCached,
        source: try c.decodeIfPresent(String.self, forKey: .source) ?? "user price file",
        released: try c.decodeIfPresent(DayValue.self, forKey: .released)?.day,
        contextWindow: try Self.count(c, .contextWindow),
        maxOutputTokens: try Self.count(c, .maxOutputTokens),
        reasoningEfforts: efforts, defaultReasoningEffort: defaultEffort,
        shutdown: try ShutdownKeys.decode(c, day: .shutdown, source: .shutdownSource),
        residencyUpliftPercent: try UpliftPercent.decode(c, .residencyUpliftPercent))
    }

    /// A positive token count of at most ``ResponseUsage/maximumTokens``.
    static func count(_ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> Int? {
      guard let value = try c.decodeIfPresent(Int.self, forKey: key) else { return nil }
      guard value > 0, Int64(value) <= ResponseUsage.maximumTokens else {
        throw DecodingError.dataCorruptedError(
          forKey: key, in: c,
          debugDescription: "\(value) is not a plausible token count (1 to \(ResponseUsage.maximumTokens))")
      }
      return value
    }
  }

  struct AliasRow: Decodable {
    var alias: ModelAlias
    enum CodingKeys: String, CodingKey, CaseIterable { case alias, model, from }

    init(from decoder: any Decoder) throws {
      try StrictKeys.check(decoder, allowed: CodingKeys.allCases.map(\.rawValue))
      let c = try decoder.container(keyedBy: CodingKeys.self)
      alias = ModelAlias(
        alias: try c.decode(String.self, forKey: .alias), target: try c.decode(String.self, forKey: .model),
        from: try c.decode(DayValue.self, forKey: .from).day)
    }
  }

  struct TranscriptionRow: Decodable {
    var card: TranscriptionPriceCard
    enum CodingKeys: String, CodingKey, CaseIterable {
      case model, from, source
      case perMinute = "per_minute", textIn = "text_in", audioIn = "audio_in", textOut = "text_out"
      case residencyUpliftPercent = "residency_uplift_percent"
      case shutdown, shutdownSource = "shutdown_source"
    }

    init(from decoder: any Decoder) throws {
      try StrictKeys.check(decoder, allowed: CodingKeys.allCases.map(\.rawValue))
      let c = try decoder.container(keyedBy: CodingKeys.self)
      let rate: TranscriptionRate
      if let perMinute = try c.decodeIfPresent(DollarAmount.self, forKey: .perMinute) {
        rate = .perMinute(perMinute.money)
      } else {
        rate = .perToken(
          textIn: try c.decode(PerMillionPrice.self, forKey: .textIn).money,
          audioIn: try c.decode(PerMillionPrice.self, forKey: .audioIn).money,
          textOut: try c.decode(PerMillionPrice.self, forKey: .textOut).money)
      }
      card = TranscriptionPriceCard(
        model: try c.decode(String.self, forKey: .model),
        effectiveFrom: try c.decode(DayValue.self, forKey: .from).day,
        rate: rate, source: try c.decodeIfPresent(String.self, forKey: .source) ?? "user price file",
        shutdown: try ShutdownKeys.decode(c, day: .shutdown, source: .shutdownSource),
        residencyUpliftPercent: try UpliftPercent.decode(c, .residencyUpliftPercent))
    }
  }
}

/// `shutdown` and `shutdown_source`: both or neither.
enum ShutdownKeys {
  static func decode<Key: CodingKey>(_ c: KeyedDecodingContainer<Key>, day: Key, source: Key) throws
    -> ModelShutdown?
  {
    let date = try c.decodeIfPresent(DayValue.self, forKey: day)?.day
    let text = try c.decodeIfPresent(String.self, forKey: source)
    switch (date, text) {
    case (nil, nil): return nil
    case (let date?, let text?): return ModelShutdown(day: date, source: text)
    case (nil, _):
      throw DecodingError.dataCorruptedError(
        forKey: source, in: c, debugDescription: "shutdown_source is set but shutdown is not")
    case (_, nil):
      throw DecodingError.dataCorruptedError(
        forKey: day, in: c,
        debugDescription: "shutdown needs a shutdown_source naming where the date comes from")
    }
  }
}

/// `residency_uplift_percent`: a whole percentage from 0 to 100.
enum UpliftPercent {
  static func decode<Key: CodingKey>(_ c: KeyedDecodingContainer<Key>, _ key: Key) throws -> Int? {
    guard let value = try c.decodeIfPresent(Int.self, forKey: key) else { return nil }
    guard (0...100).contains(value) else {
      throw DecodingError.dataCorruptedError(
        forKey: key, in: c, debugDescription: "residency_uplift_percent \(value) is not 0 to 100")
    }
    return value
  }
}

/// A non-negative decimal given as a number or a string, kept exact at `scale` fractional digits.
struct ExactDecimal {
  var scaled: Int64

  init(from decoder: any Decoder, scale: Int) throws {
    let container = try decoder.singleValueContainer()
    let text: String
    if let string = try? container.decode(String.self) {
      text = string
    } else if let integer = try? container.decode(Int64.self) {
      text = String(integer)
    } else {
      let double = try container.decode(Double.self)
      // Numbers arrive as binary doubles; Swift prints the shortest text that reads back as the same
      // double, which is the written text for any price with few decimals. The scale check below
      // refuses anything longer instead of rounding it.
      text = String(double)
    }
    guard let value = DecimalText.scaledInteger(normalizedExponent(text), scale: scale), value >= 0 else {
      throw DecodingError.dataCorruptedError(
        in: container,
        debugDescription: "'\(text)' is not a non-negative decimal with at most \(scale) decimal places")
    }
    scaled = value
  }
}

/// Expands `1e-05` style doubles into plain decimal text.
private func normalizedExponent(_ text: String) -> String {
  guard let eIndex = text.firstIndex(where: { $0 == "e" || $0 == "E" }),
    let exponent = Int(text[text.index(after: eIndex)...])
  else { return text }
  // Beyond ±30 no price fits the exact scale anyway: refuse instead of expanding huge digit strings.
  guard abs(exponent) <= 30 else { return "invalid" }
  var mantissa = String(text[..<eIndex])
  let negative = mantissa.hasPrefix("-")
  if negative { mantissa.removeFirst() }
  let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
  var digits = String(parts[0]) + (parts.count > 1 ? String(parts[1]) : "")
  var point = parts[0].count + exponent
  if point <= 0 {
    digits = String(repeating: "0", count: -point + 1) + digits
    point = 1
  }
  if point > digits.count { digits += String(repeating: "0", count: point - digits.count) }
  let body = digits.prefix(point) + (point < digits.count ? "." + digits.dropFirst(point) : "")
  return (negative ? "-" : "") + body
}

/// A price in USD per 1M tokens; exact to 6 decimals, which is a whole pico-dollar per token.
struct PerMillionPrice: Decodable {
  var money: Money
  init(from decoder: any Decoder) throws {
    money = Money(picoUSD: try ExactDecimal(from: decoder, scale: 6).scaled)
  }
}

/// A dollar amount, exact to the pico-dollar.
struct DollarAmount: Decodable {
  var money: Money
  init(from decoder: any Decoder) throws {
    money = Money(picoUSD: try ExactDecimal(from: decoder, scale: 12).scaled)
  }
}

/// A `YYYY-MM-DD` day.
struct DayValue: Decodable {
  var day: CalendarDay
  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let day = CalendarDay(text) else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "'\(text)' is not a YYYY-MM-DD date")
    }
    self.day = day
  }
}

/// Rejects keys a strict schema does not know, so a typo is an error that names the key.
public enum StrictKeys {
  struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  /// Throws a `DecodingError` naming the first key of the object at `decoder` outside `allowed`.
  public static func check(_ decoder: any Decoder, allowed: [String]) throws {
    let container = try decoder.container(keyedBy: AnyKey.self)
    let unknown = container.allKeys.map(\.stringValue).filter { !allowed.contains($0) }.sorted()
    if let first = unknown.first {
      throw DecodingError.dataCorrupted(
        DecodingError.Context(
          codingPath: decoder.codingPath + [AnyKey(stringValue: first)],
          debugDescription: "unknown key '\(first)' (known keys: \(allowed.sorted().joined(separator: ", ")))"
        ))
    }
  }
}
