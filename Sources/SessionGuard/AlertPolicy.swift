public import Billing
public import RealtimeEvents

/// Warns and alerts when spending crosses thresholds, once per crossing.
///
/// A pure value type: feed it ``UsageSnapshot``s (after every metered change and at ``nextCheck``)
/// and perform the returned actions. A threshold fires when its window's amount reaches it and is
/// re-armed when the amount falls below it again, which is what a window reset does (a new session,
/// a new UTC day, spending leaving the rolling hour); the lifetime window never re-arms.
///
/// Seed mode reproduces the original design: thresholds are checked only on the periodic check
/// (every 10 s), the "session" amount is the lifetime total (defect 6), and an alert repeats on every
/// check with no memory of having fired (defect 7).
public struct AlertPolicy: Sendable {
  /// One threshold on one window.
  public struct Threshold: Sendable, Hashable {
    public var window: UsageWindow
    public var level: AlertLevel
    public var amount: Money

    public init(window: UsageWindow, level: AlertLevel, amount: Money) {
      self.window = window
      self.level = level
      self.amount = amount
    }
  }

  /// Thresholds, the daily budget and what each level does.
  public struct Configuration: Sendable, Equatable {
    public var mode: GuardMode
    public var thresholds: [Threshold]
    /// The periodic check interval (seed: 10 s). Real mode also checks on every metered change.
    public var checkInterval: Micros
    /// The daily budget the burn-rate projection runs against; nil for none.
    public var dailyBudget: Money?
    public var warningActions: [AlertActionKind]
    public var alertActions: [AlertActionKind]

    public init(
      mode: GuardMode = .real, thresholds: [Threshold], checkInterval: Micros = 10 * Micros.perSecond,
      dailyBudget: Money? = nil, warningActions: [AlertActionKind] = [.log],
      alertActions: [AlertActionKind] = [.log, .callback]
    ) {
      precondition(checkInterval > 0, "the check interval must be positive")
      self.mode = mode
      self.thresholds = thresholds
      self.checkInterval = checkInterval
      self.dailyBudget = dailyBudget
      self.warningActions = warningActions
      self.alertActions = alertActions
    }

    /// The original design: warning at $0.50 and alert at $1.00 on "session cost", every 10 s.
    public static func seed(
      warning: Money = Money(usd: "0.50")!, alert: Money = Money(usd: "1.00")!,
      checkInterval: Micros = 10 * Micros.perSecond
    ) -> Configuration {
      Configuration(
        mode: .seed,
        thresholds: [
          Threshold(window: .session, level: .warning, amount: warning),
          Threshold(window: .session, level: .alert, amount: alert),
        ],
        checkInterval: checkInterval, warningActions: [.log], alertActions: [.log])
    }
  }

  /// What the driver must do for an alert.
  public enum Action: Sendable, Equatable {
    case log(Alert)
    case callback(Alert)
    case disconnect(Alert)

    /// The alert behind the action.
    public var alert: Alert {
      switch self {
      case .log(let alert), .callback(let alert), .disconnect(let alert): alert
      }
    }
  }

  public let configuration: Configuration
  /// Every alert fired, in order.
  public private(set) var fired: [Alert] = []
  private var armed: [Bool]
  /// The window identity (session number, day index) each threshold was last evaluated in.
  private var windowIDs: [Int64?]
  private var nextPeriodicCheck: Micros?

  public init(configuration: Configuration) {
    self.configuration = configuration
    armed = Array(repeating: true, count: configuration.thresholds.count)
    windowIDs = Array(repeating: nil, count: configuration.thresholds.count)
  }

  /// The next periodic check; nil before the first ``start(at:)`` or ``check(_:)``.
  public var nextCheck: Micros? { nextPeriodicCheck }

  /// Starts the periodic checks at `now` + k·interval.
  public mutating func start(at now: Micros) {
    nextPeriodicCheck = now + configuration.checkInterval
  }

  /// Real mode: evaluates after a metered change. Seed mode ignores it (the seed only checked periodically).
  public mutating func usageChanged(_ snapshot: UsageSnapshot) -> [Action] {
    configuration.mode == .seed ? [] : evaluate(snapshot)
  }

  /// The periodic check at `snapshot.time` (call it at ``nextCheck``); schedules the next one.
  public mutating func check(_ snapshot: UsageSnapshot) -> [Action] {
    let interval = configuration.checkInterval
    if let next = nextPeriodicCheck, next <= snapshot.time {
      nextPeriodicCheck = next + ((snapshot.time - next) / interval + 1) * interval
    } else if nextPeriodicCheck == nil {
      nextPeriodicCheck = snapshot.time + interval
    }
    return evaluate(snapshot)
  }

  /// The burn-rate projection against the daily budget; nil without a budget.
  public func burnRate(_ snapshot: UsageSnapshot) -> BurnRateProjection? {
    configuration.dailyBudget.map { BurnRateProjection(snapshot: snapshot, budget: $0) }
  }

  private mutating func evaluate(_ snapshot: UsageSnapshot) -> [Action] {
    var actions: [Action] = []
    let mode = configuration.mode
    if mode == .seed {
      // The seed: `if cost >= alert: alert elif cost >= warning: warn`, on the lifetime total, every time.
      let ordered = configuration.thresholds.enumerated().sorted { $0.element.level > $1.element.level }
      for (_, threshold) in ordered {
        let amount = threshold.window == .session ? snapshot.lifetime : snapshot[threshold.window]
        if amount >= threshold.amount {
          actions += fire(threshold, amount: amount, at: snapshot.time)
          break
        }
      }
      return actions
    }
    for (index, threshold) in configuration.thresholds.enumerated() {
      let amount = snapshot[threshold.window]
      let windowID: Int64? =
        switch threshold.window {
        case .session: Int64(snapshot.sessionNumber)
        case .day: snapshot.dayIndex
        case .rollingHour, .lifetime: nil
        }
      if windowID != windowIDs[index] {
        windowIDs[index] = windowID
        armed[index] = true
      }
      if amount < threshold.amount {
        armed[index] = true
      } else if armed[index] {
        armed[index] = false
        actions += fire(threshold, amount: amount, at: snapshot.time)
      }
    }
    return actions
  }

  private mutating func fire(_ threshold: Threshold, amount: Money, at time: Micros) -> [Action] {
    let alert = Alert(
      time: time, level: threshold.level, window: threshold.window, amount: amount,
      threshold: threshold.amount, mode: configuration.mode)
    fired.append(alert)
    let kinds = threshold.level == .warning ? configuration.warningActions : configuration.alertActions
    return kinds.map { kind in
      switch kind {
      case .log: .log(alert)
      case .callback: .callback(alert)
      case .disconnect: .disconnect(alert)
      }
    }
  }
}
