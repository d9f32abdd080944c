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
public struct GuardPolicy: SessionPolicy {
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
    let classifier = configuration.idle.classifier
    streamingIsActivity =
      classifier.isActivity(kind: .inputAudioAppend) || classifier.isActivity(kind: .outputAudioDelta)
  }

  /// The guard a scenario's policy settings describe, pricing with `priceCard`.
  public init(
    settings: PolicySettings, priceCard: PriceCard, transcriptionCard: TranscriptionPriceCard? = nil,
    epochAtZero: Micros = 0
  ) {
    self.init(
      configuration: GuardConfiguration.make(
        settings: settings, priceCard: priceCard, transcriptionCard: transcriptionCard,
        epochAtZero: epochAtZero))
  }

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
    if skipsChecksThatCannotFire, let timeout, case .connected(let since) = box.guardState.idle.state,
      box.guardState.idle.pausedSince == nil, let next = idleNext
    {
      let threshold = box.guardState.idle.lastActivity + timeout
      if next <= threshold {
        idleNext = since + ((threshold - since) / checkInterval + 1) * checkInterval
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
    case .sessionCreated:
      box.engineOpen = true
      actions = box.guardState.connected(at: now) + box.guardState.handle(event.event, at: now)
    case .passthrough(type: EngineMarkers.sessionClosed):
      box.engineOpen = false
      actions = box.guardState.advance(to: now)
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
