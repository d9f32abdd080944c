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

/// Formats and parses durations such as `250ms`, `30s`, `5m`, `2h`, `7d`.
public enum DurationText {
  /// The shortest exact form: `300_000_000` µs is `5m`, `90_000_000` is `90s`.
  public static func format(_ micros: Micros) -> String {
    let units: [(Int64, String)] = [
      (86_400_000_000, "d"), (3_600_000_000, "h"), (60_000_000, "m"), (1_000_000, "s"), (1_000, "ms"),
    ]
    for (size, suffix) in units where micros != 0 && micros % size == 0 {
      return "\(micros / size)\(suffix)"
    }
    return micros == 0 ? "0s" : "\(micros)us"
  }

  /// Parses `<integer or decimal><unit>` with units `us`, `ms`, `s`, `m`, `h`, `d`; nil otherwise.
  public static func parse(_ text: String) -> Micros? {
    let units: [(String, Int64)] = [
      ("us", 1), ("ms", 1_000), ("s", 1_000_000), ("m", 60_000_000), ("h", 3_600_000_000),
      ("d", 86_400_000_000),
    ]
    for (suffix, scale) in units.sorted(by: { $0.0.count > $1.0.count }) where text.hasSuffix(suffix) {
      let number = String(text.dropLast(suffix.count))
      guard !number.isEmpty, let scaled = DecimalText.scaledInteger(number, scale: 6), scaled >= 0 else {
        return nil
      }
      let (product, overflow) = scaled.multipliedReportingOverflow(by: scale)
      guard !overflow, product % 1_000_000 == 0 else { return nil }
      return product / 1_000_000
    }
    return nil
  }
}
