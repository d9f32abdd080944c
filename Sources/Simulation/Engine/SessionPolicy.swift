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
/// ``check(slot:at:)`` at ``nextCheck(slot:)``. Implementations are value types with time passed
/// in; the real SessionGuard IdleMonitor and AlertPolicy are adapted to this protocol.
/// Returning an empty array allocates nothing.
///
/// A policy keeps ``checkSlots`` independently scheduled checks: one for a single guard, one per
/// guard for a policy that drives several guards on one run (``ShadowGuards``). Each slot's check
/// is queued, superseded and run exactly as a single policy's would be, so a guard in a slot sees
/// the same calls in the same order as it would driving the run alone.
public protocol SessionPolicy {
  /// Sees one event at `now`.
  mutating func observe(_ event: TimedEvent, at now: Micros) -> [PolicyAction]
  /// How many independently scheduled checks the policy keeps (1 unless it drives several guards).
  var checkSlots: Int { get }
  /// When the policy next wants ``check(slot:at:)`` for `slot`; nil when it needs none.
  func nextCheck(slot: Int) -> Micros?
  /// A timed check of `slot` (an idle monitor's tick).
  mutating func check(slot: Int, at now: Micros) -> [PolicyAction]
  /// Sees, before a check of `slot`, a streaming chunk that was due but not yet reported (the
  /// coalesced detail reports streams later, see ``EventDetail``): a zero-byte append or delta at
  /// the time the chunk was due. It is activity for a rule that counts streaming and meters
  /// nothing; it is not an event of the run.
  mutating func observeUnreportedChunk(_ event: TimedEvent, at time: Micros, slot: Int) -> [PolicyAction]
  /// Copies what the policy counted (alerts) into the run's stats when the run ends.
  func record(into stats: inout EngineStats)
  /// Whether audio appends or deltas reset the idle timer of `slot` (the seed's every-event rule).
  /// When false, a coalesced run need not show it the unreported chunks before its checks.
  func streamingIsActivity(slot: Int) -> Bool
  /// Whether the rest of the run can no longer matter to the caller (the engine then stops early,
  /// its stats incomplete): true only for ``ShadowGuards`` once every guard has acted.
  var watchesNothing: Bool { get }
}

/// A policy with one guard: one check slot.
public protocol SingleSessionPolicy: SessionPolicy {
  /// When the policy next wants ``check(at:)``; nil when it needs none.
  var nextCheck: Micros? { get }
  /// A timed check (an idle monitor's tick).
  mutating func check(at now: Micros) -> [PolicyAction]
  /// Whether audio appends or deltas reset the policy's idle timer (the seed's every-event rule).
  var streamingIsActivity: Bool { get }
}

extension SingleSessionPolicy {
  public var checkSlots: Int { 1 }
  public func nextCheck(slot: Int) -> Micros? { nextCheck }
  public mutating func check(slot: Int, at now: Micros) -> [PolicyAction] { check(at: now) }
  public mutating func observeUnreportedChunk(_ event: TimedEvent, at time: Micros, slot: Int)
    -> [PolicyAction]
  {
    observe(event, at: time)
  }
  public func streamingIsActivity(slot: Int) -> Bool { streamingIsActivity }
  /// Unless a policy says otherwise, assume streaming events may matter to it.
  public var streamingIsActivity: Bool { true }
}

extension SessionPolicy {
  /// Policies without counts of their own record nothing.
  public func record(into stats: inout EngineStats) {}
  /// A policy that drives the run wants all of it.
  public var watchesNothing: Bool { false }
}

/// The baseline: never disconnects.
public struct NeverDisconnectPolicy: SingleSessionPolicy, Sendable, Equatable {
  public init() {}
  public mutating func observe(_ event: TimedEvent, at now: Micros) -> [PolicyAction] { [] }
  public var nextCheck: Micros? { nil }
  public mutating func check(at now: Micros) -> [PolicyAction] { [] }
  public var streamingIsActivity: Bool { false }
}
