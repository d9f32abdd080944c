public import Billing
public import RealtimeEvents
public import SessionGuard
import Synchronization

/// The cost windows that span sessions (rolling hour, UTC day, lifetime) for everything the proxy
/// relays: the real ``AlertPolicy`` fed with the sum of every session's metered usage.
///
/// A session's own guard judges its `session` thresholds; the thresholds on other windows are judged
/// here, once for the whole proxy, so a daily budget is the fleet's daily budget. With the
/// `disconnect` action an alert on such a window closes every open session, and new sessions are
/// refused while the window's amount stays at or above the alert threshold (a new UTC day, or spending
/// leaving the rolling hour, opens them again). Time is Unix microseconds (UTC days).
public final class FleetBudget: Sendable {
  private let state: Mutex<State>
  private let thresholds: [AlertPolicy.Threshold]
  private let disconnects: Bool

  private struct State {
    var policy: AlertPolicy
    var rolling: [(time: Micros, amount: Money)] = []
    var dayIndex: Int64?
    var day = Money.zero
    var lifetime: Money
    var first: Micros?
  }

  /// A budget over the non-session thresholds of `settings`; `lifetimeStart` is what the stats file held.
  public init(settings: GuardSettings, lifetimeStart: Money = .zero) {
    thresholds = settings.thresholds.filter { $0.window != .session }
    disconnects = settings.alertAction == .disconnect
    let actions: [AlertActionKind] = settings.alertAction == .log ? [.log] : [.log, settings.alertAction]
    let configuration = AlertPolicy.Configuration(
      mode: .real, thresholds: thresholds, checkInterval: settings.alertCheckInterval,
      dailyBudget: settings.dailyBudget, warningActions: [.log], alertActions: actions)
    state = Mutex(State(policy: AlertPolicy(configuration: configuration), lifetime: lifetimeStart))
  }

  /// Whether any threshold is judged here.
  public var isActive: Bool { !thresholds.isEmpty }

  /// Adds `amount` metered at `time`; returns the alert actions it caused.
  public func add(_ amount: Money, at time: Micros) -> [AlertPolicy.Action] {
    guard isActive else { return [] }
    return state.withLock { state in
      Self.roll(&state, to: time)
      state.day = state.day + amount
      state.lifetime = state.lifetime + amount
      state.rolling.append((time, amount))
      return state.policy.usageChanged(Self.snapshot(state, at: time))
    }
  }

  /// The periodic check (re-arms thresholds whose window fell back).
  public func check(at time: Micros) -> [AlertPolicy.Action] {
    guard isActive else { return [] }
    return state.withLock { state in
      Self.roll(&state, to: time)
      return state.policy.check(Self.snapshot(state, at: time))
    }
  }

  /// The alert that keeps new sessions out at `time`, if any (only with the disconnect action).
  public func refusal(at time: Micros) -> AlertPolicy.Threshold? {
    guard disconnects, isActive else { return nil }
    return state.withLock { state in
      Self.roll(&state, to: time)
      let snapshot = Self.snapshot(state, at: time)
      return thresholds.first { $0.level == .alert && snapshot[$0.window] >= $0.amount }
    }
  }

  private static func roll(_ state: inout State, to time: Micros) {
    if state.first == nil { state.first = time }
    let today = UsageTracker.day(of: time)
    if state.dayIndex != today {
      state.dayIndex = today
      state.day = .zero
    }
    let hour = Micros.hours(1)
    state.rolling.removeAll { $0.time <= time - hour }
  }

  private static func snapshot(_ state: State, at time: Micros) -> UsageSnapshot {
    let day = UsageTracker.day(of: time)
    let hourAmount = state.rolling.reduce(Money.zero) { $0 + $1.amount }
    return UsageSnapshot(
      time: time, mode: .real, session: .zero, rollingHour: hourAmount, day: state.day,
      lifetime: state.lifetime,
      sessionNumber: 0, dayIndex: day, dayEnd: (day + 1) * UsageTracker.microsPerDay,
      rollingSpan: min(Micros.hours(1), time - (state.first ?? time)))
  }
}
