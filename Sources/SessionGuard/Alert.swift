public import Billing
public import RealtimeEvents

/// How serious a cost alert is.
public enum AlertLevel: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
  case warning, alert

  public static func < (lhs: AlertLevel, rhs: AlertLevel) -> Bool { lhs == .warning && rhs == .alert }
}

/// One threshold crossing.
public struct Alert: Sendable, Equatable {
  /// When it fired.
  public var time: Micros
  public var level: AlertLevel
  /// The window whose amount crossed the threshold (seed mode: `session`, though the amount is the
  /// lifetime total, defect 6).
  public var window: UsageWindow
  /// The amount that crossed.
  public var amount: Money
  public var threshold: Money
  /// Which component produced it; seed-mode alerts are labelled as such.
  public var mode: GuardMode

  public init(
    time: Micros, level: AlertLevel, window: UsageWindow, amount: Money, threshold: Money, mode: GuardMode
  ) {
    self.time = time
    self.level = level
    self.window = window
    self.amount = amount
    self.threshold = threshold
    self.mode = mode
  }

  /// One line for a log: `warning: session cost $0.52 reached $0.50 (real)`.
  public var message: String {
    "\(level.rawValue): \(window.rawValue) cost \(amount) reached \(threshold) (\(mode.label))"
  }
}

/// What an alert makes the app do.
public enum AlertActionKind: String, Sendable, Hashable, CaseIterable, Codable {
  /// Write the alert to the log.
  case log
  /// Call the app's callback (notify a person, a dashboard).
  case callback
  /// Close the connection (a hard budget).
  case disconnect
}
