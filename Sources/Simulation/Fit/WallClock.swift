public import Billing
public import RealtimeEvents

/// The calendar day and wall-clock time of day of a recording header's `started_at`
/// (`2026-11-20T09:00:00Z`, `2026-11-20T09:00:00.250+02:00`): the time as written, its offset aside,
/// so that hour 0 of a fitted daily profile is the recorded clock's midnight.
public struct WallClock: Sendable, Equatable {
  public var day: CalendarDay
  /// Microseconds since midnight.
  public var timeOfDay: Micros

  public init(day: CalendarDay, timeOfDay: Micros) {
    self.day = day
    self.timeOfDay = timeOfDay
  }

  /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction][Z|±HH:MM]`; nil for anything else.
  public static func parse(_ text: String) -> WallClock? {
    let characters = Array(text.utf8)
    guard characters.count >= 19, characters[10] == UInt8(ascii: "T") || characters[10] == UInt8(ascii: " ")
    else { return nil }
    guard let day = CalendarDay(String(decoding: characters[0..<10], as: UTF8.self)) else { return nil }
    func number(_ range: Range<Int>) -> Int64? { Int64(String(decoding: characters[range], as: UTF8.self)) }
    guard characters[13] == UInt8(ascii: ":"), characters[16] == UInt8(ascii: ":"),
      let hours = number(11..<13), let minutes = number(14..<16), let seconds = number(17..<19),
      hours < 24, minutes < 60, seconds < 61
    else { return nil }
    var micros = ((hours * 60 + minutes) * 60 + min(seconds, 59)) * 1_000_000
    var index = 19
    if index < characters.count, characters[index] == UInt8(ascii: ".") {
      index += 1
      var scale: Int64 = 100_000
      while index < characters.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(characters[index]) {
        micros += Int64(characters[index] - UInt8(ascii: "0")) * scale
        scale /= 10
        index += 1
      }
    }
    let rest = String(decoding: characters[index...], as: UTF8.self)
    guard rest.isEmpty || rest == "Z" || (rest.count == 6 && (rest.hasPrefix("+") || rest.hasPrefix("-")))
    else {
      return nil
    }
    return WallClock(day: day, timeOfDay: micros)
  }
}
