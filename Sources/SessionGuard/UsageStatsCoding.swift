public import Billing
import RealtimeEvents

extension UsageStats {
  /// The seed's eight keys, in the seed's order.
  public static let seedKeys = [
    "audio_input_seconds", "audio_output_seconds", "text_input_tokens", "text_output_tokens",
    "total_sessions", "total_duration_seconds", "function_calls", "estimated_cost_usd",
  ]
  static let versionKey = "rtcost_stats_version"

  /// The largest stats file read (16 MiB; a real one is under a kilobyte plus the app's own keys).
  public static let maximumFileSize = 16 << 20

  /// The largest count a stats file may hold (10^15 tokens, sessions or calls: millions of years
  /// of one device), so that adding a run to it can never overflow.
  public static let maximumCount: Int64 = 1_000_000_000_000_000
  /// The largest number of seconds (10^11 s, about 3,170 years of audio or connection).
  public static let maximumSeconds: Double = 1e11
  /// The largest amount in USD ($9.2 million would overflow picodollars; $10^6 leaves room for
  /// every later run to be added with checked arithmetic).
  public static let maximumMoney = Money(picoUSD: 1_000_000 * 1_000_000_000_000)
  static let metersKey = "rtcost_meters"
  static let replayedKey = "rtcost_replayed"

  /// Why a stats document was refused; `key` is the JSON path.
  public struct DecodingFailure: Error, Sendable, Equatable {
    /// What kind of refusal, so that callers decide on a case, not on the message's text.
    public enum Kind: Sendable, Equatable {
      /// A key with the wrong type, an impossible value, or missing.
      case invalid
      /// Seed mode: a key the seed's loader did not know (it crashed on it: defect 8).
      case seedUnknownKey
      /// A `rtcost_stats_version` this build does not read.
      case unknownVersion
    }

    public var key: String
    public var message: String
    public var kind: Kind = .invalid
  }

  /// Reads a stats document. Seed mode refuses any key outside the seed's eight, as the seed's
  /// loader did (`UsageStats(**data)` raised on an unknown key: defect 8).
  public init(json: StatsJSON, mode: GuardMode) throws(DecodingFailure) {
    guard case .object(let members) = json else {
      throw DecodingFailure(key: "(top level)", message: "expected a JSON object")
    }
    self.init()
    version = 0
    var metersJSON: StatsJSON?
    for (key, value) in members {
      switch key {
      case "audio_input_seconds": audioInputSeconds = try Self.seconds(value, key)
      case "audio_output_seconds": audioOutputSeconds = try Self.seconds(value, key)
      case "text_input_tokens": textInputTokens = try Self.count(value, key)
      case "text_output_tokens": textOutputTokens = try Self.count(value, key)
      case "total_sessions": totalSessions = try Self.count(value, key)
      case "total_duration_seconds": totalDurationSeconds = try Self.seconds(value, key)
      case "function_calls": functionCalls = try Self.count(value, key)
      case "estimated_cost_usd": estimatedCostUSD = try Self.seconds(value, key)
      default:
        if mode == .seed {
          throw DecodingFailure(
            key: key, message: "unknown key (the seed's loader crashes on any key it does not know)",
            kind: .seedUnknownKey)
        }
        if key == Self.versionKey {
          let found = try Self.count(value, key)
          guard found == Int64(UsageStats.currentVersion) else {
            throw DecodingFailure(
              key: key,
              message: "unknown version \(found); this rtcost reads version \(UsageStats.currentVersion)",
              kind: .unknownVersion)
          }
          version = Int(found)
        } else if key == Self.metersKey {
          metersJSON = value
        } else if key == Self.replayedKey {
          replayed = try ReplayedRecording.list(value, key: key)
        } else {
          extraKeys.append((key, value))
        }
      }
    }
    if let metersJSON {
      guard version != 0 else {
        throw DecodingFailure(key: Self.metersKey, message: "present without \(Self.versionKey)")
      }
      meters = try StatsMeters(json: metersJSON)
    } else if version != 0 {
      throw DecodingFailure(key: Self.metersKey, message: "required by version \(version) but missing")
    }
    // The seed's app writes all eight keys (its stats are a dataclass saved whole); a missing one
    // would silently restart that counter from 0.
    for key in Self.seedKeys where !members.contains(where: { $0.key == key }) {
      throw DecodingFailure(
        key: key, message: "required but missing (every stats file has the seed's eight keys)")
    }
  }

  /// The document as JSON text with a trailing newline. Seed mode writes the seed's eight keys only.
  public func encoded(mode: GuardMode) -> String {
    var members: [(key: String, value: StatsJSON)] = [
      ("audio_input_seconds", Self.double(audioInputSeconds)),
      ("audio_output_seconds", Self.double(audioOutputSeconds)),
      ("text_input_tokens", .number(String(textInputTokens))),
      ("text_output_tokens", .number(String(textOutputTokens))),
      ("total_sessions", .number(String(totalSessions))),
      ("total_duration_seconds", Self.double(totalDurationSeconds)),
      ("function_calls", .number(String(functionCalls))),
      ("estimated_cost_usd", Self.double(estimatedCostUSD)),
    ]
    if mode == .real {
      members.append((Self.versionKey, .number(String(UsageStats.currentVersion))))
      members.append((Self.metersKey, (meters ?? StatsMeters()).json))
      if !replayed.isEmpty { members.append((Self.replayedKey, ReplayedRecording.json(replayed))) }
      members += extraKeys
    }
    return StatsJSON.object(members).rendered() + "\n"
  }

  static func double(_ value: Double) -> StatsJSON {
    guard value.isFinite else { return .number("0") }
    return .number(value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) + ".0" : "\(value)")
  }

  static func seconds(_ value: StatsJSON, _ key: String) throws(DecodingFailure) -> Double {
    guard case .number(let text) = value, let number = Double(text), number.isFinite else {
      throw DecodingFailure(key: key, message: "expected a number, found \(value.rendered())")
    }
    guard number >= 0 else { throw DecodingFailure(key: key, message: "negative value \(text)") }
    guard number <= maximumSeconds else { throw pastLimit(key, text, limit: "100000000000") }
    return number
  }

  /// A value past its plausibility limit: the file is damaged (or written by hand), and adding to
  /// it would overflow.
  static func pastLimit(_ key: String, _ text: String, limit: String) -> DecodingFailure {
    DecodingFailure(key: key, message: "\(text) exceeds the limit \(limit) (the file is damaged)")
  }

  static func count(_ value: StatsJSON, _ key: String) throws(DecodingFailure) -> Int64 {
    guard case .number(let text) = value else {
      throw DecodingFailure(key: key, message: "expected a whole number, found \(value.rendered())")
    }
    // Python writes whole floats as `12.0` (and large ones as `1e+16`); accept those, refuse fractions.
    let plain = StatsNumberText.plainDecimal(text) ?? text
    let trimmed = plain.hasSuffix(".0") ? String(plain.dropLast(2)) : plain
    guard let number = Int64(trimmed) else {
      throw DecodingFailure(key: key, message: "expected a whole number, found \(text)")
    }
    guard number >= 0 else { throw DecodingFailure(key: key, message: "negative value \(text)") }
    guard number <= maximumCount else { throw pastLimit(key, text, limit: String(maximumCount)) }
    return number
  }

  static func money(_ value: StatsJSON, _ key: String) throws(DecodingFailure) -> Money {
    guard case .number(let text) = value else {
      throw DecodingFailure(
        key: key, message: "expected an exact decimal amount in USD, found \(value.rendered())")
    }
    guard let plain = StatsNumberText.plainDecimal(text), let money = Money(usd: plain) else {
      throw DecodingFailure(
        key: key,
        message: "\(text) is not an exact amount in USD (at most 12 decimals, a whole number of picodollars)")
    }
    guard money >= .zero else { throw DecodingFailure(key: key, message: "negative amount \(text)") }
    guard money <= maximumMoney else { throw pastLimit(key, text, limit: maximumMoney.decimalText) }
    return money
  }

  static func micros(_ value: StatsJSON, _ key: String) throws(DecodingFailure) -> Micros {
    guard case .number(let text) = value, let plain = StatsNumberText.plainDecimal(text),
      let micros = DecimalText.scaledInteger(plain, scale: 6)
    else {
      throw DecodingFailure(
        key: key, message: "expected seconds with at most 6 decimals, found \(value.rendered())")
    }
    guard micros >= 0 else { throw DecodingFailure(key: key, message: "negative value \(text)") }
    guard micros <= Int64(maximumSeconds) * 1_000_000 else {
      throw pastLimit(key, text, limit: "100000000000")
    }
    return micros
  }
}

extension StatsMeters {
  /// Reads `rtcost_meters`; every key is required and unknown keys are refused (rtcost owns this object).
  init(json: StatsJSON) throws(UsageStats.DecodingFailure) {
    let prefix = UsageStats.metersKey + "."
    guard case .object(let members) = json else {
      throw UsageStats.DecodingFailure(key: UsageStats.metersKey, message: "expected a JSON object")
    }
    func member(_ key: String) throws(UsageStats.DecodingFailure) -> StatsJSON {
      guard let value = members.first(where: { $0.key == key })?.value else {
        throw UsageStats.DecodingFailure(key: prefix + key, message: "required but missing")
      }
      return value
    }
    func object(_ key: String, _ names: [String]) throws(UsageStats.DecodingFailure) -> [String: StatsJSON] {
      guard case .object(let inner) = try member(key) else {
        throw UsageStats.DecodingFailure(key: prefix + key, message: "expected a JSON object")
      }
      var values: [String: StatsJSON] = [:]
      for (name, value) in inner {
        guard names.contains(name) else {
          throw UsageStats.DecodingFailure(key: prefix + key + "." + name, message: "unknown key")
        }
        values[name] = value
      }
      for name in names where values[name] == nil {
        throw UsageStats.DecodingFailure(key: prefix + key + "." + name, message: "required but missing")
      }
      return values
    }
    let known = Set(StatsMeters.keys)
    for (key, _) in members where !known.contains(key) {
      throw UsageStats.DecodingFailure(key: prefix + key, message: "unknown key")
    }
    self.init()
    let categories = TokenCategory.allCases.map(\.rawValue)
    let tokenValues = try object("tokens", categories)
    let costValues = try object("cost_usd", categories)
    for category in TokenCategory.allCases {
      tokens[category] = try UsageStats.count(
        tokenValues[category.rawValue]!, prefix + "tokens." + category.rawValue)
      costs[category] = try UsageStats.money(
        costValues[category.rawValue]!, prefix + "cost_usd." + category.rawValue)
    }
    let statusNames = ResponseStatus.allCases.map(\.rawValue) + ["cancelled_billed"]
    let responseValues = try object("responses", statusNames)
    for status in ResponseStatus.allCases {
      responses[status] = Int(
        try UsageStats.count(responseValues[status.rawValue]!, prefix + "responses." + status.rawValue))
    }
    responses.cancelledBilled = Int(
      try UsageStats.count(responseValues["cancelled_billed"]!, prefix + "responses.cancelled_billed"))
    transcriptionCost = try UsageStats.money(
      try member("transcription_cost_usd"), prefix + "transcription_cost_usd")
    if let live = members.first(where: { $0.key == "live_cost_usd" })?.value {
      liveCost = try UsageStats.money(live, prefix + "live_cost_usd")
    }
    seedEstimate = try UsageStats.money(try member("seed_estimate_usd"), prefix + "seed_estimate_usd")
    functionCalls = try UsageStats.count(try member("function_calls"), prefix + "function_calls")
    sessions = try UsageStats.count(try member("sessions"), prefix + "sessions")
    connectedMicros = try UsageStats.micros(try member("connected_seconds"), prefix + "connected_seconds")
    inputAudioMicros = try UsageStats.micros(
      try member("audio_input_seconds"), prefix + "audio_input_seconds")
    outputAudioMicros = try UsageStats.micros(
      try member("audio_output_seconds"), prefix + "audio_output_seconds")
    pricingWarnings = try UsageStats.count(try member("pricing_warnings"), prefix + "pricing_warnings")
    unpricedResponses = try UsageStats.count(try member("unpriced_responses"), prefix + "unpriced_responses")
    let billedValue = try UsageStats.money(try member("billed_cost_usd"), prefix + "billed_cost_usd")
    guard billedValue == billed else {
      throw UsageStats.DecodingFailure(
        key: prefix + "billed_cost_usd",
        message:
          "\(billedValue.decimalText) does not equal the categories plus transcription and live (\(billed.decimalText))"
      )
    }
  }

  static let keys = [
    "billed_cost_usd", "seed_estimate_usd", "transcription_cost_usd", "cost_usd", "tokens", "responses",
    "function_calls", "sessions", "connected_seconds", "audio_input_seconds", "audio_output_seconds",
    "pricing_warnings", "unpriced_responses", "live_cost_usd",
  ]

  var json: StatsJSON {
    func seconds(_ micros: Micros) -> StatsJSON { .number(DecimalText.format(micros, scale: 6)) }
    return .object(
      [
        ("billed_cost_usd", .number(billed.decimalText)),
        ("seed_estimate_usd", .number(seedEstimate.decimalText)),
        ("transcription_cost_usd", .number(transcriptionCost.decimalText)),
      ]
        + (liveCost == .zero ? [] : [("live_cost_usd", .number(liveCost.decimalText))]) + [
          ("cost_usd", .object(TokenCategory.allCases.map { ($0.rawValue, .number(costs[$0].decimalText)) })),
          ("tokens", .object(TokenCategory.allCases.map { ($0.rawValue, .number(String(tokens[$0]))) })),
          (
            "responses",
            .object(
              ResponseStatus.allCases.map { ($0.rawValue, .number(String(responses[$0]))) }
                + [("cancelled_billed", .number(String(responses.cancelledBilled)))])
          ),
          ("function_calls", .number(String(functionCalls))),
          ("sessions", .number(String(sessions))),
          ("connected_seconds", seconds(connectedMicros)),
          ("audio_input_seconds", seconds(inputAudioMicros)),
          ("audio_output_seconds", seconds(outputAudioMicros)),
          ("pricing_warnings", .number(String(pricingWarnings))),
          ("unpriced_responses", .number(String(unpricedResponses))),
        ])
  }
}
