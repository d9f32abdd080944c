import Billing

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

  /// Parses `<integer or decimal><unit>` with units `us`, `ms`, `s`, `m`, `h`, `d` exactly (no
  /// floating point; at most 6 decimals); nil otherwise.
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
