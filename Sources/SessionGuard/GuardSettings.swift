public import Billing
public import RealtimeEvents

/// The one policy value of rtcost: what the session guard does, as a user states it.
///
/// Replay, simulate, forecast, plan and a live proxy all run the guard from this value, and its one
/// builder, ``configuration(priceCard:transcriptionCard:epochAtZero:)``, makes the components'
/// configuration. The price card is not optional there: alerts are judged with the card of the
/// session's model, never with a default one.
public struct GuardSettings: Sendable, Hashable {
  /// Real components, or the original design reproduced with its defects (monitor, meter and
  /// alerts together): the seed's monitor does not pause for tool calls and runs a held command
  /// after a failed 5 s reconnect wait; its meter is the duration estimate; its alerts repeat on
  /// every 10 s check and judge the lifetime total as the session's.
  public var mode: GuardMode
  /// Close the connection after this much idle time (strictly more, at a check); nil is off.
  public var idleTimeout: Micros?
  /// How often the idle monitor checks (at connect + k·interval).
  public var checkInterval: Micros
  /// Which events are activity and which reconnect.
  public var activity: ActivityRule
  /// Warning and alert thresholds, each on its window, kept in (window, level) order so that equal
  /// settings compare and print equal.
  public var thresholds: [AlertPolicy.Threshold] { didSet { thresholds = Self.ordered(thresholds) } }
  /// What an alert (not a warning) does besides logging: nothing more, call the app back, or close
  /// the connection. Warnings only log.
  public var alertAction: AlertActionKind
  /// How often the alert policy re-checks its windows between metered changes.
  public var alertCheckInterval: Micros
  /// The daily budget the burn-rate projection runs against; nil for none.
  public var dailyBudget: Money?

  public init(
    mode: GuardMode = .real, idleTimeout: Micros? = nil, checkInterval: Micros = .seconds(30),
    activity: ActivityRule? = nil, thresholds: [AlertPolicy.Threshold] = [],
    alertAction: AlertActionKind = .log,
    alertCheckInterval: Micros = .seconds(10), dailyBudget: Money? = nil
  ) {
    self.mode = mode
    self.idleTimeout = idleTimeout
    self.checkInterval = checkInterval
    self.activity = activity ?? (mode == .seed ? .seed : .real)
    self.thresholds = Self.ordered(thresholds)
    self.alertAction = alertAction
    self.alertCheckInterval = alertCheckInterval
    self.dailyBudget = dailyBudget
  }

  /// The original design's numbers on the real components: a 5-minute timeout checked every 30 s,
  /// a $0.50 warning and a $1.00 alert on the session, log only (replay's defaults).
  public static let seedNumbers = GuardSettings(
    idleTimeout: .minutes(5), checkInterval: .seconds(30),
    thresholds: [
      .init(window: .session, level: .warning, amount: Money(usd: "0.50")!),
      .init(window: .session, level: .alert, amount: Money(usd: "1.00")!),
    ])

  /// The original design reproduced, defects included.
  public static let seed: GuardSettings = {
    var settings = seedNumbers
    settings.mode = .seed
    settings.activity = .seed
    return settings
  }()

  /// The shortest idle timeout accepted: below a second a timeout is a typo, and a checker this
  /// eager would run the simulator for hours.
  public static let minimumIdleTimeout: Micros = .seconds(1)
  /// The shortest check interval accepted (for the idle monitor and for alerts).
  public static let minimumCheckInterval: Micros = .seconds(1)

  /// Whether the guard can change anything: an idle timeout or a threshold is set.
  public var isActive: Bool { idleTimeout != nil || !thresholds.isEmpty }

  /// The session-window warning threshold, if any (setting nil removes it).
  public var warn: Money? {
    get { threshold(.warning, in: .session) }
    set { setThreshold(.warning, in: .session, to: newValue) }
  }
  /// The session-window alert threshold, if any (setting nil removes it).
  public var alert: Money? {
    get { threshold(.alert, in: .session) }
    set { setThreshold(.alert, in: .session, to: newValue) }
  }

  /// The first threshold of `level` on `window`.
  public func threshold(_ level: AlertLevel, in window: UsageWindow) -> Money? {
    thresholds.first { $0.level == level && $0.window == window }?.amount
  }

  /// Replaces the thresholds of `level` on `window` with `amount` (none when nil).
  public mutating func setThreshold(_ level: AlertLevel, in window: UsageWindow, to amount: Money?) {
    var kept = thresholds.filter { !($0.level == level && $0.window == window) }
    if let amount { kept.append(.init(window: window, level: level, amount: amount)) }
    thresholds = kept
  }

  private static func ordered(_ thresholds: [AlertPolicy.Threshold]) -> [AlertPolicy.Threshold] {
    thresholds.enumerated().sorted {
      ($0.element.window, $0.element.level, $0.offset) < ($1.element.window, $1.element.level, $1.offset)
    }.map(\.element)
  }

  /// Why these settings cannot run, or nil: an alert below the warning of its window, or a
  /// timeout or interval below the minimums.
  public var problem: String? {
    if let idleTimeout, idleTimeout < Self.minimumIdleTimeout {
      return "the idle timeout must be at least \(DurationText.format(Self.minimumIdleTimeout))"
    }
    if checkInterval < Self.minimumCheckInterval || alertCheckInterval < Self.minimumCheckInterval {
      return "check intervals must be at least \(DurationText.format(Self.minimumCheckInterval))"
    }
    for window in UsageWindow.allCases {
      if let warn = threshold(.warning, in: window), let alert = threshold(.alert, in: window), alert < warn {
        let name = window == .session ? "" : "\(window.rawValue) "
        return "the \(name)alert threshold (\(alert)) must not be below the \(name)warning (\(warn))"
      }
    }
    return nil
  }

  /// The configuration of the three components for a session priced with `priceCard`.
  ///
  /// - Parameters:
  ///   - priceCard: the session model's card; the usage tracker meters with it and alerts are
  ///     judged on what it meters.
  ///   - transcriptionCard: the input-transcription model's card; nil when the session does not
  ///     transcribe or the model is not priced (the tracker reports such usage as unpriced).
  ///   - epochAtZero: Unix time in µs at time 0, so that day windows are UTC calendar days.
  public func configuration(
    priceCard: PriceCard, transcriptionCard: TranscriptionPriceCard? = nil, epochAtZero: Micros = 0
  ) -> SessionGuard.Configuration {
    configuration(billing: .tokens(priceCard), transcriptionCard: transcriptionCard, epochAtZero: epochAtZero)
  }

  /// The configuration of the three components for a session billed as `billing` (per token, or
  /// per second of session time for GPT-Live with its backend tokens priced by `backend`).
  public func configuration(
    billing: SessionBilling, backend: BackendPricing = .none,
    transcriptionCard: TranscriptionPriceCard? = nil, epochAtZero: Micros = 0
  ) -> SessionGuard.Configuration {
    let idle: IdleMonitor.Configuration =
      mode == .real
      ? .real(timeout: idleTimeout, checkInterval: checkInterval, activity: activity)
      : .seed(timeout: idleTimeout, checkInterval: checkInterval, activity: activity)
    let alertActions: [AlertActionKind] = alertAction == .log ? [.log] : [.log, alertAction]
    let alerts = AlertPolicy.Configuration(
      mode: mode, thresholds: thresholds, checkInterval: alertCheckInterval, dailyBudget: dailyBudget,
      warningActions: [.log], alertActions: alertActions)
    let usage = UsageTracker.Configuration(
      mode: mode, billing: billing, backend: backend, transcriptionCard: transcriptionCard,
      epochAtZero: epochAtZero)
    return SessionGuard.Configuration(idle: idle, usage: usage, alerts: alerts)
  }
}
