import Billing
import RealtimeEvents
import SessionGuard
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

  /// A dollar amount, by the rules every file and option share (`0.50`, `$0.50`, `$40,000`).
  func money() throws(FleetError) -> Money {
    let text = try scalarText("a dollar amount")
    do {
      return try GuardSettingText.amount(text)
    } catch {
      throw self.error(error.message)
    }
  }

  /// The items of a list, or a single scalar as a one-item list.
  func listOrScalar() throws(FleetError) -> [YAMLCursor] {
    if case .sequence = node { return try list() }
    return [self]
  }
}
