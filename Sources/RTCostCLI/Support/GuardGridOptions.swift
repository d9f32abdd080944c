public import ArgumentParser
internal import Billing
internal import Forecast
internal import RealtimeEvents
internal import SessionGuard

/// A policy grid (`forecast`, `plan`): every combination of the listed values, each list written
/// with commas and parsed by the same rules as ``GuardOptions`` and the files.
public struct GuardGridOptions: ParsableArguments {
  @Option(
    name: .customLong("idle-timeouts"), parsing: .unconditional,
    help: ArgumentHelp("Idle timeouts to compare (at least 1s each); off is no timeout.", valueName: "list"),
    transform: { try ListValue.parse($0, IdleTimeoutValue.parse) })
  var idleTimeouts: ListValue<IdleTimeoutValue>?

  @Option(
    name: .customLong("check-intervals"), parsing: .unconditional,
    help: ArgumentHelp("Idle check intervals (default: the scenario's).", valueName: "list"),
    transform: { try ListValue.parse($0, IntervalValue.parse) })
  var checkIntervals: ListValue<IntervalValue>?

  @Option(
    name: .long, help: ArgumentHelp("Activity rules: real, seed, push-to-talk.", valueName: "list"),
    transform: { try ListValue.parse($0, ActivityRule.parse) })
  var activity: ListValue<ActivityRule>?

  @Option(
    name: .long, help: ArgumentHelp("Modes: real, seed (default: the scenario's).", valueName: "list"),
    transform: { try ListValue.parse($0, GuardMode.parse) })
  var mode: ListValue<GuardMode>?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Warning thresholds in USD (session), WINDOW=USD (day=5), or none (default: the scenario's).",
      valueName: "list"),
    transform: { try ListValue.parse($0, ThresholdValue.parse) })
  var warn: ListValue<ThresholdValue>?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp("Alert thresholds, written like --warn (default: the scenario's).", valueName: "list"),
    transform: { try ListValue.parse($0, ThresholdValue.parse) })
  var alert: ListValue<ThresholdValue>?

  @Option(
    name: .customLong("alert-action"),
    help: ArgumentHelp("What an alert does: log, callback, disconnect.", valueName: "list"),
    transform: { try ListValue.parse($0, AlertActionKind.parse) })
  var alertAction: ListValue<AlertActionKind>?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "The baseline's idle timeout (default: off if listed, else the first; other settings: each list's first).",
      valueName: "timeout"),
    transform: IdleTimeoutValue.parse)
  var baseline: IdleTimeoutValue?

  public init() {}

  /// Whether any grid option was given.
  var anyGiven: Bool {
    idleTimeouts != nil || checkIntervals != nil || activity != nil || mode != nil || warn != nil
      || alert != nil || alertAction != nil
  }

  /// The default idle timeouts compared: none, and 1 to 15 minutes.
  static let defaultTimeouts: [Micros?] = [
    nil, .seconds(60), .seconds(120), .seconds(180), .seconds(300), .seconds(600), .seconds(900),
  ]

  /// The grid's axes: each list as given, or else the forecast's default list (every timeout from
  /// off to 15 minutes, both activity rules, both alert actions) when `wide`, or else `defaults`'
  /// own value (the scenario's or a fleet group's policy).
  func axes(defaults: GuardSettings, wide: Bool = true) -> PolicyGrid.Axes {
    func session(_ level: AlertLevel) -> [(window: UsageWindow, amount: Money?)] {
      [(.session, defaults.threshold(level, in: .session))]
    }
    return PolicyGrid.Axes(
      idleTimeouts: idleTimeouts?.items.map(\.micros)
        ?? (wide ? Self.defaultTimeouts : [defaults.idleTimeout]),
      checkIntervals: checkIntervals?.items.map(\.micros) ?? [defaults.checkInterval],
      activities: activity?.items ?? (wide ? [.real, .seed] : [defaults.activity]),
      modes: mode?.items ?? [defaults.mode],
      warnings: warn?.items.map { ($0.window, $0.amount) } ?? session(.warning),
      alerts: alert?.items.map { ($0.window, $0.amount) } ?? session(.alert),
      alertActions: alertAction?.items ?? (wide ? [.log, .disconnect] : [defaults.alertAction]))
  }

  /// The grid over `defaults` (the scenario's policy), duplicates merged.
  func grid(defaults: GuardSettings, wide: Bool = true) throws -> PolicyGrid {
    do {
      let axes = axes(defaults: defaults, wide: wide)
      let defaultBaseline = axes.idleTimeouts.contains(nil) ? nil : axes.idleTimeouts[0]
      return try PolicyGrid(
        axes: axes, base: defaults,
        baselineTimeout: wide ? (baseline.map(\.micros) ?? defaultBaseline) : axes.idleTimeouts[0])
    } catch {
      throw ValidationError("the policy grid: \(error.description)")
    }
  }
}
