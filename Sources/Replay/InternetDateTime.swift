public import Billing
public import RealtimeEvents

/// An RFC 3339 date-time (`2026-11-20T18:00:00Z`, `2026-11-20T19:00:00.25+01:00`) as Unix
/// microseconds, parsed by hand: exact integer arithmetic, no formatter and no ICU to load.
///
/// Accepted: `YYYY-MM-DD`, `T` (or `t`), `HH:MM:SS`, an optional fraction of any length (rounded
/// to the microsecond, half up), then `Z` (or `z`) or an offset `±HH:MM`. Anything else, a month
/// or day that does not exist, an hour past 23, a minute or second past 59, is nil.
public enum InternetDateTime {
  /// Unix microseconds of `text`, or nil when it is not an RFC 3339 date-time.
  public static func epochMicros(_ text: String) -> Micros? {
    var scanner = DigitScanner(Array(text.utf8))
    guard let year = scanner.digits(4), scanner.skip("-"),
      let month = scanner.digits(2), scanner.skip("-"),
      let day = scanner.digits(2), scanner.skip("T") || scanner.skip("t"),
      let hour = scanner.digits(2), scanner.skip(":"),
      let minute = scanner.digits(2), scanner.skip(":"),
      let second = scanner.digits(2)
    else { return nil }
    guard (1...12).contains(month), (1...CalendarDay.days(inMonth: month, year: year)).contains(day),
      hour <= 23, minute <= 59, second <= 59
    else { return nil }
    let micros = scanner.fractionMicros()
    guard let offsetSeconds = scanner.offsetSeconds(), scanner.atEnd else { return nil }
    let days = CalendarDay(year: year, month: month, day: day).daysSinceEpoch
    let seconds = days * 86_400 + Int64(hour * 3_600 + minute * 60 + second) - offsetSeconds
    return seconds * Micros.perSecond + micros
  }
}

/// A cursor over ASCII bytes for ``InternetDateTime``.
private struct DigitScanner {
  private let bytes: [UInt8]
  private var index = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  var atEnd: Bool { index == bytes.count }

  /// Exactly `count` decimal digits as a number.
  mutating func digits(_ count: Int) -> Int? {
    guard bytes.count - index >= count else { return nil }
    var value = 0
    for byte in bytes[index..<index + count] {
      guard let digit = Self.digit(byte) else { return nil }
      value = value * 10 + digit
    }
    index += count
    return value
  }

  /// Skips `character` when it is next.
  mutating func skip(_ character: Unicode.Scalar) -> Bool {
    guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
    index += 1
    return true
  }

  /// An optional `.` and fraction, in microseconds rounded half up (0 when there is none; a `.`
  /// without digits leaves the `.` for the caller to refuse).
  mutating func fractionMicros() -> Micros {
    guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "."), Self.digit(bytes[index + 1]) != nil
    else { return 0 }
    index += 1
    var micros: Micros = 0
    var place = 0
    var roundUp = false
    while index < bytes.count, let digit = Self.digit(bytes[index]) {
      if place < 6 {
        micros = micros * 10 + Micros(digit)
      } else if place == 6 {
        roundUp = digit >= 5
      }
      place += 1
      index += 1
    }
    for _ in place..<max(place, 6) { micros *= 10 }
    return micros + (roundUp ? 1 : 0)
  }

  /// `Z` as 0, or `±HH:MM` as seconds east of UTC; nil for anything else.
  mutating func offsetSeconds() -> Int64? {
    if skip("Z") || skip("z") { return 0 }
    let sign: Int64
    if skip("+") {
      sign = 1
    } else if skip("-") {
      sign = -1
    } else {
      return nil
    }
    guard let hours = digits(2), skip(":"), let minutes = digits(2), hours <= 23, minutes <= 59 else {
      return nil
    }
    return sign * Int64(hours * 3_600 + minutes * 60)
  }

  private static func digit(_ byte: UInt8) -> Int? {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
  }
}
