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

  /// The longest duration rtcost reads: 100 days. A longer one is refused as too long, not as
  /// malformed (``read(_:)``), so no count derived from a duration nears the Int64 range.
  public static let maximum: Micros = 100 * 86_400_000_000

  /// What a duration's text holds.
  public enum Reading: Equatable, Sendable {
    /// A duration within ``DurationText/maximum``, in microseconds.
    case duration(Micros)
    /// A well-formed duration longer than ``DurationText/maximum``.
    case tooLong
    /// Not a duration.
    case malformed
  }

  /// Parses `<integer or decimal><unit>` with units `us`, `ms`, `s`, `m`, `h`, `d` exactly (no
  /// floating point; at most 6 decimals); nil otherwise, and for a duration longer than
  /// ``maximum`` (``read(_:)`` tells the two apart).
  public static func parse(_ text: String) -> Micros? {
    if case .duration(let micros) = read(text) { return micros }
    return nil
  }

  /// Reads `text` as ``parse(_:)`` does, telling a duration past ``maximum`` from malformed text.
  public static func read(_ text: String) -> Reading {
    let units: [(String, Int64)] = [
      ("us", 1), ("ms", 1_000), ("s", 1_000_000), ("m", 60_000_000), ("h", 3_600_000_000),
      ("d", 86_400_000_000),
    ]
    for (suffix, scale) in units.sorted(by: { $0.0.count > $1.0.count }) where text.hasSuffix(suffix) {
      let number = String(text.dropLast(suffix.count))
      guard !number.isEmpty else { return .malformed }
      guard let scaled = DecimalText.scaledInteger(number, scale: 6) else {
        return isUnsignedDecimal(number) ? .tooLong : .malformed
      }
      guard scaled >= 0 else { return .malformed }
      // maximum × 10^6 fits in Int64, so the product below cannot overflow.
      guard scaled <= maximum * 1_000_000 / scale else { return .tooLong }
      let product = scaled * scale
      guard product % 1_000_000 == 0 else { return .malformed }
      return .duration(product / 1_000_000)
    }
    return .malformed
  }

  /// Digits with at most one point and 6 decimals (`123`, `1.5`): a number too large for Int64 is
  /// a duration too long, not malformed text.
  private static func isUnsignedDecimal(_ text: String) -> Bool {
    let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy({ $0.isASCII && $0.isNumber }) else {
      return false
    }
    return parts.count == 1 || (parts[1].count <= 6 && parts[1].allSatisfy({ $0.isASCII && $0.isNumber }))
  }
}
