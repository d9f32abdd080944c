/// The original design's `PRICING` table (DESIGN §4), kept exactly for seed-compatible mode.
///
/// `audio_input_per_second: 0.00001111`, `audio_output_per_second: 0.00002222`,
/// `text_input_per_token: 0.000005`, `text_output_per_token: 0.00002`. These audio rates are about
/// 90× and 180× below the launch prices ($0.001/s in, $0.004/s out): defect 2.
public enum SeedPricing {
  /// $0.00001111 per second of input audio = 11,110,000 pico-dollars per second.
  public static let audioInputPerSecond = Money(usd: "0.00001111")!
  /// $0.00002222 per second of output audio = 22,220,000 pico-dollars per second.
  public static let audioOutputPerSecond = Money(usd: "0.00002222")!
  /// $0.000005 per token = 5,000,000 pico-dollars.
  public static let textInputPerToken = Money(usd: "0.000005")!
  /// $0.00002 per token = 20,000,000 pico-dollars.
  public static let textOutputPerToken = Money(usd: "0.00002")!
  /// The seed measured output audio as decoded bytes / 48,000 (PCM16 at 24 kHz).
  public static let bytesPerSecond: Int64 = 48_000

  /// The seed's cost of `bytes` of audio at `perSecond`, rounded half up to the pico-dollar.
  public static func audioCost(bytes: Int64, perSecond: Money) -> Money {
    Money(picoUSD: (bytes * perSecond.picoUSD + bytesPerSecond / 2) / bytesPerSecond)
  }
}
