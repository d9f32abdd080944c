public import RealtimeEvents

extension GuardSettings {
  /// The settings as one line for reports:
  /// `idle 5m / check 30s, real, warn $0.5, alert $1 (log)`.
  ///
  /// A threshold on another window than the session names it (`alert day $10`); an activity rule
  /// other than the mode's own is named after the mode (`real, activity seed`).
  public var summary: String {
    let idle = idleTimeout.map {
      "idle \(DurationText.format($0)) / check \(DurationText.format(checkInterval))"
    }
    var mode = self.mode == .real ? "real" : "seed-compatible"
    if activity != (self.mode == .seed ? .seed : .real) { mode += ", activity \(activity.name)" }
    var parts = [idle ?? "idle off", mode]
    parts.append(thresholdText(.warning, prefix: "warn"))
    parts.append(thresholdText(.alert, prefix: "alert") + " (\(alertAction.rawValue))")
    if let dailyBudget { parts.append("daily budget \(dailyBudget)") }
    return parts.joined(separator: ", ")
  }

  private func thresholdText(_ level: AlertLevel, prefix: String) -> String {
    let matching = thresholds.filter { $0.level == level }
    guard !matching.isEmpty else { return "\(prefix) none" }
    return matching.map { threshold in
      threshold.window == .session
        ? "\(prefix) \(threshold.amount)" : "\(prefix) \(threshold.window.rawValue) \(threshold.amount)"
    }.joined(separator: ", ")
  }

  /// A short stable name for grids, such as
  /// `timeout=5m check=30s activity=real warn=$0.5 alert=$1 action=log`.
  ///
  /// The check interval appears only with a timeout and the action only with an alert, because
  /// they change nothing otherwise; `mode=seed` appears only in seed mode.
  public var gridLabel: String {
    var parts = ["timeout=" + (idleTimeout.map(DurationText.format) ?? "off")]
    if idleTimeout != nil { parts.append("check=" + DurationText.format(checkInterval)) }
    parts.append("activity=\(activity.name)")
    if mode == .seed { parts.append("mode=seed") }
    for threshold in thresholds {
      let key = threshold.level == .warning ? "warn" : "alert"
      let window = threshold.window == .session ? "" : "\(threshold.window.rawValue):"
      parts.append("\(key)=\(window)$\(threshold.amount.decimalText)")
    }
    if thresholds.contains(where: { $0.level == .alert }) { parts.append("action=\(alertAction.rawValue)") }
    if let dailyBudget { parts.append("budget=$\(dailyBudget.decimalText)") }
    return parts.joined(separator: " ")
  }
}
