/// The server-VAD settings of a Realtime session (`turn_detection: {type: "server_vad", …}`).
///
/// Defaults are what real sessions use (DESIGN §1): `threshold` 0.5, `prefix_padding_ms` 300 and
/// `silence_duration_ms` **200**, the value real `session.created` events carry. OpenAI's reference
/// documents 500 ms (``documented``); a session that sends `session.update` with the documented
/// value gets turns that end later and merge pauses shorter than half a second.
///
/// How `threshold` maps onto the signal in this emulation: a 20 ms frame is speech when its level
/// is at least ``requiredSNRdB`` (30 dB × threshold: 15 dB at 0.5) above the adaptive noise floor
/// **and** at least ``absoluteGateDBFS`` (−70 dBFS + 40 dB × threshold: −50 dBFS at 0.5). Higher
/// thresholds need louder audio, as on the server.
public struct VADParameters: Equatable, Sendable {
  /// Activation threshold, 0…1.
  public var threshold: Double
  /// Audio kept before the detected speech start, in milliseconds.
  public var prefixPaddingMs: Int
  /// Silence that ends a turn, in milliseconds.
  public var silenceDurationMs: Int

  /// What real sessions send: 0.5, 300 ms, 200 ms.
  public static let serverDefault = VADParameters(
    uncheckedThreshold: 0.5, prefixPaddingMs: 300, silenceDurationMs: 200)
  /// What the API reference documents: 0.5, 300 ms, 500 ms.
  public static let documented = VADParameters(
    uncheckedThreshold: 0.5, prefixPaddingMs: 300, silenceDurationMs: 500)

  /// Checked settings: `threshold` in 0…1, `prefixPaddingMs` ≥ 0, `silenceDurationMs` > 0.
  public init(threshold: Double, prefixPaddingMs: Int, silenceDurationMs: Int) throws(VADParameterError) {
    guard threshold.isFinite, (0...1).contains(threshold) else { throw .threshold(threshold) }
    guard prefixPaddingMs >= 0, prefixPaddingMs <= 3_600_000 else { throw .prefixPadding(prefixPaddingMs) }
    guard silenceDurationMs > 0, silenceDurationMs <= 3_600_000 else {
      throw .silenceDuration(silenceDurationMs)
    }
    self.init(
      uncheckedThreshold: threshold, prefixPaddingMs: prefixPaddingMs, silenceDurationMs: silenceDurationMs)
  }

  private init(uncheckedThreshold: Double, prefixPaddingMs: Int, silenceDurationMs: Int) {
    self.threshold = uncheckedThreshold
    self.prefixPaddingMs = prefixPaddingMs
    self.silenceDurationMs = silenceDurationMs
  }

  /// The level above the noise floor a frame needs to count as speech: 30 dB × threshold.
  public var requiredSNRdB: Double { 30 * threshold }
  /// The absolute level a frame needs to count as speech: −70 dBFS + 40 dB × threshold.
  public var absoluteGateDBFS: Double { -70 + 40 * threshold }

  /// ``requiredSNRdB`` in centibels (hundredths of a dB), rounded to nearest.
  var requiredSNRCentibels: Int32 { Int32((requiredSNRdB * 100).rounded()) }
  /// ``absoluteGateDBFS`` in centibels, rounded to nearest.
  var absoluteGateCentibels: Int32 { Int32((absoluteGateDBFS * 100).rounded()) }
  var prefixPaddingMicros: Int64 { Int64(prefixPaddingMs) * 1000 }
  var silenceDurationMicros: Int64 { Int64(silenceDurationMs) * 1000 }
}

/// A VAD setting out of range.
public enum VADParameterError: Error, Equatable, Sendable, CustomStringConvertible {
  case threshold(Double)
  case prefixPadding(Int)
  case silenceDuration(Int)

  /// Names the setting, its value and the allowed range.
  public var description: String {
    switch self {
    case .threshold(let value): "threshold \(value) is outside 0…1"
    case .prefixPadding(let value): "prefix_padding_ms \(value) is outside 0…3600000"
    case .silenceDuration(let value): "silence_duration_ms \(value) is outside 1…3600000"
    }
  }
}
