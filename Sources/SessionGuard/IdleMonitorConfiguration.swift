public import RealtimeEvents

extension IdleMonitor {
  /// How an ``IdleMonitor`` decides that a session is idle and how it reconnects.
  public struct Configuration: Sendable, Equatable {
    /// Real component or seed reproduction; printed next to every number.
    public var mode: GuardMode
    /// Disconnect when the idle time is strictly greater than this; nil turns the monitor off.
    public var timeout: Micros?
    /// Checks run at connect + k·interval (k = 1, 2, …), as the seed's sleeping thread did.
    public var checkInterval: Micros
    /// Which events reset the timer and which reconnect.
    public var activity: ActivityRule
    /// Whether the timer stops while a tool call runs (from `response.function_call_arguments.done`
    /// until the app sends the `function_call_output` item or `response.create`).
    public var pausesDuringToolCalls: Bool
    /// How long a reconnect may take before it is given up.
    public var reconnectWait: Micros
    /// What happens to user input held during a reconnect that failed: the real monitor drops it and
    /// reports the failure; the seed ran the command anyway on a closed socket (defect 10).
    public var runsInputAfterFailedReconnect: Bool
    /// Whether `error` with code `session_expired` (the session length cap) reconnects at once.
    public var reconnectsOnSessionExpiry: Bool

    public init(
      mode: GuardMode = .real, timeout: Micros?, checkInterval: Micros,
      activity: ActivityRule = .real, pausesDuringToolCalls: Bool = true,
      reconnectWait: Micros = 10 * Micros.perSecond, runsInputAfterFailedReconnect: Bool = false,
      reconnectsOnSessionExpiry: Bool = true
    ) {
      precondition(checkInterval > 0, "the check interval must be positive")
      precondition(timeout.map { $0 >= 0 } ?? true, "the timeout must not be negative")
      self.mode = mode
      self.timeout = timeout
      self.checkInterval = checkInterval
      self.activity = activity
      self.pausesDuringToolCalls = pausesDuringToolCalls
      self.reconnectWait = reconnectWait
      self.runsInputAfterFailedReconnect = runsInputAfterFailedReconnect
      self.reconnectsOnSessionExpiry = reconnectsOnSessionExpiry
    }

    /// The real monitor: real classifier, paused during tool calls, failed reconnects reported.
    public static func real(
      timeout: Micros?, checkInterval: Micros = 30 * Micros.perSecond,
      activity: ActivityRule = .real, reconnectWait: Micros = 10 * Micros.perSecond
    ) -> Configuration {
      Configuration(
        mode: .real, timeout: timeout, checkInterval: checkInterval, activity: activity,
        reconnectWait: reconnectWait)
    }

    /// The original design: 300 s timeout checked every 30 s, every event is activity, no pause for
    /// tool calls, a 5 s reconnect wait (10 polls × 0.5 s) after which the command runs anyway.
    public static func seed(
      timeout: Micros? = 300 * Micros.perSecond, checkInterval: Micros = 30 * Micros.perSecond,
      activity: ActivityRule = .seed
    ) -> Configuration {
      Configuration(
        mode: .seed, timeout: timeout, checkInterval: checkInterval, activity: activity,
        pausesDuringToolCalls: false, reconnectWait: 5 * Micros.perSecond,
        runsInputAfterFailedReconnect: true)
    }
  }
}
