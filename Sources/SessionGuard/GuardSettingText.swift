public import Billing
public import RealtimeEvents

/// The text forms of guard settings, parsed by one set of rules for the command line and for
/// scenario and fleet files: every value that is accepted in one is accepted in the other, and a
/// refusal reads the same (`must be a duration such as 30s, 5m, 2h, 7d or 250ms, or off`).
///
/// Each parser returns the value or throws a ``GuardSettingError`` whose message describes what
/// was expected; callers add where the text came from (an option name, a file, line and key).
public enum GuardSettingText {
  /// `30s`, `5m`, `250ms`, `1.5h`: a positive duration of at least `minimum`.
  public static func duration(_ text: String, minimum: Micros) throws(GuardSettingError) -> Micros {
    try duration(text, minimum: minimum, orOff: false)
  }

  private static func duration(_ text: String, minimum: Micros, orOff: Bool) throws(GuardSettingError)
    -> Micros
  {
    let micros: Micros
    switch DurationText.read(text) {
    case .duration(let read): micros = read
    case .tooLong:
      throw GuardSettingError("must be at most \(DurationText.format(DurationText.maximum)), got '\(text)'")
    case .malformed:
      throw GuardSettingError(
        "must be a duration such as 30s, 5m, 2h, 7d or 250ms\(orOff ? ", or off" : ""), got '\(text)'")
    }
    guard micros >= minimum else {
      throw GuardSettingError("must be at least \(DurationText.format(minimum)), got '\(text)'")
    }
    return micros
  }

  /// A duration as ``duration(_:minimum:)``, or `off` (nil).
  public static func durationOrOff(_ text: String, minimum: Micros) throws(GuardSettingError) -> Micros? {
    text == "off" ? nil : try duration(text, minimum: minimum, orOff: true)
  }

  /// A dollar amount: `0.50`, `$0.50`, `$40,000` (commas between groups of three digits), exact to
  /// the pico-dollar, not negative.
  public static func amount(_ text: String) throws(GuardSettingError) -> Money {
    guard let money = parseAmount(text) else {
      throw GuardSettingError("must be a dollar amount such as 0.50, $1 or $40,000, got '\(text)'")
    }
    return money
  }

  /// An amount as ``amount(_:)``, or `none` (nil).
  public static func amountOrNone(_ text: String) throws(GuardSettingError) -> Money? {
    if text == "none" { return nil }
    guard let money = parseAmount(text) else {
      throw GuardSettingError("must be a dollar amount such as 0.50, $1 or $40,000, or none, got '\(text)'")
    }
    return money
  }

  /// A threshold, `0.50` (the session window) or `WINDOW=AMOUNT` (`day=10`, `rolling_hour=$2`), with
  /// `none` for no threshold.
  public static func threshold(_ text: String) throws(GuardSettingError) -> (
    window: UsageWindow, amount: Money?
  ) {
    guard let equals = text.firstIndex(of: "=") else { return (.session, try amountOrNone(text)) }
    let name = String(text[..<equals])
    guard let window = UsageWindow(rawValue: name) else {
      throw GuardSettingError(
        "window '\(name)' is not one of \(UsageWindow.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return (window, try amountOrNone(String(text[text.index(after: equals)...])))
  }

  /// `real`, `seed` or `push-to-talk` (also `any-event`, the seed's rule).
  public static func activity(_ text: String) throws(GuardSettingError) -> ActivityRule {
    guard let rule = ActivityRule.named(text) else {
      throw GuardSettingError(
        "must be one of \(ActivityRule.named.map(\.name).joined(separator: ", ")), got '\(text)'")
    }
    return rule
  }

  /// `real` or `seed`.
  public static func mode(_ text: String) throws(GuardSettingError) -> GuardMode {
    guard let mode = GuardMode(rawValue: text) else {
      throw GuardSettingError("must be real or seed, got '\(text)'")
    }
    return mode
  }

  /// `log`, `callback` or `disconnect`.
  public static func alertAction(_ text: String) throws(GuardSettingError) -> AlertActionKind {
    guard let action = AlertActionKind(rawValue: text) else {
      throw GuardSettingError("must be one of log, callback, disconnect, got '\(text)'")
    }
    return action
  }

  /// `$`, then digits with optional thousands commas, then decimals; nil for anything else.
  static func parseAmount(_ raw: String) -> Money? {
    var text = Substring(raw)
    if text.first == "$" { text = text.dropFirst() }
    let whole = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)[0]
    if whole.contains(",") {
      let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
      guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else {
        return nil
      }
      text = Substring(text.filter { $0 != "," })
    }
    guard let first = text.first, first.isASCII, first.isNumber || first == "." else { return nil }
    guard let money = Money(usd: String(text)), money >= .zero else { return nil }
    return money
  }
}

/// A setting's text that the rules refuse; the message says what was expected.
public struct GuardSettingError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
