public import Billing
public import RealtimeEvents
public import SessionGuard

/// Builds a ``SessionGuard/SessionGuard/Configuration`` from a scenario's ``PolicySettings``.
public enum GuardConfiguration {
  /// The alert policy's periodic check interval in the simulator.
  ///
  /// The thresholds are session-window thresholds in real mode, which fire on a metered change
  /// (`response.done`, transcription) and not on a periodic check: between two metered changes the
  /// session amount does not change, and a new session starts at zero. So the periodic check only
  /// re-evaluates the same amount, and checking hourly instead of every 10 s changes no decision
  /// while sparing the engine ~50,000 wake-ups a week.
  public static let alertCheckInterval: Micros = 3_600 * Micros.perSecond

  /// The guard for `settings`: IdleMonitor (real configuration; the real or the seed activity
  /// classifier per ``PolicySettings/activity``; no monitor timeout when `idle_timeout` is off),
  /// AlertPolicy (warning and alert on the session window; the alert's actions are log, log +
  /// callback, or log + disconnect), and a real-mode UsageTracker pricing with `priceCard`.
  public static func make(
    settings: PolicySettings, priceCard: PriceCard, transcriptionCard: TranscriptionPriceCard? = nil,
    epochAtZero: Micros = 0
  ) -> SessionGuard.Configuration {
    let classifier: ActivityClassifier = settings.activity == .seed ? .seed : .real
    let idle = IdleMonitor.Configuration.real(
      timeout: settings.idleTimeout, checkInterval: settings.checkInterval, classifier: classifier)
    var thresholds: [AlertPolicy.Threshold] = []
    if let warn = settings.warn { thresholds.append(.init(window: .session, level: .warning, amount: warn)) }
    if let alert = settings.alert { thresholds.append(.init(window: .session, level: .alert, amount: alert)) }
    let alertActions: [AlertActionKind] =
      switch settings.alertAction {
      case .log: [.log]
      case .callback: [.log, .callback]
      case .disconnect: [.log, .disconnect]
      }
    let alerts = AlertPolicy.Configuration(
      mode: .real, thresholds: thresholds, checkInterval: alertCheckInterval, warningActions: [.log],
      alertActions: alertActions)
    let usage = UsageTracker.Configuration(
      mode: .real, priceCard: priceCard, transcriptionCard: transcriptionCard, epochAtZero: epochAtZero)
    return SessionGuard.Configuration(idle: idle, usage: usage, alerts: alerts)
  }
}
