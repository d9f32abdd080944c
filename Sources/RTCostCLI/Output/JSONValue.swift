internal import RealtimeEvents

/// A JSON document with object keys in insertion order, written byte-for-byte deterministically.
///
/// Reports are built as `JSONValue`s rather than through `JSONEncoder` so that key order is the
/// report's order (never dictionary order) and money is written as exact decimal numbers.
public indirect enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  /// A number written verbatim: pass exact decimal text such as `Money.decimalText`.
  case number(String)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.rendered() == rhs.rendered() }

  /// An integer.
  public static func int<T: BinaryInteger>(_ value: T) -> JSONValue { .number(String(value)) }

  /// A double with a fixed number of decimals (statistics, not money).
  public static func double(_ value: Double, decimals: Int = 6) -> JSONValue {
    guard value.isFinite else { return .null }
    return .number(FixedDecimal.format(value, decimals: decimals))
  }

  /// The document as text: two-space indentation, `\n` line ends, a trailing newline when `pretty`.
  public func rendered(pretty: Bool = true) -> String {
    var out = ""
    write(to: &out, indent: 0, pretty: pretty)
    if pretty { out += "\n" }
    return out
  }

  private func write(to out: inout String, indent: Int, pretty: Bool) {
    let pad = pretty ? String(repeating: "  ", count: indent + 1) : ""
    let closePad = pretty ? String(repeating: "  ", count: indent) : ""
    let newline = pretty ? "\n" : ""
    switch self {
    case .null: out += "null"
    case .bool(let value): out += value ? "true" : "false"
    case .number(let text): out += text
    case .string(let text): JSONValue.writeString(text, to: &out)
    case .array(let items):
      if items.isEmpty {
        out += "[]"
        return
      }
      out += "[" + newline
      for (index, item) in items.enumerated() {
        out += pad
        item.write(to: &out, indent: indent + 1, pretty: pretty)
        out += (index < items.count - 1 ? "," : "") + newline
      }
      out += closePad + "]"
    case .object(let members):
      if members.isEmpty {
        out += "{}"
        return
      }
      out += "{" + newline
      for (index, (key, value)) in members.enumerated() {
        out += pad
        JSONValue.writeString(key, to: &out)
        out += pretty ? ": " : ":"
        value.write(to: &out, indent: indent + 1, pretty: pretty)
        out += (index < members.count - 1 ? "," : "") + newline
      }
      out += closePad + "}"
    }
  }

  private static func writeString(_ text: String, to out: inout String) { out += JSONString.quoted(text) }
}

/// Formats doubles with a fixed number of decimals without Foundation's locale-dependent formatting.
public enum FixedDecimal {
  /// `format(1.23456, decimals: 2)` is `"1.23"`; rounds half away from zero; `-0` prints as `0`.
  public static func format(_ value: Double, decimals: Int) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
    guard scaled < 9.0e18 else { return String(value) }
    let units = Int64(scaled)
    let negative = value < 0 && units != 0
    var digits = String(units)
    if decimals > 0 {
      if digits.count <= decimals {
        digits = String(repeating: "0", count: decimals - digits.count + 1) + digits
      }
      digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
    }
    return negative ? "-" + digits : digits
  }
}
