import RealtimeEvents

/// The plausibility caps every scenario and fleet value is checked against when it is loaded.
///
/// Each cap is far past any real device (a typo such as `1e12` is the only way to reach one), and
/// low enough that the engine's counts, sums and virtual times cannot overflow for any seed: a
/// distribution's parameters are checked here, and its draws are clamped to the same cap
/// (``Distribution/sampleCount(using:)``), so a heavy tail cannot escape it either.
/// An error names the key path: `scenario.yaml:12: user.turns: 20000 exceeds the limit 10000`.
public enum ScenarioLimits {
  /// Tokens in one response, function call argument or output (the API caps a response at 4,096
  /// output tokens; 100,000 leaves room for a long tool output).
  public static let tokensPerValue: Double = 100_000
  /// Turns in one conversation (an always-on session may be one long conversation).
  public static let turnsPerConversation: Double = 1_000_000
  /// The longest duration a distribution may give (30 days, in microseconds).
  public static let duration: Double = 30 * 86_400 * 1_000_000
  /// The largest draw a count distribution yields: the count caps, for any seed.
  public static let largestCountSample: Double = 1_000_000
  /// Tokens per second of audio, for the world model's rates (the API's audio is 10 to 20).
  public static let tokensPerSecond: Int64 = 1_000
  /// Special tokens per conversation item (the API's are a handful).
  public static let specialTokensPerItem: Int64 = 1_000
  /// Tokens per world-model value such as a cache granularity or a minimum cached input.
  public static let tokensPerSetting: Int64 = 2_000_000
  /// Transcript tokens per minute of speech.
  public static let transcriptTokensPerMinute: Int64 = 100_000
  /// Re-prompts in a row.
  public static let consecutiveReprompts: Int64 = 1_000
  /// The shortest microphone append interval and audio delta (10 ms; the API's audio frames are
  /// 20 ms or more, and shorter ones would make a day's run take hours).
  public static let shortestAudioChunk: Int64 = 10_000
  /// The shortest server VAD `idle_timeout_ms` (1 s): a shorter one re-prompts without pause.
  public static let shortestIdleTimeoutMillis: Int64 = 1_000
  /// The highest hourly rate of conversations, noise bursts or commands (one a second).
  public static let hourlyRate: Double = 3_600
  /// The most devices in one fleet group.
  public static let devicesPerGroup = 100_000
}

extension YAMLCursor {
  /// The error for a value past its plausibility cap.
  public func pastLimit(_ limit: Double, unit: String = "") -> ScenarioError {
    error("\(shown) exceeds the limit \(Self.format(limit))\(unit)")
  }

  /// A whole number from `bound` up to the plausibility cap `limit`.
  public func integer(min bound: Int64, limit: Int64) throws(ScenarioError) -> Int64 {
    let text = try scalarText("a whole number")
    if let value = Double(text), value.isFinite, value > Double(limit), value == value.rounded() {
      throw pastLimit(Double(limit))
    }
    let value = try integer(min: bound)
    guard value <= limit else { throw pastLimit(Double(limit)) }
    return value
  }
}
