import Testing

@testable import Planning

/// A fleet whose daily cost per group leaves the exact money range is flagged, never wrapped.
@Suite struct CapacityTallyOverflowTests {
  @Test func addingPastTheMoneyRangeIsFlagged() {
    var a = CapacityTally(months: 1, groups: 1, days: 1)
    a.dailyCostPico[0] = Int64.max - 5
    var b = CapacityTally(months: 1, groups: 1, days: 1)
    b.dailyCostPico[0] = 10
    #expect(!a.overflowed)
    a.add(b)
    #expect(a.overflowed)
    var c = CapacityTally(months: 1, groups: 1, days: 1)
    c.add(CapacityTally(months: 1, groups: 1, days: 1))
    #expect(!c.overflowed)
  }
}
