/// JSON number text as plain decimal digits, so that money written in exponent notation (what
/// Python's `json.dump` writes for small floats: `1.5e-05`) is read exactly, never through a `Double`.
enum StatsNumberText {
  /// The largest exponent expanded; beyond it no stats value is representable anyway.
  static let maxExponent = 64

  /// `text` (JSON number grammar) without an exponent: `1.5e-05` → `0.000015`, `2E+3` → `2000`;
  /// the text unchanged when it has no exponent; nil when the exponent is out of range.
  static func plainDecimal(_ text: String) -> String? {
    guard let marker = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return text }
    guard let exponent = Int(text[text.index(after: marker)...]), abs(exponent) <= maxExponent else {
      return nil
    }
    var mantissa = Substring(text[..<marker])
    let negative = mantissa.first == "-"
    if negative { mantissa = mantissa.dropFirst() }
    let parts = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    let whole = String(parts[0])
    let fraction = parts.count == 2 ? String(parts[1]) : ""
    var digits = whole + fraction
    var point = whole.count + exponent
    if point < 0 {
      digits = String(repeating: "0", count: -point) + digits
      point = 0
    } else if point > digits.count {
      digits += String(repeating: "0", count: point - digits.count)
    }
    var integer = String(digits.prefix(point).drop { $0 == "0" })
    if integer.isEmpty { integer = "0" }
    var decimals = String(digits.dropFirst(point))
    while decimals.last == "0" { decimals.removeLast() }
    return (negative ? "-" : "") + integer + (decimals.isEmpty ? "" : "." + decimals)
  }
}
