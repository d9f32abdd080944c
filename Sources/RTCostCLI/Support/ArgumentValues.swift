public import ArgumentParser
public import Billing
public import Forecast
public import RealtimeEvents
public import SessionGuard

// The typed values of rtcost's options, parsed by the same rules as scenario and fleet files
// (`GuardSettingText`). Each type is `ExpressibleByArgument`; the option groups also pass its
// throwing `parse` as the option's transform, so a refusal says what was expected.

/// An idle timeout: a duration (`5m`, `90s`) of at least 1 s, or `off`.
public struct IdleTimeoutValue: ExpressibleByArgument, Sendable, Equatable {
  public var micros: Micros?
  public init(_ micros: Micros?) { self.micros = micros }
  public init?(argument: String) { try? self.init(parsing: argument) }
  public init(parsing text: String) throws(GuardSettingError) {
    micros = try GuardSettingText.durationOrOff(text, minimum: GuardSettings.minimumIdleTimeout)
  }
  public static func parse(_ text: String) throws -> IdleTimeoutValue { try IdleTimeoutValue(parsing: text) }
}

/// A check interval: a duration of at least 1 s.
public struct IntervalValue: ExpressibleByArgument, Sendable, Equatable {
  public var micros: Micros
  public init(_ micros: Micros) { self.micros = micros }
  public init?(argument: String) { try? self.init(parsing: argument) }
  public init(parsing text: String) throws(GuardSettingError) {
    micros = try GuardSettingText.duration(text, minimum: GuardSettings.minimumCheckInterval)
  }
  public static func parse(_ text: String) throws -> IntervalValue { try IntervalValue(parsing: text) }
}

/// A positive duration such as a horizon (`7d`, `12h`).
public struct DurationValue: ExpressibleByArgument, Sendable, Equatable {
  public var micros: Micros
  public init?(argument: String) { try? self.init(parsing: argument) }
  public init(parsing text: String) throws(GuardSettingError) {
    micros = try GuardSettingText.duration(text, minimum: 1)
  }
  public static func parse(_ text: String) throws -> DurationValue { try DurationValue(parsing: text) }
}

/// A world seed: a whole number from 0 to 2^64 − 1.
enum SeedValue {
  static func parse(_ text: String) throws -> UInt64 {
    guard let seed = UInt64(text) else {
      throw GuardSettingError("must be a whole number from 0 to \(UInt64.max), got '\(text)'")
    }
    return seed
  }
}

/// A threshold: `0.50` on the session window, `day=10` on another window, or `none`.
public struct ThresholdValue: ExpressibleByArgument, Sendable, Equatable {
  public var window: UsageWindow
  public var amount: Money?
  public init?(argument: String) { try? self.init(parsing: argument) }
  public init(parsing text: String) throws(GuardSettingError) {
    (window, amount) = try GuardSettingText.threshold(text)
  }
  public static func parse(_ text: String) throws -> ThresholdValue { try ThresholdValue(parsing: text) }
}

/// A dollar amount or `none`.
public struct AmountValue: ExpressibleByArgument, Sendable, Equatable {
  public var money: Money?
  public init?(argument: String) { try? self.init(parsing: argument) }
  public init(parsing text: String) throws(GuardSettingError) {
    money = try GuardSettingText.amountOrNone(text)
  }
  public static func parse(_ text: String) throws -> AmountValue { try AmountValue(parsing: text) }
}

extension ActivityRule: ExpressibleByArgument {
  public init?(argument: String) { self.init(named: argument) }
  init?(named name: String) {
    guard let rule = ActivityRule.named(name) else { return nil }
    self = rule
  }
  public static var allValueStrings: [String] { named.map(\.name) }
  public var defaultValueDescription: String { name }
  static func parse(_ text: String) throws -> ActivityRule { try GuardSettingText.activity(text) }
}

extension GuardMode: ExpressibleByArgument {
  static func parse(_ text: String) throws -> GuardMode { try GuardSettingText.mode(text) }
}

extension AlertActionKind: ExpressibleByArgument {
  static func parse(_ text: String) throws -> AlertActionKind { try GuardSettingText.alertAction(text) }
}

extension ShardSpec: ExpressibleByArgument {
  public init?(argument: String) { self.init(argument) }
  static func parse(_ text: String) throws -> ShardSpec {
    guard let spec = ShardSpec(text) else {
      throw GuardSettingError("must be i/n with 0 <= i < n (0-based, as JOB_COMPLETION_INDEX), got '\(text)'")
    }
    return spec
  }
}

/// A comma-separated list of values of one option (`off,60s,5m`), each parsed by `parse`.
///
/// A comma inside an amount's thousands (`$40,000`) does not separate items: a part of exactly
/// three digits after an amount written with digit groups joins it (`0.5,$40,000` is two items).
struct ListValue<Element> {
  var items: [Element]

  /// The items of `text`, spaces around them trimmed.
  static func items(of text: String) -> [String] {
    var items: [String] = []
    let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
      String($0).trimmingSpacesAndTabs
    }
    for part in parts {
      if let last = items.last, isThousandsGroup(part), endsWithDigitGroups(last) {
        items[items.count - 1] = last + "," + part
      } else {
        items.append(part)
      }
    }
    return items
  }

  /// `000`, `500.25`: three digits, then an optional fraction.
  private static func isThousandsGroup(_ part: String) -> Bool {
    let whole = part.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    return whole[0].count == 3 && whole[0].allSatisfy(\.isASCIINumber)
      && (whole.count == 1 || whole[1].allSatisfy(\.isASCIINumber))
  }

  /// `$40`, `day=1,500`: an amount (with an optional window and `$`) whose digits could take a group.
  private static func endsWithDigitGroups(_ item: String) -> Bool {
    var amount = Substring(item)
    if let equals = amount.firstIndex(of: "=") { amount = amount[amount.index(after: equals)...] }
    if amount.first == "$" { amount = amount.dropFirst() }
    let groups = amount.split(separator: ",", omittingEmptySubsequences: false)
    return (1...3).contains(groups[0].count) && groups.allSatisfy { $0.allSatisfy(\.isASCIINumber) }
      && groups.dropFirst().allSatisfy { $0.count == 3 }
  }

  static func parse(_ text: String, _ parse: (String) throws -> Element) throws -> ListValue<Element> {
    let parts = Self.items(of: text)
    guard !parts.contains(where: \.isEmpty) else {
      throw GuardSettingError("an empty item in the list '\(text)'")
    }
    return ListValue(items: try parts.map(parse))
  }
}

extension Character {
  var isASCIINumber: Bool { isASCII && isNumber }
}

extension String {
  var trimmingSpacesAndTabs: String {
    var copy = Substring(self)
    while copy.first == " " || copy.first == "\t" { copy = copy.dropFirst() }
    while copy.last == " " || copy.last == "\t" { copy = copy.dropLast() }
    return String(copy)
  }
}
