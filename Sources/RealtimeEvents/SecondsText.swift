import Billing

/// Exact decimal seconds from microseconds, without floating point: the one way rtcost writes a
/// time in seconds (`62300000` µs is `"62.3"`, `500000` is `"0.5"`, 0 is `"0"`).
public enum SecondsText {
  public static func format(micros: Micros) -> String { DecimalText.format(micros, scale: 6) }
}
