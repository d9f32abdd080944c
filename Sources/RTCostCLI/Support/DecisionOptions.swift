public import ArgumentParser
internal import Forecast
internal import RealtimeEvents
internal import SessionGuard

/// The limits a forecast's recommendation must keep (`--max-…`), shared by `forecast` and `merge`.
public struct DecisionOptions: ParsableArguments {
  @Option(
    name: .customLong("max-added-wait-p95"), parsing: .unconditional,
    help: ArgumentHelp(
      "Largest p95 wait a reconnect may add to a delayed turn, e.g. 2s (all delayed turns pooled).",
      valueName: "duration"),
    transform: { try LimitValue.seconds($0) })
  var maxAddedWaitP95: Micros?

  @Option(
    name: .customLong("max-added-wait-per-day"), parsing: .unconditional,
    help: ArgumentHelp(
      "Largest total wait reconnects may add per device-day, e.g. 30s (high end of its 95% interval).",
      valueName: "duration"),
    transform: { try LimitValue.seconds($0) })
  var maxAddedWaitPerDay: Micros?

  @Option(
    name: .customLong("max-delayed-turns-per-day"), parsing: .unconditional,
    help: ArgumentHelp(
      "Most turns per device-day that may wait for a reconnect (high end of its 95% interval).",
      valueName: "count"),
    transform: LimitValue.count)
  var maxDelayedTurnsPerDay: Double?

  @Option(
    name: .customLong("max-memory-lost-per-day"), parsing: .unconditional,
    help: ArgumentHelp(
      "Most conversations per device-day that may lose their earlier turns to a disconnect "
        + "(high end of its 95% interval).",
      valueName: "count"),
    transform: LimitValue.count)
  var maxMemoryLostPerDay: Double?

  public init() {}

  /// The limits given.
  var limits: DecisionLimits {
    DecisionLimits(
      addedWaitP95: maxAddedWaitP95, addedWaitPerDay: maxAddedWaitPerDay,
      delayedTurnsPerDay: maxDelayedTurnsPerDay, memoryLostPerDay: maxMemoryLostPerDay)
  }
}

/// Parsers of limit values.
enum LimitValue {
  /// A duration of at least 0 (`0s`, `1500ms`, `2s`).
  static func seconds(_ text: String) throws -> Micros {
    try GuardSettingText.duration(text, minimum: 0)
  }

  /// A finite count of at least 0 (`0`, `0.5`, `3`); the refusal leaves the option's name to
  /// ArgumentParser, which puts it first.
  static func count(_ text: String) throws -> Double {
    guard let value = Double(text), value.isFinite, value >= 0, !text.contains(where: \.isLetter) else {
      throw GuardSettingError("must be a number of at least 0, such as 0.5 or 3, got '\(text)'")
    }
    return value
  }
}
