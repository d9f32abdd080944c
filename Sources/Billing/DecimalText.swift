/// Exact conversion between decimal text and scaled integers (no floating point involved).
public enum DecimalText {
  /// Parses `"-12.345"` into `-12345 × 10^(scale−3)`; nil for anything that is not a plain decimal
  /// number, has more than `scale` fractional digits, or does not fit in an Int64.
  public static func scaledInteger(_ text: String, scale: Int) -> Int64? {
    var digits = Substring(text.trimmingSpaces)
    var negative = false
    if digits.first == "-" || digits.first == "+" {
      negative = digits.first == "-"
      digits = digits.dropFirst()
    }
    let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    guard let whole = parts.first, !(whole.isEmpty && (parts.count < 2 || parts[1].isEmpty)) else {
      return nil
    }
    let fraction = parts.count == 2 ? parts[1] : ""
    guard fraction.count <= scale,
      whole.allSatisfy({ $0.isASCII && $0.isNumber }),
      fraction.allSatisfy({ $0.isASCII && $0.isNumber })
    else { return nil }
    var value: Int64 = 0
    for character in whole + fraction + String(repeating: "0", count: scale - fraction.count) {
      let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
      let (added, overflow2) = shifted.addingReportingOverflow(Int64(character.wholeNumberValue!))
      if overflow1 || overflow2 { return nil }
      value = added
    }
    return negative ? -value : value
  }

  /// Formats `value × 10^−scale` as decimal text; trailing fractional zeros are dropped unless
  /// `keepTrailingZeros` is set.
  public static func format(_ value: Int64, scale: Int, keepTrailingZeros: Bool = false) -> String {
    format(Int128(value), scale: scale, keepTrailingZeros: keepTrailingZeros)
  }

  /// ``format(_:scale:keepTrailingZeros:)`` for sums wider than Int64.
  public static func format(_ value: Int128, scale: Int, keepTrailingZeros: Bool = false) -> String {
    let negative = value < 0
    var digits = String(value.magnitude)
    if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
    let split = digits.index(digits.endIndex, offsetBy: -scale)
    let whole = digits[..<split]
    var fraction = Substring(digits[split...])
    if !keepTrailingZeros {
      while fraction.last == "0" { fraction = fraction.dropLast() }
    }
    let body = fraction.isEmpty ? String(whole) : "\(whole).\(fraction)"
    return negative ? "-" + body : body
  }
}

extension String {
  var trimmingSpaces: Substring {
    var view = Substring(self)
    while let first = view.first, first == " " || first == "\t" { view = view.dropFirst() }
    while let last = view.last, last == " " || last == "\t" { view = view.dropLast() }
    return view
  }
}
