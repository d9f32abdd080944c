import HeapModule
import RealtimeEvents

/// What an engine-internal event does when its time comes, with the data it needs.
///
/// Events that belong to a session carry its number: events of a session that has closed since
/// are dropped. A plain enum of plain values (no references), so the heap stores it inline and
/// pushing allocates nothing once the heap's buffer has grown.
enum ScheduledWork: Sendable, Equatable {
  /// A trace stimulus whose handling was deferred (a reconnect or a conversation shift).
  case stimulus(index: Int32)
  /// The end of a user turn or noise burst: commit and respond.
  case commit(index: Int32, session: UInt32)
  /// A server idle-timeout re-prompt is due; `token` is the silence it belongs to.
  case reprompt(token: Int64, session: UInt32)
  /// `function_call_arguments.done` of the response in `slot`.
  case functionArgumentsDone(slot: Int32, session: UInt32)
  /// The app finished the tool of the response in `slot`.
  case toolDone(slot: Int32, session: UInt32)
  /// The next audio delta of response `response` in `slot`, with `remaining` audio to send (a
  /// cancelled response's deltas no longer match its slot's response).
  case audioDelta(slot: Int32, response: UInt32, remaining: Micros, session: UInt32)
  /// Input transcription completed for `committed` µs of audio.
  case transcription(committed: Micros, session: UInt32)
  /// The policy's timed check of `slot` (``SessionPolicy/checkSlots``), scheduled for `due`.
  case policyCheck(due: Micros, slot: Int32)
  /// The server's session length cap.
  case sessionExpired(session: UInt32)
  /// A reconnect finished: open the session (if still waiting for this one).
  case sessionReady(readyAt: Micros)
  /// The mic sends another append.
  case micTick(session: UInt32)
  /// GPT-Live: the API's next `session.usage.updated`.
  case liveUsageReport(session: UInt32)
  /// GPT-Live: a delegated turn's backend response finished.
  case liveBackendDone(session: UInt32)
  /// GPT-Live: the server's own idle timeout may have run out (``LiveSessionModel/serverIdleTimeout``).
  case liveServerIdle(session: UInt32)

  /// The session the work belongs to; nil for work that outlives sessions.
  var session: UInt32? {
    switch self {
    case .commit(_, let session), .reprompt(_, let session), .functionArgumentsDone(_, let session),
      .toolDone(_, let session), .audioDelta(_, _, _, let session), .transcription(_, let session),
      .sessionExpired(let session), .micTick(let session), .liveUsageReport(let session),
      .liveBackendDone(let session), .liveServerIdle(let session):
      session
    case .stimulus, .policyCheck, .sessionReady:
      nil
    }
  }
}

/// An engine-internal event waiting for its time.
struct ScheduledEvent: Comparable, Sendable {
  var time: Micros
  var sequence: UInt64
  var work: ScheduledWork

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

  /// Schedules `work` at `time`.
  /// - Complexity: O(log n).
  mutating func push(_ work: ScheduledWork, at time: Micros) {
    heap.insert(ScheduledEvent(time: time, sequence: nextSequence, work: work))
    nextSequence &+= 1
  }

  /// Removes and returns the earliest event.
  /// - Complexity: O(log n).
  mutating func pop() -> ScheduledEvent? { heap.popMin() }
}
