import Testing

@testable import Simulation

/// Issue 11 items 6, 8 and 9: every scenario value has a plausibility cap and a sensible floor,
/// and YAML that could hang the composer (complex keys, alias bombs) is refused in one line.
@Suite struct InputLimitsTests {
  static let minimal = """
    model: gpt-realtime
    horizon: 1d
    user:
      conversations_per_hour: 2
    """

  /// The message `ScenarioLoader` gives for `text`, or "loaded".
  func message(_ text: String) -> String {
    do {
      _ = try ScenarioLoader.parse(text, file: "scenario.yaml")
      return "loaded"
    } catch {
      return error.description
    }
  }

  @Test(arguments: [
    (
      "\n  response_text_tokens: 1e12",
      "scenario.yaml:5: user.response_text_tokens: 1e12 exceeds the limit 100000"
    ),
    (
      "\n  response_text_tokens: {dist: lognormal, median: 25, p95: 1e8}",
      "scenario.yaml:5: user.response_text_tokens.p95: 1e8 exceeds the limit 100000"
    ),
    (
      "\n  turns: {dist: geometric, mean: 1e15}",
      "scenario.yaml:5: user.turns.mean: 1e15 exceeds the limit 1000000"
    ),
    (
      "\n  think_time: {dist: exponential, mean: 40d}",
      "scenario.yaml:5: user.think_time.mean: 40d exceeds the limit 30d"
    ),
    (
      "\n  function_calls: {output_tokens: {dist: uniform, min: 1, max: 2e6}}",
      "scenario.yaml:5: user.function_calls.output_tokens.max: 2e6 exceeds the limit 100000"
    ),
  ])
  func userCountsAndDistributionsAreCapped(line: String, expected: String) {
    #expect(message(Self.minimal + line) == expected)
  }

  @Test(arguments: [
    ("special_tokens_per_item: 1e12", "world_model.special_tokens_per_item: 1e12 exceeds the limit 1000"),
    (
      "special_tokens_per_item: 9223372036854775807",
      "world_model.special_tokens_per_item: 9223372036854775807 exceeds the limit 1000"
    ),
    (
      "user_audio_tokens_per_second: 5000",
      "world_model.user_audio_tokens_per_second: 5000 exceeds the limit 1000"
    ),
    ("cache_minimum_input: 1e9", "world_model.cache_minimum_input: 1e9 exceeds the limit 2000000"),
    ("max_consecutive_reprompts: 5000", "world_model.max_consecutive_reprompts: 5000 exceeds the limit 1000"),
    ("mic_append_interval: 1ms", "world_model.mic_append_interval: must be at least 10ms, got 1ms"),
    ("audio_delta_duration: 5ms", "world_model.audio_delta_duration: must be at least 10ms, got 5ms"),
  ])
  func worldModelValuesHaveCapsAndFloors(line: String, expected: String) {
    #expect(message(Self.minimal + "\nworld_model:\n  " + line) == "scenario.yaml:6: " + expected)
  }

  @Test func hourlyRatesIdleTimeoutsAndNoiseAreBounded() {
    #expect(
      message(Self.minimal + "\nnoise:\n  - bursts_per_hour: 100000")
        == "scenario.yaml:6: noise[0].bursts_per_hour: 100000 exceeds the limit 3600 per hour")
    #expect(
      message(Self.minimal + "\nsession:\n  idle_timeout_ms: 1")
        == "scenario.yaml:6: session.idle_timeout_ms: must be at least 1000 (1 s), got 1")
    #expect(message(Self.minimal + "\nsession:\n  idle_timeout_ms: 1000") == "loaded")
    // The caps themselves load.
    #expect(message(Self.minimal + "\n  response_text_tokens: 100000\n  turns: 1000000") == "loaded")
  }

  /// Clamped draws: a lognormal at its caps never yields more than the cap, for any seed.
  @Test func heavyTailedDrawsStayUnderTheCapForEverySeed() {
    let heavy = Distribution.lognormal(median: 1, p95: ScenarioLimits.tokensPerValue)
    let longest = Distribution.lognormal(median: 1, p95: ScenarioLimits.duration)
    var largestCount: Int64 = 0
    var largestMicros: Int64 = 0
    for seed in UInt64(0)..<2_000 {
      var generator = SplitMix64(seed: seed)
      largestCount = max(largestCount, heavy.sampleCount(using: &generator))
      largestMicros = max(largestMicros, longest.sampleMicros(using: &generator))
    }
    #expect(largestCount == 1_000_000)  // clamped at ScenarioLimits.largestCountSample
    #expect(largestMicros == 2_592_000_000_000)  // 30 days = 30 × 86,400 × 10^6 µs
  }

  @Test func complexKeysAreRefusedInOneLine() {
    #expect(
      message(Self.minimal + "\n? [a, b]\n: 1")
        == "scenario.yaml:5: mapping keys must be plain names, not a list")
    #expect(
      message("model: gpt-realtime\n{a: 1}: 2\n")
        == "scenario.yaml:2: mapping keys must be plain names, not a mapping")
    #expect(
      message("model: &m gpt-realtime\n*m : 2\n")
        == "scenario.yaml:2: mapping keys must be plain names, not an alias")
  }

  /// The 196-byte bomb of the issue: nine levels of nine aliases (9^9 nodes) inside a key.
  static let aliasBomb = """
    a: &a ["x","x","x","x","x","x","x","x","x"]
    b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
    c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
    d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
    e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
    f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
    g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
    ? [*g]
    : 1
    """

  @Test func anAliasBombIsRefusedBeforeItExpands() {
    #expect(
      message(Self.aliasBomb)
        == "scenario.yaml:7: its aliases expand to more than 1000000 values (an alias bomb?)")
    #expect(
      message(Self.aliasBomb.replacingOccurrences(of: "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n", with: ""))
        == "scenario.yaml:7: mapping keys must be plain names, not a list")
  }
}
