/// The `usage` of `conversation.item.input_audio_transcription.completed`: tokens or duration.
public enum TranscriptionUsage: Sendable, Equatable, Decodable {
  /// Token-billed models (gpt-4o-transcribe, gpt-4o-mini-transcribe).
  case tokens(inputTokens: Int64, outputTokens: Int64, textIn: Int64?, audioIn: Int64?)
  /// Duration-billed models (whisper-1, gpt-realtime-whisper, gpt-transcribe, gpt-live-transcribe),
  /// in exact microseconds.
  case duration(microseconds: Int64)

  /// The longest plausible duration of one transcribed item: a day. A Realtime session lasts at
  /// most 60 minutes, so anything near this is a corrupt log; refusing it keeps every price exact.
  public static let maximumSeconds: Double = 86_400

  enum Keys: String, CodingKey {
    case type, seconds
    case inputTokens = "input_tokens", outputTokens = "output_tokens", details = "input_token_details"
    case textTokens = "text_tokens", audioTokens = "audio_tokens"
  }

  /// Decodes a usage block; negative or implausible counts (above ``ResponseUsage/maximumTokens``
  /// tokens or ``maximumSeconds``) are decoding errors that say which limit was passed.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Keys.self)
    let type = try c.decodeIfPresent(String.self, forKey: .type)
    if type == "duration" || (type == nil && c.contains(.seconds)) {
      let seconds = try c.decode(Double.self, forKey: .seconds)
      guard seconds >= 0, seconds.isFinite, seconds <= Self.maximumSeconds else {
        throw DecodingError.dataCorruptedError(
          forKey: .seconds, in: c,
          debugDescription:
            "a transcription duration of \(seconds) s is negative or not plausible "
            + "(at most \(Int(Self.maximumSeconds)) s)")
      }
      self = .duration(microseconds: Int64((seconds * 1_000_000).rounded()))
      return
    }
    guard type == nil || type == "tokens" else {
      throw DecodingError.dataCorruptedError(
        forKey: .type, in: c, debugDescription: "unknown transcription usage type '\(type!)'")
    }
    let input = try c.decodeIfPresent(Int64.self, forKey: .inputTokens) ?? 0
    let output = try c.decodeIfPresent(Int64.self, forKey: .outputTokens) ?? 0
    var text: Int64?
    var audio: Int64?
    if c.contains(.details), try !c.decodeNil(forKey: .details) {
      let details = try c.nestedContainer(keyedBy: Keys.self, forKey: .details)
      text = try details.decodeIfPresent(Int64.self, forKey: .textTokens)
      audio = try details.decodeIfPresent(Int64.self, forKey: .audioTokens)
    }
    for value in [input, output, text ?? 0, audio ?? 0] {
      if value < 0 {
        throw DecodingError.dataCorruptedError(
          forKey: .inputTokens, in: c, debugDescription: "negative token count")
      }
      if value > ResponseUsage.maximumTokens {
        throw DecodingError.dataCorruptedError(
          forKey: .inputTokens, in: c,
          debugDescription:
            "a transcription usage count of \(value) tokens is not plausible "
            + "(at most \(ResponseUsage.maximumTokens))")
      }
    }
    self = .tokens(inputTokens: input, outputTokens: output, textIn: text, audioIn: audio)
  }
}

/// Why a transcription usage block could not be priced.
public enum TranscriptionPricingError: Error, Sendable, Equatable, CustomStringConvertible {
  case rateKindMismatch(model: String, usage: String, rate: String)
  /// A negative count or duration, or a cost beyond the exact money range: absurd input or prices.
  case implausible(model: String)

  public var description: String {
    switch self {
    case .rateKindMismatch(let model, let usage, let rate):
      "transcription usage of type '\(usage)' cannot be priced with \(model)'s \(rate) rate"
    case .implausible(let model):
      "a \(model) transcription usage block is negative or costs more than rtcost's exact money "
        + "range (about $9.2M): the usage block or the price is not plausible"
    }
  }
}

extension TranscriptionPriceCard {
  /// The cost of one transcription usage block.
  ///
  /// Per-minute rates are billed by the exact microsecond and rounded half up to the pico-dollar
  /// (whisper-1 is exactly 100 pico-dollars per microsecond and gpt-transcribe 75, so no rounding
  /// happens there; gpt-realtime-whisper's $0.017/min is 283⅓ and rounds once per block).
  /// Token usage without details counts the input as audio: the prompt text of a transcription is
  /// usually empty. Arithmetic is checked: an absurd block or price is an error, never a trap.
  public func cost(of usage: TranscriptionUsage) throws(TranscriptionPricingError) -> Money {
    switch (usage, rate) {
    case (.duration(let micro), .perMinute(let perMinute)):
      guard let cost = DurationPricing.cost(of: micro, atPerMinute: perMinute) else {
        throw .implausible(model: model)
      }
      return cost
    case (
      .tokens(let input, let output, let text, let audio), .perToken(let textIn, let audioIn, let textOut)
    ):
      let textTokens = text ?? 0
      guard input >= 0, output >= 0, textTokens >= 0, (audio ?? 0) >= 0 else {
        throw .implausible(model: model)
      }
      let audioTokens = audio ?? max(0, input - textTokens)
      // Each product fits 127 bits; the sum is checked.
      var total = Int128(textIn.picoUSD) * Int128(textTokens)
      for (price, count) in [(audioIn, audioTokens), (textOut, output)] {
        let (sum, overflow) = total.addingReportingOverflow(Int128(price.picoUSD) * Int128(count))
        guard !overflow else { throw .implausible(model: model) }
        total = sum
      }
      guard let pico = Int64(exactly: total) else { throw .implausible(model: model) }
      return Money(picoUSD: pico)
    case (.duration, .perToken):
      throw .rateKindMismatch(model: model, usage: "duration", rate: "per-token")
    case (.tokens, .perMinute):
      throw .rateKindMismatch(model: model, usage: "tokens", rate: "per-minute")
    }
  }
}
