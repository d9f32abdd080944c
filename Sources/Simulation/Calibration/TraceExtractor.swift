public import Billing
public import RealtimeEvents

/// Builds a ``RecordedTrace`` from a recording's events.
///
/// Feed every event with ``add(_:)`` in order, then take ``finish()``. The speech spans come from
/// the events' `audio_start_ms`/`audio_end_ms` (the server's own positions in the input buffer), or
/// from the events' times in a timed recording whose events lack them.
public struct TraceExtractor: Sendable {
  private var trace = RecordedTrace()
  private var eventIndex: Int64 = 0
  private var speechStart: Micros?
  private var pendingCommit: Micros?
  private var lastWasCommit = false
  /// Responses created and not yet done, by id, with the step index their response goes to.
  private var openResponses: [(id: String?, step: Int, time: Micros)] = []
  /// The input format in force and the audio appended since the last commit or clear (µs), for a
  /// commit that no `speech_stopped` sized (push-to-talk, a client commit).
  private var inputFormat = AudioFormat.pcm16
  private var appendedSinceCommit: Micros = 0
  private var parameters: WorldModelParameters

  public init(parameters: WorldModelParameters = WorldModelParameters()) {
    self.parameters = parameters
  }

  /// Adds one event (in file order).
  public mutating func add(_ event: TimedEvent) throws(CalibrationError) {
    eventIndex += 1
    if event.time == nil { trace.timed = false }
    let time = event.time ?? eventIndex * RecordedTrace.nominalSpacing
    let wasCommit = lastWasCommit
    lastWasCommit = false
    switch event.event {
    case .sessionCreated(let config):
      if trace.model == nil { trace.model = config.model }
      if let format = config.inputAudioFormat { inputFormat = format }
      trace.steps.append(.newSession)
    case .sessionUpdated(let config):
      if let format = config.inputAudioFormat { inputFormat = format }
    case .inputAudioAppend(let bytes):
      appendedSinceCommit += bytes * Micros.perSecond / inputFormat.bytesPerSecond
    case .inputAudioCleared:
      appendedSinceCommit = 0
    case .speechStarted(let audioStart):
      speechStart = try Self.position(audioStart, "audio_start_ms", event: event)
    case .speechStopped(let audioEnd):
      let end = try Self.position(audioEnd, "audio_end_ms", event: event)
      if let start = speechStart { pendingCommit = max(0, end - start) }
      speechStart = nil
    case .inputAudioCommitted:
      // Without a `speech_stopped` (push-to-talk, a client commit), the audio appended since the
      // last commit is what was committed; a server-event log shows no appends: then 1 s (assumption).
      let committed = pendingCommit ?? (appendedSinceCommit > 0 ? appendedSinceCommit : Self.unsizedCommit)
      trace.steps.append(.userAudio(committed))
      pendingCommit = nil
      appendedSinceCommit = 0
      lastWasCommit = true
    case .conversationItemAdded(let item):
      // The committed audio's own item follows its commit; assistant items come with responses.
      if item.role == .user, !wasCommit {
        trace.steps.append(.textItem(tokens: 0))
      } else if item.type == .functionCallOutput {
        trace.steps.append(.textItem(tokens: Self.toolResultTokens))
      }
    case .responseCreated(let id):
      trace.steps.append(.response(index: -1, time: time))
      openResponses.append((id, trace.steps.count - 1, time))
    case .responseDone(let done):
      try responseDone(done, line: event.line, time: time)
    case .conversationItemTruncated(let audioEnd):
      // Without `audio_end_ms` what played is unknown: the answer is kept whole (the upper bound).
      if let played = audioEnd { trace.steps.append(.truncate(played: played)) }
    default:
      break
    }
  }

  /// Committed audio no event sizes: one second (assumption).
  public static let unsizedCommit: Micros = 1_000_000

  /// Tool results are not in a server-event log: sized like the scenarios' default (assumption).
  public static let toolResultTokens: Int64 = 80

  private mutating func responseDone(_ done: ResponseDone, line: Int, time: Micros) throws(CalibrationError) {
    var slot = openResponses.firstIndex { $0.id != nil && $0.id == done.responseID }
    if slot == nil, !openResponses.isEmpty { slot = 0 }
    let step: Int
    if let slot {
      step = openResponses[slot].step
      openResponses.remove(at: slot)
    } else {
      trace.steps.append(.response(index: -1, time: time))
      step = trace.steps.count - 1
    }
    guard case .response(_, let createdAt) = trace.steps[step] else { return }
    let counts: TokenCounts
    do {
      counts = try (done.usage ?? ResponseUsage(counts: .zero)).tokenCounts().tokens
    } catch {
      throw CalibrationError(line: line, message: "response.done usage: \(error.description)")
    }
    if counts == .zero {
      trace.unbilledLines.append(line)
      trace.steps[step] = .cancelledUnbilled
      return
    }
    let audio = counts.audioOut * 1_000_000 / parameters.assistantAudioTokensPerSecond
    trace.responses.append(
      RecordedTrace.Response(
        line: line, status: done.status, recorded: counts, outputAudio: audio, outputText: counts.textOut,
        functionCall: !done.functionCalls.isEmpty))
    trace.steps[step] = .response(index: trace.responses.count - 1, time: createdAt)
  }

  /// The trace.
  public func finish() -> RecordedTrace { trace }

  /// The speech position the server reported, or, in a timed recording whose events lack it, the
  /// event's own time: both ends of a segment come from the same source, so the utterance length is
  /// right either way.
  static func position(_ reported: Micros?, _ key: String, event: TimedEvent) throws(CalibrationError)
    -> Micros
  {
    if let reported { return reported }
    guard let time = event.time else {
      throw CalibrationError(
        line: event.line, message: "\(event.event.typeName) without \(key) in a bare recording")
    }
    return time
  }
}

/// A recording the calibration cannot use, with the line at fault.
public struct CalibrationError: Error, Sendable, Equatable, CustomStringConvertible {
  public var line: Int
  public var message: String

  public init(line: Int, message: String) {
    self.line = line
    self.message = message
  }

  public var description: String { "line \(line): \(message)" }
}
