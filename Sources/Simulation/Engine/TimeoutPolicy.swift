public import RealtimeEvents
public import SessionGuard

/// A minimal idle-timeout policy for the engine's own tests and as a stand-in until the real
/// SessionGuard IdleMonitor is adapted to ``SessionPolicy``.
///
/// Checks tick at connect + k·interval; a check disconnects when the time since the last activity
/// is strictly greater than the timeout. With ``GuardMode/real`` activity is speech, commits,
/// responses, function calls, client item/response creation and local user commands (not audio
/// appends, deltas, rate limits or session events); with ``GuardMode/seed`` every event counts, as in
/// the original design (DESIGN §4 defect 1).
public struct TimeoutPolicy: SessionPolicy, Sendable, Equatable {
  public let timeout: Micros
  public let interval: Micros
  public let activity: GuardMode
  private var connectedAt: Micros? = nil
  private var lastActivity: Micros = 0
  private var ticks: Int64 = 0

  public init(timeout: Micros, interval: Micros, activity: GuardMode = .real) {
    precondition(timeout > 0 && interval > 0, "timeout and interval must be positive")
    self.timeout = timeout
    self.interval = interval
    self.activity = activity
  }

  /// The scenario's idle settings as a policy; nil when `idle_timeout` is `off`.
  public init?(settings: PolicySettings) {
    guard let timeout = settings.idleTimeout else { return nil }
    self.init(timeout: timeout, interval: settings.checkInterval, activity: settings.activity)
  }

  public var nextCheck: Micros? { connectedAt.map { $0 + (ticks + 1) * interval } }

  public var streamingIsActivity: Bool { activity == .seed }

  public mutating func observe(_ event: TimedEvent, at now: Micros) -> [PolicyAction] {
    switch event.event {
    case .sessionCreated:
      connectedAt = now
      lastActivity = now
      ticks = 0
    case .passthrough(type: EngineMarkers.sessionClosed):
      connectedAt = nil
    default:
      if activity == .seed || Self.isActivity(event.event) { lastActivity = now }
    }
    return []
  }

  public mutating func check(at now: Micros) -> [PolicyAction] {
    guard connectedAt != nil else { return [] }
    ticks += 1
    if now - lastActivity > timeout {
      connectedAt = nil
      return [.disconnect(.idle)]
    }
    return []
  }

  /// The real activity classifier (DESIGN §3 IdleMonitor).
  public static func isActivity(_ event: RealtimeEvent) -> Bool {
    switch event {
    case .speechStarted, .speechStopped, .inputAudioCommitted, .inputAudioCommit, .responseCreated,
      .responseDone, .responseCreate, .functionCallArgumentsDone, .conversationItemCreate, .userCommand:
      true
    default:
      false
    }
  }
}
