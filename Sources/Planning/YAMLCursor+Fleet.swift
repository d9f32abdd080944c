import Billing
import RealtimeEvents
public import Simulation

/// A fleet file that cannot be used: the scenario loader's error, with the same
/// `fleet.yaml:7: groups[1].count: must be >= 1, got 0` shape. Errors of a group's scenario file
/// pass through with that file's own name and line.
public typealias FleetError = ScenarioError

/// The fleet file's value kinds beyond the scenario loader's.
extension YAMLCursor {
  /// A whole number in `range`.
  func integer(in range: ClosedRange<Int>) throws(FleetError) -> Int {
    let text = try scalarText("a whole number")
    guard let value = Int(text) else { throw error("must be a whole number, got \(shown)") }
    guard range.contains(value) else {
      throw error("must be between \(range.lowerBound) and \(range.upperBound), got \(shown)")
    }
    return value
  }

  /// A duration, or nil for `off` / `false`.
  func durationOrOff() throws(FleetError) -> Micros? {
    if case .scalar(let scalar) = node, scalar.string == "off" || scalar.string == "false" { return nil }
    return try duration(positive: true)
  }

  /// A dollar amount: `0.50`, `"$0.50"` or `"$40,000"`, exact.
  func money() throws(FleetError) -> Money {
    var text = try scalarText("a dollar amount")
    if text.hasPrefix("$") { text.removeFirst() }
    text.removeAll { $0 == "," || $0 == "_" }
    guard let money = Money(usd: text), money >= .zero else {
      throw error("must be a non-negative dollar amount such as 0.50, got \(shown)")
    }
    return money
  }

  /// The items of a list, or a single scalar as a one-item list.
  func listOrScalar() throws(FleetError) -> [YAMLCursor] {
    if case .sequence = node { return try list() }
    return [self]
  }
}
