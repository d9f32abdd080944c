public import RealtimeEvents

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where a live driver reads "now" for the state machine.
public enum LiveTimeSource: Sendable {
  /// The driver's own `Clock` (monotonic: `ContinuousClock` in an app, `TestClock` in tests).
  case monotonic
  /// A wall clock in Unix microseconds, as the seed's `time.time()` (defect 11): it jumps when the
  /// system time is set or NTP steps it, and idle time jumps with it.
  case wallClock(@Sendable () -> Micros)

  /// `CLOCK_REALTIME`, in Unix microseconds.
  public static let systemWallClock: LiveTimeSource = .wallClock {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return Micros(spec.tv_sec) * Micros.perSecond + Micros(spec.tv_nsec) / 1_000
  }
}

extension Duration {
  /// The duration in whole microseconds (rounded toward zero).
  var wholeMicroseconds: Micros {
    let (seconds, attoseconds) = components
    return seconds * Micros.perSecond + attoseconds / 1_000_000_000_000
  }
}
