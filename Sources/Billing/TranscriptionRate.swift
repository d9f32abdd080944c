/// How an input-transcription model is priced: by audio duration or by tokens.
public enum TranscriptionRate: Sendable, Equatable {
  /// A price per minute of audio (whisper-1: $0.006/min), billed here by the exact second.
  case perMinute(Money)
  /// Prices per token (USD per 1M quoted): text input (the prompt), audio input and text output.
  case perToken(textIn: Money, audioIn: Money, textOut: Money)

  /// Whether usage is billed by audio duration (`{"type": "duration"}` usage blocks).
  public var isPerMinute: Bool {
    if case .perMinute = self { true } else { false }
  }
}

/// The prices of one transcription model from one date.
public struct TranscriptionPriceCard: Sendable, Equatable {
  public var model: String
  public var effectiveFrom: CalendarDay
  public var rate: TranscriptionRate
  public var source: String
  /// When the model stops being served, if announced.
  public var shutdown: ModelShutdown?
  /// The surcharge in percent on data-residency endpoints; nil when none applies.
  public var residencyUpliftPercent: Int?
  /// Whether ``residencyUpliftPercent`` has been applied to ``rate``.
  public var isDataResidencyPriced: Bool

  public init(
    model: String, effectiveFrom: CalendarDay, rate: TranscriptionRate, source: String,
    shutdown: ModelShutdown? = nil, residencyUpliftPercent: Int? = nil, isDataResidencyPriced: Bool = false
  ) {
    self.model = model
    self.effectiveFrom = effectiveFrom
    self.rate = rate
    self.source = source
    self.shutdown = shutdown
    self.residencyUpliftPercent = residencyUpliftPercent
    self.isDataResidencyPriced = isDataResidencyPriced
  }
}

extension TranscriptionPriceCard {
  /// Whether usage of this model arrives as `{"type": "duration"}` (priced per minute): whisper-1,
  /// gpt-realtime-whisper, gpt-live-transcribe and gpt-transcribe; the gpt-4o transcribe models
  /// report tokens.
  public var billsByDuration: Bool { rate.isPerMinute }
}
