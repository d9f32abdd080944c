public import Billing
public import RealtimeEvents

/// One policy of a forecast grid: idle-timeout and alert settings to run every world under.
public struct PolicyPoint: Sendable, Hashable, Codable {
  /// Which events count as activity for the idle monitor.
  public enum Activity: String, Sendable, Hashable, Codable, CaseIterable {
    /// The real classifier: speech, responses, function calls, user commands.
    case real
    /// The original design: every event, every audio append included.
    case seed
  }

  /// What the alert policy does when the alert threshold is crossed.
  public enum AlertAction: String, Sendable, Hashable, Codable, CaseIterable {
    case log, disconnect
  }

  /// Idle time after which the session is closed; nil means no idle timeout.
  public var idleTimeout: Micros?
  /// How often the idle monitor checks.
  public var checkInterval: Micros
  public var activity: Activity
  /// Session-window warning threshold in pico-dollars; nil means none.
  public var warnPico: Int64?
  /// Session-window alert threshold in pico-dollars; nil means none.
  public var alertPico: Int64?
  public var alertAction: AlertAction

  public init(
    idleTimeout: Micros?, checkInterval: Micros, activity: Activity, warn: Money?, alert: Money?,
    alertAction: AlertAction
  ) {
    self.idleTimeout = idleTimeout
    self.checkInterval = checkInterval
    self.activity = activity
    self.warnPico = warn?.picoUSD
    self.alertPico = alert?.picoUSD
    self.alertAction = alertAction
  }

  public var warn: Money? { warnPico.map(Money.init(picoUSD:)) }
  public var alert: Money? { alertPico.map(Money.init(picoUSD:)) }

  /// A short stable name such as `timeout=5m check=30s activity=real warn=$0.5 alert=$1 action=log`.
  public var label: String {
    var parts = ["timeout=" + (idleTimeout.map(DurationText.format) ?? "off")]
    if idleTimeout != nil { parts.append("check=" + DurationText.format(checkInterval)) }
    parts.append("activity=\(activity.rawValue)")
    if let warn { parts.append("warn=$" + warn.decimalText) }
    if let alert { parts.append("alert=$" + alert.decimalText) }
    if alert != nil { parts.append("action=\(alertAction.rawValue)") }
    return parts.joined(separator: " ")
  }
}
