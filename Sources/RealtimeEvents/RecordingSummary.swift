import Billing

/// What a recording holds, computed while streaming (pure: events in, counts out).
///
/// Counts by type (beta and GA names together under ``RealtimeEvent/typeName``), unknown types,
/// responses by status, function calls, audio in (appends) and out (deltas) by the format of the
/// session configuration in force, and for timed recordings the duration and the idle gaps under an
/// ``ActivityRule``. Pricing is not done here: the caller feeds `response.done` usage to its meter.
///
/// The configuration in force starts as the API default (pcm16 both ways) and every
/// `session.created`, `session.updated` or client `session.update` is merged onto it (fields the
/// event leaves out keep their value).
public struct RecordingSummary: Sendable, Equatable {
  public let activityRule: ActivityRule

  /// Events added.
  public private(set) var events = 0
  /// Events per type name.
  public private(set) var eventCounts: [String: Int] = [:]
  /// Events of unknown type.
  public private(set) var unknownEvents = 0
  /// Timed or bare: set by the first event (a time means timed).
  public private(set) var style: RecordingStyle?
  /// The time of the first and the last event (timed recordings).
  public private(set) var firstTime: Micros?
  public private(set) var lastTime: Micros?
  /// The session configuration in force after the last event.
  public private(set) var session = SessionConfig()
  /// Session events seen (created, updated, update).
  public private(set) var sessionEvents = 0
  /// Audio appended by the client, by input format.
  public private(set) var audioIn = AudioTally()
  /// Audio deltas from the server, by output format.
  public private(set) var audioOut = AudioTally()
  /// `response.done` per status.
  public private(set) var responsesByStatus: [ResponseStatus: Int] = [:]
  /// Cancelled responses whose usage is not all zero: billed although cut short.
  public private(set) var cancelledWithUsage = 0
  /// Function calls: output items of `response.done` of type `function_call`.
  public private(set) var functionCalls = 0
  /// Transcriptions completed, and how many carried a usage block.
  public private(set) var transcriptions = 0
  public private(set) var transcriptionsWithUsage = 0
  /// GPT-Live: the `reason` of every `session.closed`, in order, and `session.usage.updated` seen.
  public private(set) var liveCloseReasons: [LiveCloseReason] = []
  public private(set) var liveUsageReports = 0
  private var gaps = IdleGaps()

  public init(activityRule: ActivityRule = .real) {
    self.activityRule = activityRule
  }

  /// The summary of every event of `events`.
  public init<S: Sequence>(_ events: S, activityRule: ActivityRule = .real)
  where S.Element == TimedEvent {
    self.init(activityRule: activityRule)
    for event in events { add(event) }
  }

  /// Adds one event.
  public mutating func add(_ timed: TimedEvent) {
    events += 1
    let event = timed.event
    if style == nil { style = timed.time == nil ? .bare : .timed }
    switch event {
    case .outputAudioDelta(let bytes), .liveOutputAudioDelta(let bytes):
      audioOut.add(bytes: bytes, format: session.outputAudioFormat ?? .pcm16)
    case .inputAudioAppend(let bytes), .liveInputAudioAppend(let bytes):
      audioIn.add(bytes: bytes, format: session.inputAudioFormat ?? .pcm16)
    case .liveSessionClosed(let reason, _):
      liveCloseReasons.append(reason)
    case .liveUsageUpdated:
      liveUsageReports += 1
    case .sessionCreated(let config), .sessionUpdated(let config), .sessionUpdate(let config),
      .liveSessionStart(let config), .liveSessionStarted(let config):
      session = session.merging(config)
      sessionEvents += 1
    case .responseDone(let done):
      responsesByStatus[done.status, default: 0] += 1
      functionCalls += done.functionCalls.count
      if done.status == .cancelled, let usage = done.usage, usage.hasTokens { cancelledWithUsage += 1 }
    case .transcriptionCompleted(let usage):
      transcriptions += 1
      if usage != nil { transcriptionsWithUsage += 1 }
    case .unknown: unknownEvents += 1
    default: break
    }
    eventCounts[event.typeName, default: 0] += 1
    if let time = timed.time {
      if firstTime == nil {
        firstTime = time
        gaps.start(at: time)
      }
      lastTime = max(lastTime ?? time, time)
      if activityRule.isActivity(event) { gaps.record(activityAt: time) }
    }
  }

  /// Whether the recording holds GPT-Live session events (`session.start`, `session.started`,
  /// `session.usage.updated`, `session.closed`).
  public var isLive: Bool {
    ["session.start", "session.started", "session.usage.updated", "session.closed"].contains {
      eventCounts[$0] != nil
    }
  }

  /// Whether the recording has timestamps (false for a bare recording and before any event).
  public var isTimed: Bool { style == .timed }

  /// The recording's length: the time of its last event (`t` counts from the start). Nil when bare.
  public var duration: Micros? { lastTime }

  /// Idle gaps up to the last event; nil for a bare recording.
  public var idleGaps: IdleGaps? {
    guard let lastTime else { return nil }
    return gaps.closed(at: lastTime)
  }

  /// The model named by the session configuration (the dated name from `session.created`).
  public var model: String? { session.model }

  /// Responses in total.
  public var responses: Int { responsesByStatus.values.reduce(0, +) }

  /// Event counts sorted by type name (a deterministic order for output).
  public var sortedEventCounts: [(type: String, count: Int)] {
    eventCounts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
  }
}

extension ResponseUsage {
  /// Whether any count in the block is above zero (some cancelled responses carry all zeros).
  var hasTokens: Bool {
    [
      totalTokens, inputTokens, outputTokens, input?.textTokens, input?.audioTokens, input?.imageTokens,
      output?.textTokens, output?.audioTokens,
    ].contains { ($0 ?? 0) > 0 }
  }
}
