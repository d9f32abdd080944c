extension Money {
  /// The largest amount (about $9.2M).
  public static let max = Money(picoUSD: .max)
  /// The most negative amount.
  public static let min = Money(picoUSD: .min)

  /// `self + other`, held at the end of the money range when the exact sum leaves it, with
  /// `overflow` saying so: for running totals that must never trap and must report when they could
  /// not stay exact.
  public func addingSaturated(_ other: Money) -> (sum: Money, overflow: Bool) {
    let (sum, overflow) = picoUSD.addingReportingOverflow(other.picoUSD)
    guard overflow else { return (Money(picoUSD: sum), false) }
    return (other.picoUSD > 0 ? .max : .min, true)
  }
}

extension PerCategory where Value == Money {
  /// Adds `other` category by category, each sum held at the money range's end when it leaves it;
  /// false when any did.
  public mutating func addSaturated(_ other: CategoryCosts) -> Bool {
    var exact = true
    for category in TokenCategory.allCases {
      let (sum, overflow) = self[category].addingSaturated(other[category])
      self[category] = sum
      if overflow { exact = false }
    }
    return exact
  }

  /// The sum over every category, held at the money range's end (with `overflow`) when it leaves it.
  public var saturatedTotal: (total: Money, overflow: Bool) {
    var total = Money.zero
    var overflowed = false
    for category in TokenCategory.allCases {
      let (sum, overflow) = total.addingSaturated(self[category])
      total = sum
      overflowed = overflowed || overflow
    }
    return (total, overflowed)
  }
}
