/// A calendar date (UTC) such as `2025-08-28`, used for price effective dates and alias resolution.
public struct CalendarDay: Hashable, Comparable, Sendable, CustomStringConvertible {
  public var year: Int
  public var month: Int
  public var day: Int

  public init(year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses `YYYY-MM-DD`, also as the prefix of an ISO 8601 timestamp (`2026-11-20T09:00:00Z`).
  public init?(_ text: String) {
    let prefix = text.prefix(10)
    let fields = prefix.split(separator: "-", omittingEmptySubsequences: false)
    guard prefix.count == 10, fields.count == 3,
      let year = Int(fields[0]), let month = Int(fields[1]), let day = Int(fields[2]),
      fields[0].count == 4, (1...12).contains(month),
      (1...CalendarDay.days(inMonth: month, year: year)).contains(day)
    else { return nil }
    if text.count > 10, text[text.index(text.startIndex, offsetBy: 10)] != "T" { return nil }
    self.init(year: year, month: month, day: day)
  }

  /// Days in `month` of `year` (Gregorian, leap years included).
  public static func days(inMonth month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// The last day of `month` (1…12) of `year`.
  public static func last(ofMonth month: Int, year: Int) -> CalendarDay {
    CalendarDay(year: year, month: month, day: days(inMonth: month, year: year))
  }

  public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }

  public var description: String {
    func pad(_ value: Int, _ width: Int) -> String {
      let text = String(value)
      return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }
}
