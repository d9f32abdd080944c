/// Exact decimal seconds from microseconds, without floating point.
enum SecondsText {
  /// `format(micros: 1_031_666)` is `"1.031666"`; `format(micros: 500_000)` is `"0.5"`; 0 is `"0"`.
  static func format(micros: Int64) -> String {
    let negative = micros < 0
    let magnitude = micros.magnitude
    let whole = magnitude / 1_000_000
    var fraction = String(magnitude % 1_000_000)
    fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
    while fraction.last == "0" { fraction.removeLast() }
    return (negative ? "-" : "") + String(whole) + (fraction.isEmpty ? "" : "." + fraction)
  }
}
