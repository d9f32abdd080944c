import TestSupport
import Testing

/// Issue 11 item 14: a negative number reaches the option's own check, which names the option and
/// the value, instead of ArgumentParser's "Missing value" (every numeric option takes its next
/// argument unconditionally).
@Suite struct NegativeNumberTests {
  /// The refusals of `validate()`: the option, its range and what was typed.
  @Test(arguments: [
    (["audio", "x.wav", "--threshold", "-1"], "--threshold must be between 0 and 1, got -1"),
    (["audio", "x.wav", "--threshold", "-0.25"], "--threshold must be between 0 and 1, got -0.25"),
    (
      ["audio", "x.wav", "--prefix-padding-ms", "-5"],
      "--prefix-padding-ms must be between 0 and 3600000, got -5"
    ),
    (
      ["audio", "x.wav", "--silence-duration-ms", "-200"],
      "--silence-duration-ms must be between 1 and 3600000, got -200"
    ),
    (
      ["gate", "a.json", "b.json", "--max-increase-percent", "-5"],
      "--max-increase-percent must be a number at least 0, got -5"
    ),
    (
      ["gate", "a.json", "b.json", "--max-increase-usd", "-0.5"],
      "--max-increase-usd must be a number at least 0, got -0.5"
    ),
    (
      ["fit", "x.jsonl", "--output", "y.yaml", "--minimum-samples", "-1"],
      "--minimum-samples must be between 1 and 1000000, got -1"
    ),
    (["serve", "x.jsonl", "--speed", "-2"], "--speed must be a positive number, got -2"),
    (["serve", "x.jsonl", "--refuse", "-1"], "--refuse must be an HTTP error status (400...599), not -1"),
    (["serve", "x.jsonl", "--drop-after", "-1"], "--drop-after must not be negative, got -1"),
    (["serve", "x.jsonl", "--port", "-2"], "--port must be 0...65535, not -2"),
    (["proxy", "--port", "-1"], "--port must be 0...65535, not -1"),
    (["proxy", "--recorder-queue", "-1"], "--recorder-queue must be at least 1 MiB, got -1"),
    (["forecast", "--worlds", "-3"], "--worlds must be between 1 and 1000000, got -3"),
    (["forecast", "--jobs", "-2"], "--jobs must be between 1 and 64, got -2"),
    (["plan", "fleet.yaml", "--worlds", "-1"], "--worlds must be between 2 and 10000, got -1"),
    (["plan", "fleet.yaml", "--world-days", "-1"], "--world-days must be between 1 and 366, got -1"),
    (["plan", "fleet.yaml", "--months", "-1"], "--months must be between 1 and 100000, got -1"),
    (["plan", "fleet.yaml", "--jobs", "-1"], "--jobs must be between 1 and 64, got -1"),
    (
      ["breakdown", "--scenario", "s.yaml", "--worlds", "-1"],
      "--worlds must be between 1 and 100000, got -1"
    ),
    (["breakdown", "--scenario", "s.yaml", "--jobs", "-1"], "--jobs must be between 1 and 256, got -1"),
    (
      ["reconcile", "usage.json", "--devices", "-5"],
      "--devices must be between 1 and 100000000, got -5"
    ),
  ])
  func negativeNumbersMeetTheRange(arguments: [String], message: String) async {
    let result = await CommandRunner.run(arguments)
    #expect(result.status == 64)
    #expect(result.stderr.split(separator: "\n").first.map(String.init) == "Error: " + message)
  }

  /// The refusals of the value's parser: ArgumentParser names the option and the value typed, the
  /// parser says what it expected.
  @Test(arguments: [
    (["simulate", "--seed", "-1"], "--seed <seed>", "-1", Self.seed("-1")),
    (["forecast", "--seed", "-1"], "--seed <seed>", "-1", Self.seed("-1")),
    (["plan", "fleet.yaml", "--seed", "-7"], "--seed <seed>", "-7", Self.seed("-7")),
    (["breakdown", "--scenario", "s.yaml", "--seed", "-1"], "--seed <seed>", "-1", Self.seed("-1")),
    (["simulate", "--horizon", "-1d"], "--horizon <duration>", "-1d", Self.duration("-1d")),
    (["forecast", "--horizon", "-2d"], "--horizon <duration>", "-2d", Self.duration("-2d")),
    (
      ["simulate", "--idle-timeout", "-5m"], "--idle-timeout <duration|off>", "-5m",
      "must be a duration such as 30s, 5m, 2h, 7d or 250ms, or off, got '-5m'"
    ),
    (["simulate", "--check-interval", "-1s"], "--check-interval <duration>", "-1s", Self.duration("-1s")),
    (["simulate", "--warn", "-1"], "--warn <usd>", "-1", Self.amount("-1")),
    (["replay", "x.jsonl", "--alert", "-2"], "--alert <usd>", "-2", Self.amount("-2")),
    (["simulate", "--daily-budget", "-5"], "--daily-budget <usd>", "-5", Self.amount("-5")),
    (
      ["forecast", "--idle-timeouts", "-1m"], "--idle-timeouts <list>", "-1m",
      "must be a duration such as 30s, 5m, 2h, 7d or 250ms, or off, got '-1m'"
    ),
    (["forecast", "--check-intervals", "-1s"], "--check-intervals <list>", "-1s", Self.duration("-1s")),
    (["forecast", "--warn", "-1"], "--warn <list>", "-1", Self.amount("-1")),
    (
      ["forecast", "--baseline", "-1m"], "--baseline <timeout>", "-1m",
      "must be a duration such as 30s, 5m, 2h, 7d or 250ms, or off, got '-1m'"
    ),
    (
      ["forecast", "--max-added-wait-p95", "-1s"], "--max-added-wait-p95 <duration>", "-1s",
      Self.duration("-1s")
    ),
    (
      ["forecast", "--max-delayed-turns-per-day", "-1"], "--max-delayed-turns-per-day <count>", "-1",
      "must be a number of at least 0, such as 0.5 or 3, got '-1'"
    ),
    (["forecast", "--shard", "-1/2", "--out", "p.json"], "--shard <i/n>", "-1/2", Self.shard("-1/2")),
    (
      ["plan", "fleet.yaml", "--shard", "-1/2", "--out", "p.json"], "--shard <i/n>", "-1/2",
      Self.shard("-1/2")
    ),
    (
      ["fit", "x.jsonl", "-o", "y.yaml", "--conversation-gap", "-1s"], "--conversation-gap <duration>", "-1s",
      Self.duration("-1s")
    ),
    (
      ["fit", "x.jsonl", "-o", "y.yaml", "--wake-word-window", "-5s"], "--wake-word-window <duration>", "-5s",
      Self.duration("-5s")
    ),
    (["fit", "x.jsonl", "-o", "y.yaml", "--span", "-1d"], "--span <duration>", "-1d", Self.duration("-1d")),
    (["proxy", "--webhook-timeout", "-1s"], "--webhook-timeout <duration>", "-1s", Self.duration("-1s")),
    (["proxy", "--ping-interval", "-20s"], "--ping-interval <duration>", "-20s", Self.duration("-20s")),
    (["proxy", "--close-timeout", "-5s"], "--close-timeout <duration>", "-5s", Self.duration("-5s")),
    (
      ["record", "--call-id", "rtc_1", "--output", "r.jsonl", "--quiet-timeout", "-5m"],
      "--quiet-timeout <duration>",
      "-5m", Self.duration("-5m")
    ),
    (
      ["record", "--call-id", "rtc_1", "--output", "r.jsonl", "--max-duration", "-1h"],
      "--max-duration <duration>",
      "-1h", Self.duration("-1h")
    ),
  ])
  func negativeNumbersMeetTheParser(arguments: [String], option: String, typed: String, message: String)
    async
  {
    let result = await CommandRunner.run(arguments)
    #expect(result.status == 64)
    #expect(
      result.stderr.split(separator: "\n").first.map(String.init)
        == "Error: The value '\(typed)' is invalid for '\(option)': \(message)")
  }

  static func seed(_ typed: String) -> String {
    "must be a whole number from 0 to 18446744073709551615, got '\(typed)'"
  }

  static func duration(_ typed: String) -> String {
    "must be a duration such as 30s, 5m, 2h, 7d or 250ms, got '\(typed)'"
  }

  static func amount(_ typed: String) -> String {
    "must be a dollar amount such as 0.50, $1 or $40,000, or none, got '\(typed)'"
  }

  static func shard(_ typed: String) -> String {
    "must be i/n with 0 <= i < n (0-based, as JOB_COMPLETION_INDEX), got '\(typed)'"
  }
}
