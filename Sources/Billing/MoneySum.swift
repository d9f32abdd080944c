/// An exact sum of many amounts in 128-bit pico-dollars, for totals across responses, sessions,
/// days or fleets. Adding never traps: Int128 holds 2⁶⁴ maximal ``Money`` amounts, and a sum that
/// overflows even that is remembered and reported by ``money()`` as ``MoneyError/sumOverflow``.
///
/// - Complexity: O(1) per addition, no allocation.
public struct MoneySum: Sendable, Hashable, CustomStringConvertible {
  /// The exact total in pico-dollars (meaningless once ``isOverflowed``).
  public private(set) var picoUSD: Int128
  /// Whether the sum left the 128-bit range; it then stays overflowed.
  public private(set) var isOverflowed: Bool

  public static let zero = MoneySum()

  public init() {
    picoUSD = 0
    isOverflowed = false
  }

  /// A sum holding one amount.
  public init(_ money: Money) {
    picoUSD = Int128(money.picoUSD)
    isOverflowed = false
  }

  /// Adds one amount.
  public mutating func add(_ money: Money) { add(pico: Int128(money.picoUSD)) }

  /// Adds every category of `costs`.
  public mutating func add(_ costs: CategoryCosts) {
    for category in TokenCategory.allCases { add(costs[category]) }
  }

  /// Adds another sum (merging partial totals, such as shards).
  public mutating func add(_ other: MoneySum) {
    if other.isOverflowed { isOverflowed = true }
    add(pico: other.picoUSD)
  }

  private mutating func add(pico: Int128) {
    guard !isOverflowed else { return }
    let (sum, overflow) = picoUSD.addingReportingOverflow(pico)
    if overflow { isOverflowed = true } else { picoUSD = sum }
  }

  /// The total as ``Money``; ``MoneyError/outOfRange(picoUSD:)`` (with the exact total) when it
  /// does not fit Int64 pico-dollars, ``MoneyError/sumOverflow`` when it overflowed.
  public func money() throws(MoneyError) -> Money {
    guard !isOverflowed else { throw .sumOverflow }
    guard let pico = Int64(exactly: picoUSD) else { throw .outOfRange(picoUSD: picoUSD) }
    return Money(picoUSD: pico)
  }

  /// The exact total as decimal dollars (`"15000000"`), whatever its size.
  public var decimalText: String { isOverflowed ? "overflow" : DecimalText.format(picoUSD, scale: 12) }

  public var description: String { isOverflowed ? "overflowed sum" : "$" + decimalText }
}

/// Exact 128-bit sums per billing category.
public typealias CategoryCostSums = PerCategory<MoneySum>

extension PerCategory where Value == MoneySum {
  /// All sums zero.
  public static var zero: CategoryCostSums { CategoryCostSums(repeating: MoneySum()) }

  /// Adds one block's costs, category by category.
  public mutating func add(_ costs: CategoryCosts) {
    for category in TokenCategory.allCases { self[category].add(costs[category]) }
  }

  /// The sum over every category.
  public var total: MoneySum {
    var sum = MoneySum()
    for category in TokenCategory.allCases { sum.add(self[category]) }
    return sum
  }
}
