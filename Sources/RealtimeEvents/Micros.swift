/// Microseconds of virtual (or recording) time since a recording or simulation started.
///
/// All time in rtcost is an `Int64` count of microseconds: exact, totally ordered, never a wall clock.
public typealias Micros = Int64

extension Micros {
  /// One second in ``Micros``.
  public static let perSecond: Int64 = 1_000_000

  /// `count` microseconds (for symmetry with the other helpers).
  public static func microseconds(_ count: Int64) -> Micros { count }
  /// `count` milliseconds in microseconds: `.milliseconds(250)` is 250,000.
  public static func milliseconds(_ count: Int64) -> Micros { count * 1_000 }
  /// `count` seconds in microseconds: `.seconds(300)` is 300,000,000.
  public static func seconds(_ count: Int64) -> Micros { count * perSecond }
  /// `count` minutes in microseconds.
  public static func minutes(_ count: Int64) -> Micros { count * 60 * perSecond }
  /// `count` hours in microseconds.
  public static func hours(_ count: Int64) -> Micros { count * 3_600 * perSecond }
  /// `count` days in microseconds.
  public static func days(_ count: Int64) -> Micros { count * 86_400 * perSecond }
}
