public import Billing
public import RealtimeEvents

/// The cost in every window at one moment, as an ``AlertPolicy`` sees it.
///
/// Amounts are the meter of the tracker's mode: billed money in real mode, the seed's estimate in
/// seed mode. The window identities (``sessionNumber``, ``dayIndex``) let a policy re-arm when a
/// window resets.
public struct UsageSnapshot: Sendable, Equatable {
  /// When the snapshot was taken.
  public var time: Micros
  /// Which meter the amounts come from.
  public var mode: GuardMode
  public var session: Money
  public var rollingHour: Money
  public var day: Money
  public var lifetime: Money
  /// 1 for the first session, counting up; 0 before any session.
  public var sessionNumber: Int
  /// Days since 1970-01-01 (UTC) of ``time``.
  public var dayIndex: Int64
  /// When the current UTC day ends, on the same time axis as ``time``.
  public var dayEnd: Micros
  /// How much of the rolling hour has been observed (less than an hour just after tracking started).
  public var rollingSpan: Micros

  public init(
    time: Micros, mode: GuardMode, session: Money, rollingHour: Money, day: Money, lifetime: Money,
    sessionNumber: Int, dayIndex: Int64, dayEnd: Micros, rollingSpan: Micros
  ) {
    self.time = time
    self.mode = mode
    self.session = session
    self.rollingHour = rollingHour
    self.day = day
    self.lifetime = lifetime
    self.sessionNumber = sessionNumber
    self.dayIndex = dayIndex
    self.dayEnd = dayEnd
    self.rollingSpan = rollingSpan
  }

  /// The amount in `window`.
  public subscript(window: UsageWindow) -> Money {
    switch window {
    case .session: session
    case .rollingHour: rollingHour
    case .day: day
    case .lifetime: lifetime
    }
  }
}
