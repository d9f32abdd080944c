public import SessionGuard

/// Reads a `policy:` mapping of a scenario or fleet file into ``SessionGuard/GuardSettings``, with
/// the same rules as the command line (``SessionGuard/GuardSettingText``).
///
/// ```yaml
/// policy:
///   idle_timeout: 5m          # or off
///   check_interval: 30s
///   activity: real            # real, seed, push-to-talk
///   mode: real                # real components, or seed: the original design with its defects
///   warn: 0.50                # the session window; or per window: {session: 0.5, day: 5}
///   alert: {session: 1, day: 10}
///   alert_action: log         # log, callback, disconnect
///   daily_budget: $20         # the burn-rate projection's budget
/// ```
public enum GuardSettingsYAML {
  /// The keys a `policy:` mapping may hold.
  public static let keys = [
    "idle_timeout", "check_interval", "activity", "mode", "warn", "alert", "alert_action", "daily_budget",
  ]

  /// The settings in `cursor` (a mapping), starting from the defaults (no timeout, no thresholds).
  public static func read(_ cursor: YAMLCursor) throws(ScenarioError) -> GuardSettings {
    let map = try cursor.mapping(allowed: keys)
    func value<T>(_ key: String, _ parse: (String) throws(GuardSettingError) -> T) throws(ScenarioError) -> T?
    {
      guard let node = map[key] else { return nil }
      let text = try node.scalarText("a value")
      do {
        return try parse(text)
      } catch {
        throw node.error(error.message)
      }
    }
    let mode = try value("mode", GuardSettingText.mode) ?? .real
    var settings = GuardSettings(mode: mode, activity: try value("activity", GuardSettingText.activity))
    if let timeout = try value(
      "idle_timeout",
      { text throws(GuardSettingError) in
        try GuardSettingText.durationOrOff(text, minimum: GuardSettings.minimumIdleTimeout)
      })
    {
      settings.idleTimeout = timeout
    }
    if let interval = try value(
      "check_interval",
      { text throws(GuardSettingError) in
        try GuardSettingText.duration(text, minimum: GuardSettings.minimumCheckInterval)
      })
    {
      settings.checkInterval = interval
    }
    for (key, level) in [("warn", AlertLevel.warning), ("alert", .alert)] {
      guard let node = map[key] else { continue }
      for (window, amountNode) in try thresholds(node) {
        let text = try amountNode.scalarText("a dollar amount")
        do {
          // A scalar is written as on the command line: `0.50` (the session) or `day=5`.
          let (parsedWindow, amount) =
            window == nil
            ? try GuardSettingText.threshold(text) : (window!, try GuardSettingText.amountOrNone(text))
          settings.setThreshold(level, in: parsedWindow, to: amount)
        } catch {
          throw amountNode.error(error.message)
        }
      }
    }
    if let action = try value("alert_action", GuardSettingText.alertAction) { settings.alertAction = action }
    if let budget = try value("daily_budget", GuardSettingText.amountOrNone) { settings.dailyBudget = budget }
    if let problem = settings.problem { throw (map["alert"] ?? cursor).error(problem) }
    return settings
  }

  /// A threshold value: a scalar (its window, if any, written in it) or a mapping from window to
  /// amount.
  private static func thresholds(_ node: YAMLCursor) throws(ScenarioError) -> [(UsageWindow?, YAMLCursor)] {
    guard case .mapping = node.node else { return [(nil, node)] }
    let map = try node.mapping(allowed: UsageWindow.allCases.map(\.rawValue))
    return map.pairs.compactMap { pair in UsageWindow(rawValue: pair.key).map { ($0, pair.value) } }
  }
}
