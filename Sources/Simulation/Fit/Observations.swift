public import Billing
public import RealtimeEvents

/// What a timed recording shows of its world, event by event, before any interpretation: the
/// sessions, every committed utterance with the responses that followed it, local commands, and
/// server re-prompts (``RecordingObserver`` builds it; ``ScenarioFitter`` interprets it).
public struct RecordingObservations: Sendable, Equatable {
  /// One session, from `session.created` to its close (nil: open at the end of the recording).
  public struct Session: Sendable, Equatable {
    public var start: Micros
    public var end: Micros?
    public var closeReason: SessionCloseReason?
    public var config: SessionConfig
  }

  /// A response and what it produced.
  public struct Response: Sendable, Equatable {
    public var created: Micros
    /// The first output audio delta, when the recording has deltas.
    public var firstAudio: Micros?
    /// Decoded output audio bytes (the sum of the deltas).
    public var audioBytes: Int64 = 0
    /// `response.done`: when, with which status and usage (nil before it or without usage).
    public var done: Micros?
    public var status: ResponseStatus?
    public var usage: TokenCounts?
    /// Whether the response asked for a function call, when its arguments were done, and when the
    /// client sent the tool's output (`conversation.item.create` of a `function_call_output`).
    public var functionCall = false
    public var argumentsDone: Micros?
    public var toolOutput: Micros?
  }

  /// A committed user utterance (or a noise burst a VAD committed) and what answered it.
  public struct Utterance: Sendable, Equatable {
    /// The index in ``sessions`` it was committed in.
    public var session: Int
    /// When speech started (the event's time; the server's `audio_start_ms` sets only the length).
    public var start: Micros
    /// The speech itself: the server's span less prefix padding and trailing silence, or (push to
    /// talk) the appended audio.
    public var speech: Micros
    public var commit: Micros
    /// Whether it started while the previous answer was still playing (a barge-in).
    public var bargeIn: Bool
    /// The responses created after it and before the next commit, in order.
    public var responses: [Response] = []
  }

  /// The recording's name (its provenance).
  public var name: String
  /// The wall-clock time of day at time 0 (from the header's `started_at`; 0 = midnight when
  /// the header has none) and the calendar day, when known.
  public var timeOfDayAtZero: Micros = 0
  public var startDay: CalendarDay?
  public var hasStartTime = false
  /// The first and last event times.
  public var firstEvent: Micros = 0
  public var lastEvent: Micros = 0

  /// The time the recording watched: from its start (time 0) to its last event. Idle time before the
  /// first session counts (nothing happened then); after the last event nothing is known.
  public var observed: (start: Micros, end: Micros) { (min(0, firstEvent), max(lastEvent, observedEnd ?? 0)) }
  /// When the recording is known to have stopped watching (``ScenarioFitter/Options/observedSpan``).
  public var observedEnd: Micros?
  public var sessions: [Session] = []
  public var utterances: [Utterance] = []
  /// Local user commands (wake words, buttons), by time.
  public var commands: [Micros] = []
  /// Server `idle_timeout_ms` re-prompts and their responses.
  public var reprompts: [Response] = []
  /// `error` events with `session_expired`: the session length cap was reached.
  public var expiries: [Micros] = []
  /// Events the observer used, and `response.done` events it could not attach to a response.
  public var events = 0
  public var unattachedResponses = 0

  public init(name: String) { self.name = name }
}
