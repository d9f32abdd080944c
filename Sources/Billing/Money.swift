/// An exact amount of US dollars, stored as whole pico-dollars (10⁻¹² USD).
///
/// Every price in the bundled price book is a whole number of pico-dollars per token
/// ($0.40 per 1M tokens is 400,000 pico-dollars per token), so sums of token costs are exact.
/// Conversion to decimal text happens only at the edges (`decimalText`, `rounded(toDecimals:)`).
///
/// The range is ±$9,223,372 (Int64 pico-dollars). Pricing one usage block checks it
/// (`PriceCard.cost(of:)` throws `UsageError.overflow`). The operators `+`, `-` and ``times(_:)``
/// trap past the range like Int64 arithmetic, so they are for amounts already known to be small
/// (one block's categories, prices); sums of amounts from input use ``adding(_:)`` (checked) or
/// ``MoneySum`` (128 bits, never traps).
public struct Money: Hashable, Comparable, Sendable, AdditiveArithmetic, CustomStringConvertible {
  /// The amount in pico-dollars.
  public var picoUSD: Int64

  /// Pico-dollars in one dollar.
  public static let picoPerUSD: Int64 = 1_000_000_000_000

  public static let zero = Money(picoUSD: 0)

  /// Creates an amount from pico-dollars.
  public init(picoUSD: Int64) { self.picoUSD = picoUSD }

  /// Parses decimal dollars such as `"0.50"` or `"12"` exactly; nil when the text is not a
  /// decimal number or has more than 12 fractional digits.
  public init?(usd text: String) {
    guard let pico = DecimalText.scaledInteger(text, scale: 12) else { return nil }
    self.picoUSD = pico
  }

  /// Traps past the money range; see ``adding(_:)`` for amounts that come from input.
  public static func + (lhs: Money, rhs: Money) -> Money { Money(picoUSD: lhs.picoUSD + rhs.picoUSD) }
  /// Traps past the money range; see ``subtracting(_:)`` for amounts that come from input.
  public static func - (lhs: Money, rhs: Money) -> Money { Money(picoUSD: lhs.picoUSD - rhs.picoUSD) }
  public static func < (lhs: Money, rhs: Money) -> Bool { lhs.picoUSD < rhs.picoUSD }

  /// The cost of `count` units at `self` per unit. Traps past the money range; see
  /// ``multiplied(by:)``.
  public func times(_ count: Int64) -> Money { Money(picoUSD: picoUSD * count) }

  /// `self + other`, or ``MoneyError/outOfRange(picoUSD:)`` (with the exact sum) past the range.
  public func adding(_ other: Money) throws(MoneyError) -> Money {
    let (sum, overflow) = picoUSD.addingReportingOverflow(other.picoUSD)
    guard !overflow else { throw .outOfRange(picoUSD: Int128(picoUSD) + Int128(other.picoUSD)) }
    return Money(picoUSD: sum)
  }

  /// `self − other`, or ``MoneyError/outOfRange(picoUSD:)`` past the range.
  public func subtracting(_ other: Money) throws(MoneyError) -> Money {
    let (difference, overflow) = picoUSD.subtractingReportingOverflow(other.picoUSD)
    guard !overflow else { throw .outOfRange(picoUSD: Int128(picoUSD) - Int128(other.picoUSD)) }
    return Money(picoUSD: difference)
  }

  /// `count` units at `self` per unit, or ``MoneyError/outOfRange(picoUSD:)`` past the range.
  public func multiplied(by count: Int64) throws(MoneyError) -> Money {
    let (product, overflow) = picoUSD.multipliedReportingOverflow(by: count)
    guard !overflow else { throw .outOfRange(picoUSD: Int128(picoUSD) * Int128(count)) }
    return Money(picoUSD: product)
  }

  /// The exact amount as decimal dollars with trailing zeros removed (`"0.0123"`, `"2"`).
  public var decimalText: String { DecimalText.format(picoUSD, scale: 12) }

  /// The amount rounded half away from zero to `decimals` places, as fixed decimal text
  /// (`rounded(toDecimals: 4)` of $0.012345 is `"0.0123"`). For tables meant for people.
  public func rounded(toDecimals decimals: Int) -> String {
    precondition((0...12).contains(decimals))
    var divisor: Int64 = 1
    for _ in 0..<(12 - decimals) { divisor *= 10 }
    let half = divisor / 2
    let magnitude = picoUSD.magnitude
    let roundedUnits = (Int64(magnitude) + half) / divisor
    let signed = picoUSD < 0 && roundedUnits != 0 ? -roundedUnits : roundedUnits
    return DecimalText.format(signed, scale: decimals, keepTrailingZeros: true)
  }

  /// The amount in dollars as a `Double`, for charts and statistics only; never sum these.
  public var approximateUSD: Double { Double(picoUSD) / Double(Money.picoPerUSD) }

  public var description: String { "$" + decimalText }
}

/// Why an exact amount could not be produced.
public enum MoneyError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The exact result (in pico-dollars) lies outside ±$9,223,372, the range of ``Money``.
  case outOfRange(picoUSD: Int128)
  /// A 128-bit sum overflowed (beyond about $1.7 × 10²⁶): no plausible input gets here.
  case sumOverflow

  public var description: String {
    switch self {
    case .outOfRange(let pico):
      "$\(DecimalText.format(pico, scale: 12)) is outside rtcost's exact money range per amount "
        + "(±$9,223,372.036854775807): sum it with MoneySum or split the period"
    case .sumOverflow: "a money sum exceeded 128 bits: the input is not plausible"
    }
  }
}
