public import Billing
public import RealtimeEvents
public import SessionGuard

/// A forecast's policy grid: every combination of the listed values, with the combinations that
/// cannot differ merged, and the baseline the savings are measured against.
public struct PolicyGrid: Sendable, Equatable {
  /// The policies in grid order (idle timeout outermost, then check interval, activity, mode,
  /// warning, alert, alert action).
  public var policies: [GuardSettings]
  /// The index of the baseline in ``policies``.
  public var baseline: Int

  /// The values each setting takes; every list needs at least one value.
  public struct Axes: Sendable, Equatable {
    public var idleTimeouts: [Micros?]
    public var checkIntervals: [Micros]
    public var activities: [ActivityRule]
    public var modes: [GuardMode]
    /// Warning thresholds; each value is (window, amount or nil for none).
    public var warnings: [(window: UsageWindow, amount: Money?)]
    public var alerts: [(window: UsageWindow, amount: Money?)]
    public var alertActions: [AlertActionKind]

    public init(
      idleTimeouts: [Micros?], checkIntervals: [Micros], activities: [ActivityRule],
      modes: [GuardMode] = [.real],
      warnings: [(window: UsageWindow, amount: Money?)], alerts: [(window: UsageWindow, amount: Money?)],
      alertActions: [AlertActionKind]
    ) {
      self.idleTimeouts = idleTimeouts
      self.checkIntervals = checkIntervals
      self.activities = activities
      self.modes = modes
      self.warnings = warnings
      self.alerts = alerts
      self.alertActions = alertActions
    }

    public static func == (lhs: Axes, rhs: Axes) -> Bool {
      lhs.idleTimeouts == rhs.idleTimeouts && lhs.checkIntervals == rhs.checkIntervals
        && lhs.activities == rhs.activities && lhs.modes == rhs.modes
        && lhs.warnings.map(\.window) == rhs.warnings.map(\.window)
        && lhs.warnings.map(\.amount) == rhs.warnings.map(\.amount)
        && lhs.alerts.map(\.window) == rhs.alerts.map(\.window)
        && lhs.alerts.map(\.amount) == rhs.alerts.map(\.amount) && lhs.alertActions == rhs.alertActions
    }
  }

  /// Why a grid cannot be built.
  public enum GridError: Error, Sendable, Equatable, CustomStringConvertible {
    case emptyAxis(String)
    case baselineNotInGrid(String)
    case invalidPolicy(String)

    public var description: String {
      switch self {
      case .emptyAxis(let name): "\(name): give at least one value"
      case .baselineNotInGrid(let timeout):
        "the baseline timeout \(timeout) is not one of the grid's idle timeouts"
      case .invalidPolicy(let problem): problem
      }
    }
  }

  /// The grid of `axes` over `base` (the scenario's policy: what no axis sets, such as thresholds on
  /// other windows or a daily budget, is kept), with the baseline at idle timeout `baselineTimeout`
  /// (`nil`: off) and every other setting at its list's first value.
  ///
  /// With no timeout the check interval and the activity rule change nothing, and with no alert
  /// threshold the alert action changes nothing: such combinations appear once, with the lists'
  /// first values. Every policy is checked (``SessionGuard/GuardSettings/problem``).
  public init(axes: Axes, base: GuardSettings = GuardSettings(), baselineTimeout: Micros?) throws(GridError) {
    for (name, count) in [
      ("idle timeouts", axes.idleTimeouts.count), ("check intervals", axes.checkIntervals.count),
      ("activity rules", axes.activities.count), ("modes", axes.modes.count),
      ("warning thresholds", axes.warnings.count), ("alert thresholds", axes.alerts.count),
      ("alert actions", axes.alertActions.count),
    ] where count == 0 {
      throw .emptyAxis(name)
    }
    var policies: [GuardSettings] = []
    for timeout in axes.idleTimeouts {
      for check in axes.checkIntervals {
        for activity in axes.activities {
          for mode in axes.modes {
            for warn in axes.warnings {
              for alert in axes.alerts {
                for action in axes.alertActions {
                  var policy = base
                  policy.mode = mode
                  policy.idleTimeout = timeout
                  policy.checkInterval = timeout == nil ? axes.checkIntervals[0] : check
                  policy.activity = timeout == nil ? axes.activities[0] : activity
                  policy.setThreshold(.warning, in: warn.window, to: warn.amount)
                  policy.setThreshold(.alert, in: alert.window, to: alert.amount)
                  let alerts = policy.thresholds.contains { $0.level == .alert }
                  policy.alertAction = alerts ? action : axes.alertActions[0]
                  if let problem = policy.problem { throw .invalidPolicy(problem) }
                  if !policies.contains(policy) { policies.append(policy) }
                }
              }
            }
          }
        }
      }
    }
    let first = axes
    func isFirst(_ policy: GuardSettings) -> Bool {
      policy.activity == first.activities[0] && policy.mode == first.modes[0]
        && policy.threshold(.warning, in: first.warnings[0].window) == first.warnings[0].amount
        && policy.threshold(.alert, in: first.alerts[0].window) == first.alerts[0].amount
        && policy.alertAction == first.alertActions[0]
    }
    guard
      let index = policies.firstIndex(where: { $0.idleTimeout == baselineTimeout && isFirst($0) })
        ?? policies.firstIndex(where: { $0.idleTimeout == baselineTimeout })
    else {
      throw .baselineNotInGrid(baselineTimeout.map(DurationText.format) ?? "off")
    }
    self.policies = policies
    baseline = index
  }
}
