public import ArgumentParser
internal import Billing
internal import RealtimeEvents
internal import SessionGuard

/// The guard settings of one run (`replay`, `simulate`): each option overrides the command's
/// defaults (replay: the original design's numbers; simulate: the scenario's `policy:`).
public struct GuardOptions: ParsableArguments {
  @Option(
    name: .customLong("idle-timeout"), parsing: .unconditional,
    help: ArgumentHelp("Idle timeout, at least 1s, or off.", valueName: "duration|off"),
    transform: IdleTimeoutValue.parse)
  var idleTimeout: IdleTimeoutValue?

  @Option(
    name: .customLong("check-interval"), parsing: .unconditional,
    help: ArgumentHelp("How often the idle monitor checks, at least 1s.", valueName: "duration"),
    transform: IntervalValue.parse)
  var checkInterval: IntervalValue?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Which events are activity: real, seed (every event, the original design) or push-to-talk.",
      valueName: "rule"),
    transform: ActivityRule.parse)
  var activity: ActivityRule?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "real components, or seed: the original design reproduced (its monitor, meter and repeating alerts).",
      valueName: "real|seed"),
    transform: GuardMode.parse)
  var mode: GuardMode?

  @Option(
    name: .long, parsing: .unconditionalSingleValue,
    help: ArgumentHelp(
      "Warning threshold in USD on the session (0.50), on a window (day=5, rolling_hour=1, lifetime=100), or none; repeatable.",
      valueName: "usd"),
    transform: ThresholdValue.parse)
  var warn: [ThresholdValue] = []

  @Option(
    name: .long, parsing: .unconditionalSingleValue,
    help: ArgumentHelp("Alert threshold, written like --warn; repeatable.", valueName: "usd"),
    transform: ThresholdValue.parse)
  var alert: [ThresholdValue] = []

  @Option(
    name: .customLong("alert-action"),
    help: ArgumentHelp(
      "What an alert does besides logging: log, callback or disconnect.", valueName: "action"),
    transform: AlertActionKind.parse)
  var alertAction: AlertActionKind?

  @Option(
    name: .customLong("daily-budget"), parsing: .unconditional,
    help: ArgumentHelp("The daily budget of the burn-rate projection, or none.", valueName: "usd"),
    transform: AmountValue.parse)
  var dailyBudget: AmountValue?

  public init() {}

  /// Whether any guard option was given.
  var anyGiven: Bool {
    idleTimeout != nil || checkInterval != nil || activity != nil || mode != nil || !warn.isEmpty
      || !alert.isEmpty || alertAction != nil || dailyBudget != nil
  }

  /// `base` with every given option applied; `--mode seed` without `--activity` takes the seed's
  /// activity rule. Refuses settings that cannot run (an alert below its warning).
  func settings(over base: GuardSettings) throws -> GuardSettings {
    var settings = base
    if let mode {
      settings.mode = mode
      if activity == nil { settings.activity = mode == .seed ? .seed : .real }
    }
    if let activity { settings.activity = activity }
    if let idleTimeout { settings.idleTimeout = idleTimeout.micros }
    if let checkInterval { settings.checkInterval = checkInterval.micros }
    for (level, values) in [(AlertLevel.warning, warn), (.alert, alert)] {
      for value in values { settings.setThreshold(level, in: value.window, to: value.amount) }
    }
    if let alertAction { settings.alertAction = alertAction }
    if let dailyBudget { settings.dailyBudget = dailyBudget.money }
    if let problem = settings.problem { throw ValidationError(problem) }
    return settings
  }
}
