/// How an input-transcription model is priced: by audio duration or by tokens.
public enum TranscriptionRate: Sendable, Equatable {
  /// A price per minute of audio (whisper-1: $0.006/min), billed here by the exact second.
  case perMinute(Money)
  /// Prices per token (USD per 1M quoted): text input (the prompt), audio input and text output.
  case perToken(textIn: Money, audioIn: Money, textOut: Money)
}

/// The prices of one transcription model from one date.
public struct TranscriptionPriceCard: Sendable, Equatable {
  public var model: String
  public var effectiveFrom: CalendarDay
  public var rate: TranscriptionRate
  public var source: String

  public init(model: String, effectiveFrom: CalendarDay, rate: TranscriptionRate, source: String) {
    self.model = model
    self.effectiveFrom = effectiveFrom
    self.rate = rate
    self.source = source
  }
}
