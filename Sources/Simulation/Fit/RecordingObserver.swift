import Billing
public import RealtimeEvents

/// Reads a timed recording into ``RecordingObservations``: a pure state machine fed one event at a
/// time (``add(_:)``), then ``finish()``.
///
/// An utterance's length comes from the server's `audio_start_ms`/`audio_end_ms` when the events
/// carry them (their span includes the session's prefix padding and trailing silence, which are
/// taken off), else from the events' times (`speech_started` is sent when speech starts and
/// `speech_stopped` after the trailing silence, so the silence is taken off), or, with push to talk,
/// from the audio the client appended before its commit. Speech that overlaps other speech (which a
/// real server VAD cannot report, but a simulated noise burst can) is paired first in, first out.
/// Each response is attached to the utterance committed last before it; after
/// `input_audio_buffer.timeout_triggered`, the next commit and its response are a server re-prompt.
public struct RecordingObserver: Sendable {
  private var observations: RecordingObservations
  private var session: Int?
  /// Speech starts not yet stopped: (event time, `audio_start_ms`, barge-in).
  private var starts: [(time: Micros, audio: Micros?, bargeIn: Bool)] = []
  /// Speech stopped, waiting for its commit: (start time, speech length, barge-in).
  private var stopped: [(start: Micros, speech: Micros, bargeIn: Bool)] = []
  /// Push to talk: the first append since the last commit, and the bytes appended.
  private var appendStart: Micros?
  private var appendedBytes: Int64 = 0
  private var repromptPending = false
  /// Where new responses go: an utterance, a re-prompt, or nowhere (none committed yet).
  private enum Target { case none, utterance(Int), reprompt(Int) }
  private var target = Target.none
  /// Responses created and not yet done, in creation order, by where they were stored.
  private var open: [(target: Target, response: Int, id: String?)] = []
  /// When the newest answer's audio stops playing (its first delta plus its audio at real time).
  private var playbackEnd: Micros = 0

  public init(name: String, header: RecordingHeader?) {
    observations = RecordingObservations(name: name)
    if let text = header?.startedAt, let clock = WallClock.parse(text) {
      observations.timeOfDayAtZero = clock.timeOfDay
      observations.startDay = clock.day
      observations.hasStartTime = true
    }
  }

  /// Sets the header once known (a reader knows it after the first event).
  public mutating func use(header: RecordingHeader?) {
    guard !observations.hasStartTime, let text = header?.startedAt, let clock = WallClock.parse(text) else {
      return
    }
    observations.timeOfDayAtZero = clock.timeOfDay
    observations.startDay = clock.day
    observations.hasStartTime = true
  }

  /// Adds one event; a bare event (no time) is an error naming its line.
  public mutating func add(_ event: TimedEvent) throws(FitError) {
    guard let time = event.time else {
      throw FitError(
        "\(observations.name):\(event.line): the recording has no timestamps; a scenario's timing "
          + "cannot be fitted from it")
    }
    if observations.events == 0 { observations.firstEvent = time }
    observations.events += 1
    observations.lastEvent = time
    switch event.event {
    case .sessionCreated(let config):
      closeSession(at: time, reason: nil)
      observations.sessions.append(.init(start: time, end: nil, closeReason: nil, config: config))
      session = observations.sessions.count - 1
      starts.removeAll()
      stopped.removeAll()
      target = .none
      open.removeAll()
      playbackEnd = 0
    case .sessionUpdated(let config):
      if let session { merge(config, into: session) }
    case .sessionClosed(let reason):
      closeSession(at: time, reason: reason)
    case .error(let code, _):
      if code == .sessionExpired { observations.expiries.append(time) }
    case .userCommand:
      observations.commands.append(time)
    case .speechStarted(let audioStart):
      starts.append((time, audioStart, time < playbackEnd))
    case .conversationItemTruncated:
      if !starts.isEmpty { starts[starts.count - 1].bargeIn = true }
    case .speechStopped(let audioEnd):
      guard !starts.isEmpty else { break }
      let start = starts.removeFirst()
      let settings = vad()
      let span: Micros
      if let audioStart = start.audio, let audioEnd {
        span = audioEnd - audioStart - settings.padding - settings.silence
      } else {
        span = time - start.time - settings.silence
      }
      stopped.append((start.time, max(0, span), start.bargeIn))
    case .inputAudioAppend(let bytes):
      if appendStart == nil { appendStart = time }
      appendedBytes += bytes
    case .inputAudioTimeoutTriggered:
      repromptPending = true
    case .inputAudioCommitted, .inputAudioCommit:
      commit(at: time)
    case .inputAudioCleared, .inputAudioClear:
      appendStart = nil
      appendedBytes = 0
    case .responseCreated(let id):
      createResponse(at: time, id: id)
    case .outputAudioDelta(let bytes):
      if let last = open.last {
        var first = time
        var total = bytes
        update(last) { response in
          if response.firstAudio == nil { response.firstAudio = time }
          response.audioBytes += bytes
          first = response.firstAudio ?? time
          total = response.audioBytes
        }
        playbackEnd = max(playbackEnd, first + total * 1_000_000 / outputBytesPerSecond())
      }
    case .functionCallArgumentsDone:
      if let last = open.last {
        update(last) { response in
          response.functionCall = true
          response.argumentsDone = time
        }
      }
    case .conversationItemCreate(let item):
      if item.type == .functionCallOutput { recordToolOutput(at: time) }
    case .responseDone(let done):
      finishResponse(done, at: time)
    default:
      break
    }
  }

  /// The observations (sessions still open end with the recording).
  public func finish() -> RecordingObservations { observations }

  // MARK: Steps

  private mutating func closeSession(at time: Micros, reason: SessionCloseReason?) {
    guard let index = session else { return }
    observations.sessions[index].end = time
    observations.sessions[index].closeReason = reason
    session = nil
  }

  private mutating func merge(_ config: SessionConfig, into index: Int) {
    var current = observations.sessions[index].config
    if let model = config.model { current.model = model }
    if let format = config.inputAudioFormat { current.inputAudioFormat = format }
    if let format = config.outputAudioFormat { current.outputAudioFormat = format }
    if let detection = config.turnDetection { current.turnDetection = detection }
    if let model = config.transcriptionModel { current.transcriptionModel = model }
    observations.sessions[index].config = current
  }

  /// The current session's VAD padding and silence (DESIGN §1 defaults: 300 ms and 200 ms).
  private func vad() -> (padding: Micros, silence: Micros) {
    let detection = session.flatMap { observations.sessions[$0].config.turnDetection }
    return (
      Micros(detection?.prefixPaddingMs ?? 300) * 1_000, Micros(detection?.silenceDurationMs ?? 200) * 1_000
    )
  }

  private func outputBytesPerSecond() -> Int64 {
    let format = session.flatMap { observations.sessions[$0].config.outputAudioFormat } ?? .pcm16
    return format.bytesPerSecond
  }

  private func inputBytesPerSecond() -> Int64 {
    let format = session.flatMap { observations.sessions[$0].config.inputAudioFormat } ?? .pcm16
    return format.bytesPerSecond
  }

  private mutating func commit(at time: Micros) {
    defer {
      appendStart = nil
      appendedBytes = 0
    }
    if repromptPending {
      repromptPending = false
      target = .reprompt(observations.reprompts.count)
      return
    }
    let speech: (start: Micros, speech: Micros, bargeIn: Bool)
    if !stopped.isEmpty {
      speech = stopped.removeFirst()
    } else if let appendStart {
      speech = (appendStart, appendedBytes * 1_000_000 / inputBytesPerSecond(), false)
    } else {
      return
    }
    observations.utterances.append(
      .init(
        session: session ?? max(0, observations.sessions.count - 1), start: speech.start,
        speech: speech.speech,
        commit: time, bargeIn: speech.bargeIn))
    target = .utterance(observations.utterances.count - 1)
  }

  private mutating func createResponse(at time: Micros, id: String?) {
    let response = RecordingObservations.Response(created: time)
    switch target {
    case .none:
      return
    case .utterance(let index):
      observations.utterances[index].responses.append(response)
      open.append((target, observations.utterances[index].responses.count - 1, id))
    case .reprompt(let index):
      if index == observations.reprompts.count { observations.reprompts.append(response) }
      open.append((target, 0, id))
    }
  }

  private mutating func recordToolOutput(at time: Micros) {
    guard case .utterance(let index) = target else { return }
    if let call = observations.utterances[index].responses.lastIndex(where: {
      $0.functionCall && $0.toolOutput == nil
    }) {
      observations.utterances[index].responses[call].toolOutput = time
    }
  }

  private mutating func finishResponse(_ done: ResponseDone, at time: Micros) {
    guard !open.isEmpty else {
      observations.unattachedResponses += 1
      return
    }
    // The response of the same id, else the oldest still open.
    let index = open.firstIndex { $0.id != nil && $0.id == done.responseID } ?? 0
    let entry = open.remove(at: index)
    let counts = try? done.usage.map { try $0.tokenCounts().tokens }
    update(entry) { response in
      response.done = time
      response.status = done.status
      response.usage = counts ?? nil
      if !done.functionCalls.isEmpty { response.functionCall = true }
    }
  }

  private mutating func update(
    _ entry: (target: Target, response: Int, id: String?),
    _ change: (inout RecordingObservations.Response) -> Void
  ) {
    switch entry.target {
    case .none: return
    case .utterance(let index): change(&observations.utterances[index].responses[entry.response])
    case .reprompt(let index): change(&observations.reprompts[index])
    }
  }
}

/// A recording or a set of recordings a scenario cannot be fitted from, in one sentence naming it.
public struct FitError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
