/// Prices of time: a rate per minute applied to an exact number of microseconds.
///
/// Per-minute rates are billed by the exact microsecond and rounded half up to the pico-dollar once
/// per amount ($0.05/min is 833⅓ pico-dollars per millisecond, so a 45.8 s session is
/// 38,166,666,666⅔ pico-dollars and bills 38,166,666,667). The arithmetic runs in 128 bits; a
/// result outside the exact money range is nil, never a trap.
public enum DurationPricing {
  /// Microseconds in a minute.
  public static let microsPerMinute: Int64 = 60_000_000

  /// `perMinute × micros / 60,000,000`, rounded half up to the pico-dollar; nil for a negative
  /// duration or price, or a cost beyond the money range.
  public static func cost(of micros: Int64, atPerMinute perMinute: Money) -> Money? {
    guard micros >= 0, perMinute.picoUSD >= 0 else { return nil }
    let minutes = micros / microsPerMinute
    let rest = micros % microsPerMinute
    let whole = Int128(minutes) * Int128(perMinute.picoUSD)
    let part =
      (Int128(rest) * Int128(perMinute.picoUSD) + Int128(microsPerMinute / 2)) / Int128(microsPerMinute)
    return Int64(exactly: whole + part).map(Money.init(picoUSD:))
  }
}
