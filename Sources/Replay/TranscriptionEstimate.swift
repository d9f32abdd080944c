public import Billing
public import RealtimeEvents

/// What the input transcriptions that came without usage would cost, estimated from the server's
/// speech spans at the transcription card's per-minute rate (DESIGN §7.3: whisper-1 on the beta
/// API sends no usage). An estimate, reported beside the bill: never part of the as-billed total.
///
/// Each span is priced as a duration usage block would be (rounded half up to the pico-dollar per
/// block, see ``Billing/DurationPricing``). Transcriptions by a per-token model, without a known
/// model or price, or without a known span are counted in ``notEstimated``.
public struct TranscriptionEstimate: Sendable, Equatable {
  /// Transcriptions without usage that were estimated.
  public var transcriptions = 0
  /// Their speech, summed (the spans `audio_end_ms − audio_start_ms`).
  public var speech: Micros = 0
  /// The estimated cost.
  public var cost = Money.zero
  /// Transcriptions without usage that could not be estimated.
  public var notEstimated = 0
  /// The transcription models whose rates were used, in the order first used.
  public var models: [String] = []

  public init() {}

  /// Nothing to report: no transcription came without usage.
  public var isEmpty: Bool { transcriptions == 0 && notEstimated == 0 }

  /// Adds one transcription of `span` priced with `card`; counts it as not estimated when the card
  /// bills tokens, the span is unknown, or the cost leaves the money range.
  mutating func add(span: Micros?, card: TranscriptionPriceCard?) {
    guard let span, let card, case .perMinute(let perMinute) = card.rate,
      let cost = DurationPricing.cost(of: span, atPerMinute: perMinute)
    else {
      notEstimated += 1
      return
    }
    add(transcriptions: 1, speech: span, cost: cost, models: [card.model])
  }

  /// Adds another estimate (sums saturate: an estimate never traps).
  public mutating func add(_ other: TranscriptionEstimate) {
    add(transcriptions: other.transcriptions, speech: other.speech, cost: other.cost, models: other.models)
    notEstimated += other.notEstimated
  }

  private mutating func add(transcriptions: Int, speech: Micros, cost: Money, models: [String]) {
    self.transcriptions += transcriptions
    let (sum, overflow) = self.speech.addingReportingOverflow(speech)
    self.speech = overflow ? .max : sum
    self.cost = self.cost.addingSaturated(cost).sum
    for model in models where !self.models.contains(model) { self.models.append(model) }
  }
}
