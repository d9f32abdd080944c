import HeapModule
import RealtimeEvents

/// An engine-internal event waiting for its time.
///
/// A plain value (no references), so the heap stores it inline and pushing allocates nothing once
/// the heap's buffer has grown.
struct ScheduledEvent: Comparable, Sendable {
  enum Kind: UInt8, Sendable {
    /// A trace stimulus whose handling was deferred (reconnect or conversation shift); `slot` is
    /// its trace index.
    case stimulus
    /// The end of a user turn or noise burst: commit and respond; `slot` is the trace index.
    case commit
    /// A server idle-timeout re-prompt is due; `value` is the re-prompt token it belongs to.
    case reprompt
    /// `function_call_arguments.done` of the response in `slot`.
    case functionArgumentsDone
    /// The app finished the tool of the response in `slot`.
    case toolDone
    /// The next audio delta of the response in `slot`.
    case audioDelta
    /// Input transcription completed for `value` µs of committed audio.
    case transcription
    /// The policy's timed check; `value` is the time it was scheduled for.
    case policyCheck
    /// The server's session length cap.
    case sessionExpired
    /// A reconnect finished: open the session.
    case sessionReady
    /// The mic sends another append.
    case micTick
  }

  var time: Micros
  var sequence: UInt64
  var kind: Kind
  /// The session the event belongs to; events of a closed session are dropped.
  var session: UInt32
  var slot: Int32
  var value: Int64
  /// The response id an audio delta belongs to; a cancelled response's deltas no longer match.
  var tag: UInt32 = 0

  static func < (lhs: ScheduledEvent, rhs: ScheduledEvent) -> Bool {
    lhs.time != rhs.time ? lhs.time < rhs.time : lhs.sequence < rhs.sequence
  }

  static func == (lhs: ScheduledEvent, rhs: ScheduledEvent) -> Bool {
    lhs.time == rhs.time && lhs.sequence == rhs.sequence
  }
}

/// A min-heap of events keyed by (time, sequence).
///
/// swift-collections' `Heap` is not stable, so each push takes the next sequence number: events at
/// the same time pop in the order they were pushed, which makes every run deterministic.
struct EventQueue: Sendable {
  private var heap = Heap<ScheduledEvent>()
  private var nextSequence: UInt64 = 0

  init(capacity: Int = 256) { heap.reserveCapacity(capacity) }

  var isEmpty: Bool { heap.isEmpty }
  var count: Int { heap.count }

  /// The earliest event's time.
  var nextTime: Micros? { heap.min?.time }

  /// Schedules an event.
  /// - Complexity: O(log n).
  mutating func push(
    _ kind: ScheduledEvent.Kind, at time: Micros, session: UInt32, slot: Int32 = 0, value: Int64 = 0,
    tag: UInt32 = 0
  ) {
    heap.insert(
      ScheduledEvent(
        time: time, sequence: nextSequence, kind: kind, session: session, slot: slot, value: value, tag: tag))
    nextSequence &+= 1
  }

  /// Removes and returns the earliest event.
  /// - Complexity: O(log n).
  mutating func pop() -> ScheduledEvent? { heap.popMin() }
}
