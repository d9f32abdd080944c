public import Billing
public import RealtimeEvents

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The wall clock as the proxy reads it for calendar questions only (a recording's `started_at`, the
/// UTC day of prices and budgets); every duration comes from a monotonic clock.
public enum UTCTime {
  /// Now, in Unix microseconds.
  public static func nowMicros() -> Micros {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return Micros(spec.tv_sec) * Micros.perSecond + Micros(spec.tv_nsec) / 1_000
  }

  /// The civil date and time of a Unix time (proleptic Gregorian, UTC).
  static func components(_ micros: Micros) -> (
    year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
  ) {
    let seconds = micros >= 0 ? micros / Micros.perSecond : (micros - Micros.perSecond + 1) / Micros.perSecond
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let secondOfDay = Int(seconds - days * 86_400)
    // Days to civil date (H. Hinnant's algorithm).
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = Int(doy - (153 * mp + 2) / 5 + 1)
    let month = Int(mp < 10 ? mp + 3 : mp - 9)
    let year = Int(yoe + era * 400) + (month <= 2 ? 1 : 0)
    return (year, month, day, secondOfDay / 3_600, secondOfDay % 3_600 / 60, secondOfDay % 60)
  }

  /// `2026-12-01T10:00:00Z`.
  public static func iso8601(_ micros: Micros) -> String {
    let c = components(micros)
    return "\(pad(c.year, 4))-\(pad(c.month))-\(pad(c.day))T\(pad(c.hour)):\(pad(c.minute)):\(pad(c.second))Z"
  }

  /// `20261201T100000Z`, for file names.
  public static func compact(_ micros: Micros) -> String {
    let c = components(micros)
    return "\(pad(c.year, 4))\(pad(c.month))\(pad(c.day))T\(pad(c.hour))\(pad(c.minute))\(pad(c.second))Z"
  }

  /// The UTC calendar day of a Unix time.
  public static func day(_ micros: Micros) -> CalendarDay {
    let c = components(micros)
    return CalendarDay(year: c.year, month: c.month, day: c.day)
  }

  private static func pad(_ value: Int, _ width: Int = 2) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
  }
}
