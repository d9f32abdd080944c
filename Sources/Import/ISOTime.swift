import Billing
public import RealtimeEvents

/// ISO 8601 timestamps (`2025-05-23T16:49:50.549Z`, `…+02:00`) and Unix times, in microseconds since
/// 1970-01-01 UTC.
public enum ISOTime {
  /// The Unix time of `text` in µs; nil unless it is `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`.
  public static func parse(_ text: String) -> Micros? {
    let bytes = Array(text.utf8)
    guard bytes.count >= 20, let day = CalendarDay(String(decoding: bytes[0..<10], as: UTF8.self)),
      bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "), bytes[13] == UInt8(ascii: ":"),
      bytes[16] == UInt8(ascii: ":")
    else { return nil }
    func number(_ range: Range<Int>) -> Int64? {
      guard bytes[range].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
        return nil
      }
      return Int64(String(decoding: bytes[range], as: UTF8.self))
    }
    guard let hours = number(11..<13), let minutes = number(14..<16), let seconds = number(17..<19),
      hours < 24,
      minutes < 60, seconds < 61
    else { return nil }
    var micros = (((day.daysSinceEpoch * 24 + hours) * 60 + minutes) * 60 + min(seconds, 59)) * 1_000_000
    var index = 19
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      var scale: Int64 = 100_000
      let start = index
      while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
        micros += Int64(bytes[index] - UInt8(ascii: "0")) * scale
        scale /= 10
        index += 1
      }
      guard index > start else { return nil }
    }
    let zone = bytes[index...]
    if zone.elementsEqual("Z".utf8) || zone.elementsEqual("z".utf8) { return micros }
    guard zone.count == 6, zone.first == UInt8(ascii: "+") || zone.first == UInt8(ascii: "-"),
      let offsetHours = number(index + 1..<index + 3), bytes[index + 3] == UInt8(ascii: ":"),
      let offsetMinutes = number(index + 4..<index + 6)
    else { return nil }
    let offset = (offsetHours * 60 + offsetMinutes) * 60_000_000
    return zone.first == UInt8(ascii: "+") ? micros - offset : micros + offset
  }

  /// `YYYY-MM-DDTHH:MM:SS[.ffffff]Z` for a Unix time in µs (the fraction only when not whole).
  public static func format(_ micros: Micros) -> String {
    let seconds = micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000
    let fraction = micros - seconds * 1_000_000
    let day = CalendarDay(epochSeconds: seconds)
    let secondOfDay = seconds - day.daysSinceEpoch * 86_400
    func pad(_ value: Int64, _ width: Int) -> String {
      let text = String(value)
      return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    var text =
      "\(day)T\(pad(secondOfDay / 3_600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
    if fraction != 0 {
      var digits = pad(fraction, 6)
      while digits.hasSuffix("0") { digits.removeLast() }
      text += "." + digits
    }
    return text + "Z"
  }

  /// A Unix time given in (fractional) seconds, as µs; nil when not finite or out of range.
  public static func micros(fromSeconds seconds: Double) -> Micros? {
    guard seconds.isFinite, abs(seconds) < 9.0e12 else { return nil }
    return Micros((seconds * 1_000_000).rounded())
  }
}
