public import ArgumentParser
internal import Billing
internal import Forecast
internal import RealtimeEvents
internal import Simulation

/// The policy grid of `forecast` and `plan`: every combination of the listed values.
public struct PolicyGridOptions: ParsableArguments {
  @Option(
    name: .customLong("idle-timeouts"),
    help: ArgumentHelp("Idle timeouts to compare; `off` is no timeout.", valueName: "list"))
  var idleTimeouts = "off,60s,120s,180s,300s,600s,900s"

  @Option(
    name: .customLong("check-intervals"),
    help: ArgumentHelp("Idle check intervals (default: the scenario's).", valueName: "list"))
  var checkIntervals: String?

  @Option(name: .long, help: ArgumentHelp("Activity classifiers: real, seed.", valueName: "list"))
  var activity = "real,seed"

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Session warning thresholds in USD, or none (default: the scenario's).", valueName: "list"))
  var warn: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Session alert thresholds in USD, or none (default: the scenario's).", valueName: "list"))
  var alert: String?

  @Option(
    name: .customLong("alert-action"),
    help: ArgumentHelp("What an alert does: log, disconnect.", valueName: "list"))
  var alertAction = "log,disconnect"

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The baseline's idle timeout (the other settings are each list's first value).", valueName: "timeout"))
  var baseline = "off"

  public init() {}

  /// The grid for `scenario`, duplicates removed (with no timeout, activity and check interval do
  /// not matter; with no alert threshold, the alert action does not), and the baseline's index.
  func grid(defaults: PolicySettings) throws -> (policies: [PolicyPoint], baseline: Int) {
    let timeouts = try list(idleTimeouts, "--idle-timeouts") { text -> Micros?? in
      if text == "off" { return .some(nil) }
      guard let micros = DurationText.parse(text), micros > 0 else { return nil }
      return .some(micros)
    }
    let checks = try list(checkIntervals ?? DurationText.format(defaults.checkInterval), "--check-intervals")
    {
      DurationText.parse($0).flatMap { $0 > 0 ? $0 : nil }
    }
    let activities = try list(activity, "--activity") { PolicyPoint.Activity(rawValue: $0) }
    let warns = try list(warn ?? defaults.warn.map(\.decimalText) ?? "none", "--warn", parseMoney)
    let alerts = try list(alert ?? defaults.alert.map(\.decimalText) ?? "none", "--alert", parseMoney)
    let actions = try list(alertAction, "--alert-action") { PolicyPoint.AlertAction(rawValue: $0) }
    var policies: [PolicyPoint] = []
    for timeout in timeouts {
      for check in checks {
        for activity in activities {
          for warn in warns {
            for alert in alerts {
              for action in actions {
                let policy = PolicyPoint(
                  idleTimeout: timeout, checkInterval: timeout == nil ? checks[0] : check,
                  activity: timeout == nil ? activities[0] : activity, warn: warn, alert: alert,
                  alertAction: alert == nil ? actions[0] : action)
                if !policies.contains(policy) { policies.append(policy) }
              }
            }
          }
        }
      }
    }
    let baselineTimeout: Micros?? = baseline == "off" ? .some(nil) : DurationText.parse(baseline).map { $0 }
    guard let baselineTimeout else { throw CLIError("--baseline: '\(baseline)' is not a duration or off") }
    guard
      let index = policies.firstIndex(where: {
        $0.idleTimeout == baselineTimeout && $0.activity == activities[0] && $0.warn == warns[0]
          && $0.alert == alerts[0] && $0.alertAction == actions[0]
      }) ?? policies.firstIndex(where: { $0.idleTimeout == baselineTimeout })
    else {
      throw CLIError("--baseline \(baseline) is not one of --idle-timeouts \(idleTimeouts)")
    }
    return (policies, index)
  }

  private func parseMoney(_ text: String) -> Money?? {
    if text == "none" { return .some(nil) }
    let trimmed = text.hasPrefix("$") ? String(text.dropFirst()) : text
    guard let money = Money(usd: trimmed), money > .zero else { return nil }
    return .some(money)
  }

  private func list<T>(_ text: String, _ option: String, _ parse: (String) -> T?) throws -> [T] {
    let items = text.split(separator: ",").map { String($0).trimmingSpacesAndTabs }
    guard !items.isEmpty else { throw CLIError("\(option): give at least one value") }
    return try items.map { item in
      guard let value = parse(item) else { throw CLIError("\(option): '\(item)' is not a valid value") }
      return value
    }
  }
}

extension String {
  var trimmingSpacesAndTabs: String {
    var copy = Substring(self)
    while copy.first == " " || copy.first == "\t" { copy = copy.dropFirst() }
    while copy.last == " " || copy.last == "\t" { copy = copy.dropLast() }
    return String(copy)
  }
}
