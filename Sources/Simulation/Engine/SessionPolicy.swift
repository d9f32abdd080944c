public import RealtimeEvents

/// Why a policy ends a session.
public enum DisconnectReason: UInt8, Sendable, Equatable, CaseIterable {
  /// Idle for longer than the timeout.
  case idle
  /// A cost threshold with the disconnect action.
  case budget
}

/// What a policy asks the engine to do.
public enum PolicyAction: Sendable, Equatable {
  /// Close the session now; the next genuine user turn or user command reconnects, paying the
  /// reconnect latency, with an empty context (only the prompt can still be cached).
  case disconnect(DisconnectReason)
}

/// A guard policy the engine consults: it sees every event and asks for timed checks.
///
/// The engine calls ``observe(_:at:)`` for every event it emits (server, client and local) and
/// ``check(at:)`` at ``nextCheck``. Implementations are value types with time passed in; the real
/// SessionGuard IdleMonitor and AlertPolicy are adapted to this protocol after their merge.
/// Returning an empty array allocates nothing.
public protocol SessionPolicy {
  /// Sees one event at `now`.
  mutating func observe(_ event: TimedEvent, at now: Micros) -> [PolicyAction]
  /// When the policy next wants ``check(at:)``; nil when it needs none.
  var nextCheck: Micros? { get }
  /// A timed check (an idle monitor's tick).
  mutating func check(at now: Micros) -> [PolicyAction]
  /// Copies what the policy counted (alerts) into the run's stats when the run ends.
  func record(into stats: inout EngineStats)
  /// Whether audio appends or deltas reset the policy's idle timer (the seed's every-event rule).
  /// When false, a coalesced run need not report them before each check (see ``EventDetail``).
  var streamingIsActivity: Bool { get }
}

extension SessionPolicy {
  /// Unless a policy says otherwise, assume streaming events may matter to it.
  public var streamingIsActivity: Bool { true }

  /// Policies without counts of their own record nothing.
  public func record(into stats: inout EngineStats) {}
}

/// The baseline: never disconnects.
public struct NeverDisconnectPolicy: SessionPolicy, Sendable, Equatable {
  public init() {}
  public mutating func observe(_ event: TimedEvent, at now: Micros) -> [PolicyAction] { [] }
  public var nextCheck: Micros? { nil }
  public mutating func check(at now: Micros) -> [PolicyAction] { [] }
  public var streamingIsActivity: Bool { false }
}
