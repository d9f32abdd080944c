public import Billing
public import RealtimeEvents
public import SessionGuard

/// The real SessionGuard components as an engine ``SessionPolicy``.
///
/// Wraps the composite ``SessionGuard/SessionGuard`` (IdleMonitor + UsageTracker + AlertPolicy) and
/// follows IdleMonitor's driver contract: the engine opens every session itself (at t = 0, after a
/// `session_expired`, after a policy disconnect when the user speaks again), and the adapter calls
/// ``SessionGuard/SessionGuard/connected(at:)`` on each `session.created`, which also completes any
/// reconnect the monitor asked for. Events go to ``SessionGuard/SessionGuard/handle(_:at:)``; checks run
/// at ``nextCheck``. An idle disconnect becomes ``PolicyAction/disconnect(_:)`` `.idle`; an alert with
/// the `disconnect` action closes the session as `.budget`. The monitor's reconnect requests need no
/// engine action (the engine reconnects on the next genuine turn or command by itself).
///
/// Alerts are kept in ``alerts`` with their times; ``record(into:)`` copies the counts into
/// ``EngineStats``.
///
/// The guard lives in a reference box: the engine reads the policy on every event, and a struct
/// this large (three configurations, the meters' totals) would be copied on each read. So a
/// `GuardPolicy` is one run's policy: copies share their state. Make a new one per run.
public struct GuardPolicy: SingleSessionPolicy {
  private final class Box {
    var guardState: SessionGuard
    var alerts: [Alert] = []
    var engineOpen = false
    init(_ guardState: SessionGuard) { self.guardState = guardState }
  }

  private let box: Box
  /// The guard as it stands (its meters, monitor counters and fired alerts).
  public var guardState: SessionGuard { box.guardState }
  /// Every warning and alert fired, in order.
  public var alerts: [Alert] { box.alerts }
  /// Whether the classifier counts audio appends or deltas as activity (the seed rule does).
  public let streamingIsActivity: Bool
  private let timeout: Micros?
  private let checkInterval: Micros
  /// Whether ``nextCheck`` skips checks that cannot fire (tests compare against every check).
  var skipsChecksThatCannotFire = true

  /// A guard with `configuration`.
  public init(configuration: SessionGuard.Configuration) {
    box = Box(SessionGuard(configuration: configuration))
    timeout = configuration.idle.timeout
    checkInterval = configuration.idle.checkInterval
    streamingIsActivity = configuration.idle.activity.streamingIsActivity
  }

  /// The guard `settings` describe, metering with `priceCard`.
  ///
  /// In real mode, thresholds on the session and lifetime windows fire on a metered change
  /// (`response.done`, transcription), not on a periodic check: between two metered changes their
  /// amounts do not change, and a new session starts at zero. So when every threshold is on those
  /// windows the periodic check runs hourly instead of every 10 s: no decision changes, and the
  /// engine is spared ~50,000 wake-ups a simulated week. Rolling-hour and day thresholds, and seed
  /// mode (which only checks periodically), keep the settings' interval.
  public init(
    settings: GuardSettings, priceCard: PriceCard, transcriptionCard: TranscriptionPriceCard? = nil,
    epochAtZero: Micros = 0
  ) {
    self.init(
      settings: settings, cards: Scenario.PriceCards(model: priceCard, transcription: transcriptionCard),
      epochAtZero: epochAtZero)
  }

  /// The guard `settings` describe, metering what `cards` bill (tokens, or GPT-Live session time
  /// and backend tokens).
  public init(settings: GuardSettings, cards: Scenario.PriceCards, epochAtZero: Micros = 0) {
    var settings = settings
    if settings.mode == .real,
      settings.thresholds.allSatisfy({ $0.window == .session || $0.window == .lifetime })
    {
      settings.alertCheckInterval = Self.sessionAlertCheckInterval
    }
    self.init(
      configuration: settings.configuration(
        billing: cards.billing, backend: cards.backendPricing, transcriptionCard: cards.transcription,
        epochAtZero: epochAtZero))
  }

  /// The periodic alert check when only session and lifetime thresholds are set (see the initialiser).
  public static let sessionAlertCheckInterval: Micros = .hours(1)

  /// The next time a check could change something.
  ///
  /// IdleMonitor checks at connect + k·interval, but a check at *g* can only disconnect when
  /// *g* − last activity > timeout: while the timer runs, the checks before the first such grid
  /// point are skipped here and run (all of them, in order, none firing) inside the guard's
  /// `advance(to:)` when the engine wakes at that point or an event arrives first. Activity only
  /// moves the point later, so no decision changes; the engine wakes ~once per timeout instead of
  /// once per interval.
  public var nextCheck: Micros? {
    // Field by field: copying the monitor (its configuration holds sets) would cost more than the check.
    let box = self.box
    var idleNext = box.guardState.idle.nextCheck
    if skipsChecksThatCannotFire, let timeout, case .connected(let connection) = box.guardState.idle.state,
      connection.pausedSince == nil, let next = idleNext
    {
      let threshold = connection.lastActivity + timeout
      if next <= threshold {
        idleNext = connection.since + ((threshold - connection.since) / checkInterval + 1) * checkInterval
      }
    }
    switch (idleNext, box.guardState.alerts.nextCheck) {
    case (let a?, let b?): return min(a, b)
    case (let a?, nil): return a
    case (nil, let b?): return b
    case (nil, nil): return nil
    }
  }

  public mutating func observe(_ event: TimedEvent, at now: Micros) -> [PolicyAction] {
    let actions: [SessionGuard.Action]
    switch event.event {
    case .sessionCreated, .liveSessionStarted:
      box.engineOpen = true
      actions = box.guardState.connected(at: now) + box.guardState.handle(event.event, at: now)
    case .sessionClosed:
      box.engineOpen = false
      actions = box.guardState.handle(event.event, at: now)
    default:
      actions = box.guardState.handle(event.event, at: now)
    }
    return actions.isEmpty ? [] : translate(actions)
  }

  public mutating func check(at now: Micros) -> [PolicyAction] {
    let actions = box.guardState.advance(to: now)
    return actions.isEmpty ? [] : translate(actions)
  }

  /// Copies the alert counts into `stats`.
  public func record(into stats: inout EngineStats) {
    stats.warningsFired = alerts.count { $0.level == .warning }
    stats.alertsFired = alerts.count { $0.level == .alert }
    stats.firstAlertAt = alerts.first { $0.level == .alert }?.time
    stats.alerts = alerts
  }

  private mutating func translate(_ actions: [SessionGuard.Action]) -> [PolicyAction] {
    var result: [PolicyAction] = []
    for action in actions {
      switch action {
      case .idle(.disconnect):
        if box.engineOpen { result.append(.disconnect(.idle)) }
      case .alert(let alertAction):
        if case .log(let alert) = alertAction { box.alerts.append(alert) }
        if case .disconnect = alertAction, box.engineOpen { result.append(.disconnect(.budget)) }
      case .idle, .saveStats:
        break
      }
    }
    return result
  }
}
