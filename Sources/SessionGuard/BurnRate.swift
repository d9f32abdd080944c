public import Billing
public import RealtimeEvents

/// When the daily budget runs out at the current rate of spending.
///
/// The rate is the rolling-hour amount over the part of the hour observed so far; the projection
/// is `now + (budget − spent today) ÷ rate`. All arithmetic is exact integer arithmetic on
/// pico-dollars and microseconds (rounded down to the microsecond).
public struct BurnRateProjection: Sendable, Equatable {
  /// When the projection was made.
  public var time: Micros
  public var budget: Money
  public var spentToday: Money
  /// Spending per hour at the current rate, rounded down to the pico-dollar.
  public var ratePerHour: Money
  /// When the budget is gone at this rate; `time` when it is already gone; nil when nothing is being spent.
  public var exhaustedAt: Micros?
  /// Whether ``exhaustedAt`` falls before the current UTC day ends (the budget will not last the day).
  public var exhaustedBeforeDayEnds: Bool

  /// Projects from `snapshot` against a daily `budget`.
  public init(snapshot: UsageSnapshot, budget: Money) {
    time = snapshot.time
    self.budget = budget
    spentToday = snapshot.day
    let hour = 3_600 * Micros.perSecond
    let span = snapshot.rollingSpan
    let recent = snapshot.rollingHour.picoUSD
    ratePerHour = span > 0 ? Money(picoUSD: Self.mulDiv(recent, hour, span)) : .zero
    let remaining = budget.picoUSD - snapshot.day.picoUSD
    if remaining <= 0 {
      exhaustedAt = snapshot.time
    } else if recent > 0 && span > 0 {
      exhaustedAt = snapshot.time + Self.mulDiv(remaining, span, recent)
    } else {
      exhaustedAt = nil
    }
    exhaustedBeforeDayEnds = exhaustedAt.map { $0 < snapshot.dayEnd } ?? false
  }

  /// ``exhaustedAt`` as a UTC wall time `HH:MM` (`"16:40"`), given the Unix time in microseconds
  /// at time 0; nil when nothing is being spent.
  public func exhaustedAtUTC(epochAtZero: Micros) -> String? {
    guard let exhaustedAt else { return nil }
    let epoch = epochAtZero + exhaustedAt
    let dayMicros = 86_400 * Micros.perSecond
    let ofDay = ((epoch % dayMicros) + dayMicros) % dayMicros / Micros.perSecond
    func pad(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return pad(ofDay / 3_600) + ":" + pad(ofDay % 3_600 / 60)
  }

  /// `a × b ÷ c` without intermediate overflow, rounded toward zero (a, b ≥ 0, c > 0); saturates.
  static func mulDiv(_ a: Int64, _ b: Int64, _ c: Int64) -> Int64 {
    guard Double(a) * Double(b) / Double(c) < 9.0e18 else { return Int64.max }
    return c.dividingFullWidth(a.multipliedFullWidth(by: b)).quotient
  }
}
