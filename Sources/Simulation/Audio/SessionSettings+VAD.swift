public import AudioIO

extension SessionSettings {
  /// The session's turn detection as AudioIO's VAD settings: `vad_threshold`, `prefix_padding` and
  /// `silence_duration`, the durations rounded down to whole milliseconds.
  ///
  /// Throws when AudioIO refuses a value (a `silence_duration` of 0, say).
  public func vadParameters() throws(VADParameterError) -> VADParameters {
    try VADParameters(
      threshold: vadThreshold, prefixPaddingMs: Int(prefixPadding / 1_000),
      silenceDurationMs: Int(silenceDuration / 1_000))
  }
}
