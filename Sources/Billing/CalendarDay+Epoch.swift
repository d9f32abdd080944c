/// Calendar days and the Unix epoch (1970-01-01, UTC), by the proleptic Gregorian calendar.
extension CalendarDay {
  /// Days since 1970-01-01 (negative before it).
  public var daysSinceEpoch: Int64 {
    // Howard Hinnant's days_from_civil.
    let y = Int64(month <= 2 ? year - 1 : year)
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let m = Int64(month)
    let dayOfYear = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + Int64(day) - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The day `days` after 1970-01-01.
  public init(daysSinceEpoch days: Int64) {
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    self.init(year: Int(year), month: Int(month), day: Int(day))
  }

  /// The UTC day of a Unix time in seconds.
  public init(epochSeconds seconds: Int64) {
    self.init(daysSinceEpoch: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
  }

  /// The first of this day's month.
  public var firstOfMonth: CalendarDay { CalendarDay(year: year, month: month, day: 1) }
}
