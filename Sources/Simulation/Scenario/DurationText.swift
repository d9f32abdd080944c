import Foundation

/// Parses durations written as a number and a unit: `250ms`, `30s`, `5m`, `2h`, `7d`, `1.5s`.
enum DurationText {
  /// Microseconds per unit, longest suffix first so that `ms` is not read as `m`.
  static let units: [(suffix: String, micros: Double)] = [
    ("ms", 1_000), ("s", 1_000_000), ("m", 60_000_000), ("h", 3_600_000_000), ("d", 86_400_000_000),
  ]

  /// The duration in whole microseconds (rounded to nearest), or nil when `text` is not a
  /// non-negative number followed by one of the units.
  static func micros(_ text: String) -> Int64? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    for unit in units where trimmed.hasSuffix(unit.suffix) {
      let number = trimmed.dropLast(unit.suffix.count)
      guard !number.isEmpty, number.allSatisfy({ $0.isNumber || $0 == "." }),
        let value = Double(number), value.isFinite, value >= 0
      else { return nil }
      let micros = (value * unit.micros).rounded()
      guard micros < 9.0e18 else { return nil }
      return Int64(micros)
    }
    return nil
  }

  /// `micros` as the shortest exact text with one unit (`300000000` → `5m`), for messages.
  static func format(_ micros: Int64) -> String {
    for unit in units.reversed() where micros != 0 && micros % Int64(unit.micros) == 0 {
      return "\(micros / Int64(unit.micros))\(unit.suffix)"
    }
    return micros % 1_000 == 0 ? "\(micros / 1_000)ms" : "\(micros)us"
  }
}
