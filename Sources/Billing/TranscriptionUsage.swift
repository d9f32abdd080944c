/// The `usage` of `conversation.item.input_audio_transcription.completed`: tokens or duration.
public enum TranscriptionUsage: Sendable, Equatable, Decodable {
  /// Token-billed models (gpt-4o-transcribe, gpt-4o-mini-transcribe).
  case tokens(inputTokens: Int64, outputTokens: Int64, textIn: Int64?, audioIn: Int64?)
  /// Duration-billed models (whisper-1), in exact microseconds.
  case duration(microseconds: Int64)

  enum Keys: String, CodingKey {
    case type, seconds
    case inputTokens = "input_tokens", outputTokens = "output_tokens", details = "input_token_details"
    case textTokens = "text_tokens", audioTokens = "audio_tokens"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Keys.self)
    let type = try c.decodeIfPresent(String.self, forKey: .type)
    if type == "duration" || (type == nil && c.contains(.seconds)) {
      let seconds = try c.decode(Double.self, forKey: .seconds)
      guard seconds >= 0, seconds.isFinite, seconds < 1e9 else {
        throw DecodingError.dataCorruptedError(
          forKey: .seconds, in: c, debugDescription: "duration \(seconds) s is negative or not plausible")
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
    for value in [input, output, text ?? 0, audio ?? 0] where value < 0 {
      throw DecodingError.dataCorruptedError(
        forKey: .inputTokens, in: c, debugDescription: "negative token count")
    }
    self = .tokens(inputTokens: input, outputTokens: output, textIn: text, audioIn: audio)
  }
}

/// Why a transcription usage block could not be priced.
public enum TranscriptionPricingError: Error, Sendable, Equatable, CustomStringConvertible {
  case rateKindMismatch(model: String, usage: String, rate: String)

  public var description: String {
    switch self {
    case .rateKindMismatch(let model, let usage, let rate):
      "transcription usage of type '\(usage)' cannot be priced with \(model)'s \(rate) rate"
    }
  }
}

extension TranscriptionPriceCard {
  /// The cost of one transcription usage block.
  ///
  /// Per-minute rates are billed by the exact microsecond and rounded half up to the pico-dollar
  /// (whisper-1 is exactly 100 pico-dollars per microsecond, so no rounding happens there).
  /// Token usage without details counts the input as audio: the prompt text of a transcription is
  /// usually empty.
  public func cost(of usage: TranscriptionUsage) throws(TranscriptionPricingError) -> Money {
    switch (usage, rate) {
    case (.duration(let micro), .perMinute(let perMinute)):
      // Whole minutes first, so an hour of audio never overflows the intermediate product.
      let minutes = micro / 60_000_000
      let rest = micro % 60_000_000
      return Money(
        picoUSD: minutes * perMinute.picoUSD + (rest * perMinute.picoUSD + 30_000_000) / 60_000_000)
    case (
      .tokens(let input, let output, let text, let audio), .perToken(let textIn, let audioIn, let textOut)
    ):
      let textTokens = text ?? 0
      let audioTokens = audio ?? max(0, input - textTokens)
      return textIn.times(textTokens) + audioIn.times(audioTokens) + textOut.times(output)
    case (.duration, .perToken):
      throw .rateKindMismatch(model: model, usage: "duration", rate: "per-token")
    case (.tokens, .perMinute):
      throw .rateKindMismatch(model: model, usage: "tokens", rate: "per-minute")
    }
  }
}
