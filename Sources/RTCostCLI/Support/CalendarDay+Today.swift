internal import Billing
internal import Foundation

extension CalendarDay {
  /// Today's UTC date, for warnings about the present (never for a number in a report).
  static var today: CalendarDay {
    CalendarDay(unixSeconds: Int64(Date().timeIntervalSince1970.rounded(.down)))
  }
}
