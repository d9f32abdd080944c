public import RealtimeEvents

/// Several guards watching one run that none of them changes.
///
/// Each guard sees every event and keeps its own check slot, queued, superseded and run exactly as
/// it would be if the guard drove the run alone (``SessionPolicy``), so until it first asks to act
/// it sees the calls its own run would make, in the same order. A coalesced check does not report
/// the streams (``Engine`` shows the guard the unreported chunks instead), so a guard's checks do
/// not change the events either: a guard that never acts would have had exactly this run. The
/// first time a guard asks to close the session it is dropped (its run differs from here on and is
/// simulated apart); the others go on watching. The shadows never act, so the run is the one of a
/// policy that never disconnects.
///
/// Used by a forecast to run the policies of a grid that turn out never to act (the seed activity
/// rule with any timeout, no timeout) once per world instead of once each.
public struct ShadowGuards: SessionPolicy {
  /// The guards, in the order given.
  public private(set) var guards: [GuardPolicy]
  /// Whether each guard asked to act at some point (its run is not this one).
  public private(set) var acted: [Bool]
  /// Guards that have not acted yet.
  private var watching: Int
  /// Whether the run itself is wanted to its end (for a policy that never acts at all).
  private let runIsWanted: Bool

  /// Shadows of `guards` (each a fresh guard, one per run); `runIsWanted`: run to the horizon even
  /// once every guard has acted.
  public init(_ guards: [GuardPolicy], runIsWanted: Bool = false) {
    self.guards = guards
    acted = Array(repeating: false, count: guards.count)
    watching = guards.count
    self.runIsWanted = runIsWanted
  }

  public var checkSlots: Int { guards.count }

  /// Whether every guard has acted: the rest of the run tells nothing (``Engine`` stops early).
  public var watchesNothing: Bool { watching == 0 && !runIsWanted }

  public mutating func observe(_ event: TimedEvent, at now: Micros) -> [PolicyAction] {
    for index in guards.indices where !acted[index] {
      note(guards[index].observe(event, at: now), of: index)
    }
    return []
  }

  public func nextCheck(slot: Int) -> Micros? { acted[slot] ? nil : guards[slot].nextCheck }

  public mutating func check(slot: Int, at now: Micros) -> [PolicyAction] {
    if !acted[slot] { note(guards[slot].check(at: now), of: slot) }
    return []
  }

  public mutating func observeUnreportedChunk(_ event: TimedEvent, at time: Micros, slot: Int)
    -> [PolicyAction]
  {
    if !acted[slot] { note(guards[slot].observe(event, at: time), of: slot) }
    return []
  }

  public func streamingIsActivity(slot: Int) -> Bool { !acted[slot] && guards[slot].streamingIsActivity }

  /// The stats of guard `index`'s own run, given this run's `stats`: the same counts with its own
  /// alerts; nil when it acted (its run is another one).
  public func stats(ofGuard index: Int, in stats: EngineStats) -> EngineStats? {
    guard !acted[index] else { return nil }
    var own = stats
    guards[index].record(into: &own)
    return own
  }

  private mutating func note(_ actions: [PolicyAction], of index: Int) {
    guard !actions.isEmpty else { return }
    acted[index] = true
    watching -= 1
  }
}
