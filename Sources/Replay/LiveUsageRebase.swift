import Billing
public import RealtimeEvents

/// Moves a recorded GPT-Live session's cumulative usage onto the sessions of a what-if replay.
///
/// The recording's `session.usage.updated` reports count from the *recorded* session's start. A
/// guarded session that opens later (a reconnect after an idle close) is billed only from its own
/// start: its reports are the recorded ones minus the recorded usage at that start, and its final
/// usage when the guard closes it is the recorded usage at the close. Between reports the recorded
/// usage runs on with the recording's clock at the active rate (the last report plus the time since).
struct LiveUsageRebase {
  private var recorded = LiveUsage()
  private var recordedAt: Micros?
  private var base = LiveUsage()

  /// The recorded session's usage at `time`: its last report plus the clock since.
  func recordedUsage(at time: Micros) -> LiveUsage {
    guard let recordedAt else { return recorded }
    var usage = recorded
    usage.activeMicros += max(0, time - recordedAt)
    return usage
  }

  /// A recorded session started at `time` (its usage counts from zero).
  mutating func recordedSessionStarted(at time: Micros) {
    recorded = LiveUsage()
    recordedAt = time
  }

  /// The recording reported `usage` at `time`.
  mutating func recorded(_ usage: LiveUsage, at time: Micros) {
    recorded = usage
    recordedAt = time
  }

  /// A guarded session opened at `time`: it is billed from here.
  mutating func guardedSessionStarted(at time: Micros) {
    base = recordedUsage(at: time)
  }

  /// `report` as the guarded session's cumulative usage.
  func guarded(_ report: LiveUsageReport) -> LiveUsageReport {
    rebased(report.usage, ratio: report.contextUsageRatio)
  }

  /// The guarded session's final usage when it closes at `time`.
  func guardedFinal(at time: Micros) -> LiveUsageReport { rebased(recordedUsage(at: time), ratio: nil) }

  private func rebased(_ usage: LiveUsage, ratio: Double?) -> LiveUsageReport {
    let active = max(0, usage.activeMicros - base.activeMicros)
    let standby = max(0, usage.standbyMicros - base.standbyMicros)
    return LiveUsageReport(
      sessionMicros: active + standby, standbyMicros: standby == 0 ? nil : standby, contextUsageRatio: ratio)
  }
}

/// How far the duration a GPT-Live API billed may differ from the time connected on a recording's
/// clock before a replay warns: 2 s or 5 % of the longer, whichever is more (a named tolerance:
/// reports arrive on their own schedule and a recording's first and last events are not exactly
/// the session's start and end).
public enum LiveClockCheck {
  /// The allowed difference for a session time of `micros`.
  public static func tolerance(of micros: Micros) -> Micros { max(2 * Micros.perSecond, micros / 20) }
}
