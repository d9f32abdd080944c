public import Billing

/// The original design's duration meter, kept as a separately labelled estimate (DESIGN §4).
///
/// It prices output audio by duration (decoded `response.audio.delta` bytes / 48,000 at
/// $0.00002222/s: defect 2), adds `response.done` `input_tokens` and `output_tokens` at the text
/// rates (so output audio is counted twice, defect 3, and cached tokens pay full price, defect 5) and
/// never counts input audio (defect 4).
public struct SeedEstimate: Sendable, Equatable {
  /// Decoded bytes of output audio deltas.
  public var outputAudioBytes: Int64 = 0
  /// Sum of `response.done` `usage.input_tokens`.
  public var inputTokens: Int64 = 0
  /// Sum of `response.done` `usage.output_tokens`.
  public var outputTokens: Int64 = 0

  public init(outputAudioBytes: Int64 = 0, inputTokens: Int64 = 0, outputTokens: Int64 = 0) {
    self.outputAudioBytes = outputAudioBytes
    self.inputTokens = inputTokens
    self.outputTokens = outputTokens
  }

  /// Output audio seconds as the seed computed them (bytes / 48,000).
  public var outputAudioSeconds: Double { Double(outputAudioBytes) / Double(SeedPricing.bytesPerSecond) }

  /// The seed's cost: audio by duration plus both token totals at text rates, exact to the pico-dollar.
  public var cost: Money {
    SeedPricing.audioCost(bytes: outputAudioBytes, perSecond: SeedPricing.audioOutputPerSecond)
      + SeedPricing.textInputPerToken.times(inputTokens)
      + SeedPricing.textOutputPerToken.times(outputTokens)
  }

  /// Adds another estimate's counts.
  public mutating func add(_ other: SeedEstimate) {
    outputAudioBytes += other.outputAudioBytes
    inputTokens += other.inputTokens
    outputTokens += other.outputTokens
  }
}
