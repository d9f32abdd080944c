internal import Billing
internal import RealtimeEvents
internal import SessionGuard

/// The guard settings a recording is replayed under (`--idle-timeout`, `--check-interval`,
/// `--activity`, `--warn`, `--alert`, `--alert-action`).
struct ReplayPolicy: Sendable, Equatable {
  /// Idle timeout; nil turns the idle monitor off.
  var idleTimeout: Micros?
  var checkInterval: Micros
  /// `real` components or the seed-compatible reproduction (classifier, meter and alerts together).
  var mode: GuardMode
  /// Session warning and alert thresholds; nil for none.
  var warn: Money?
  var alert: Money?
  /// Whether an alert (not a warning) also closes the connection.
  var alertDisconnects: Bool

  /// The original design's numbers: 5 min timeout checked every 30 s, $0.50 / $1.00, log only.
  static let defaults = ReplayPolicy(
    idleTimeout: 300 * Micros.perSecond, checkInterval: 30 * Micros.perSecond, mode: .real,
    warn: Money(usd: "0.50"), alert: Money(usd: "1.00"), alertDisconnects: false)

  /// The policy as one line for reports: `idle 5m / check 30s, real, warn $0.5, alert $1 (log)`.
  var label: String {
    let idle = idleTimeout.map {
      "idle \(DurationText.format($0)) / check \(DurationText.format(checkInterval))"
    }
    return [
      idle ?? "idle off",
      mode == .real ? "real" : "seed-compatible",
      "warn " + (warn.map(\.description) ?? "none"),
      "alert " + (alert.map(\.description) ?? "none") + (alertDisconnects ? " (disconnect)" : " (log)"),
    ].joined(separator: ", ")
  }

  /// The composite guard's configuration for a session priced with `card`.
  func configuration(
    card: PriceCard, transcriptionCard: TranscriptionPriceCard?, epochAtZero: Micros
  ) -> SessionGuard.Configuration {
    let idle: IdleMonitor.Configuration =
      mode == .real
      ? .real(timeout: idleTimeout, checkInterval: checkInterval)
      : .seed(timeout: idleTimeout, checkInterval: checkInterval)
    var thresholds: [AlertPolicy.Threshold] = []
    if let warn { thresholds.append(.init(window: .session, level: .warning, amount: warn)) }
    if let alert { thresholds.append(.init(window: .session, level: .alert, amount: alert)) }
    let alertActions: [AlertActionKind] = alertDisconnects ? [.log, .disconnect] : [.log]
    let alerts =
      mode == .real
      ? AlertPolicy.Configuration(
        mode: .real, thresholds: thresholds, warningActions: [.log], alertActions: alertActions)
      : AlertPolicy.Configuration(
        mode: .seed, thresholds: thresholds, checkInterval: 10 * Micros.perSecond, warningActions: [.log],
        alertActions: alertActions)
    return SessionGuard.Configuration(
      idle: idle,
      usage: UsageTracker.Configuration(
        mode: mode, priceCard: card, transcriptionCard: transcriptionCard, epochAtZero: epochAtZero),
      alerts: alerts)
  }
}
