/// Input-transcription usage summed over many usage blocks: the audio duration of duration-billed
/// models and the token counts of token-billed ones, so that the same usage can be priced again
/// with another card (`rtcost diff` re-prices a snapshot's transcription this way).
///
/// Sums saturate at the largest count; each block's counts are bounded on decoding.
public struct TranscriptionTotals: Sendable, Equatable, Hashable {
  /// Audio transcribed by duration-billed models, in microseconds.
  public var durationMicros: Int64 = 0
  /// Token-billed models: prompt text, audio input and text output tokens.
  public var textInTokens: Int64 = 0
  public var audioInTokens: Int64 = 0
  public var textOutTokens: Int64 = 0

  public init(
    durationMicros: Int64 = 0, textInTokens: Int64 = 0, audioInTokens: Int64 = 0, textOutTokens: Int64 = 0
  ) {
    self.durationMicros = durationMicros
    self.textInTokens = textInTokens
    self.audioInTokens = audioInTokens
    self.textOutTokens = textOutTokens
  }

  /// Adds one usage block, counting its tokens as ``TranscriptionPriceCard/cost(of:)`` prices
  /// them (input without details is audio).
  public mutating func add(_ usage: TranscriptionUsage) {
    switch usage {
    case .duration(let micros):
      durationMicros = Self.plus(durationMicros, micros)
    case .tokens(let input, let output, let text, let audio):
      let textTokens = text ?? 0
      textInTokens = Self.plus(textInTokens, textTokens)
      audioInTokens = Self.plus(audioInTokens, audio ?? max(0, input - textTokens))
      textOutTokens = Self.plus(textOutTokens, output)
    }
  }

  /// Adds another sum.
  public mutating func add(_ other: TranscriptionTotals) {
    durationMicros = Self.plus(durationMicros, other.durationMicros)
    textInTokens = Self.plus(textInTokens, other.textInTokens)
    audioInTokens = Self.plus(audioInTokens, other.audioInTokens)
    textOutTokens = Self.plus(textOutTokens, other.textOutTokens)
  }

  private static func plus(_ a: Int64, _ b: Int64) -> Int64 {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? .max : sum
  }
}
