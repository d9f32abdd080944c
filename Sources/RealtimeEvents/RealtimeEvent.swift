public import Billing

/// Who sent an event: the API (`server`), the app (`client`), or an app-side marker (`local`).
public enum EventDirection: String, Sendable, Equatable, CaseIterable {
  case server, client, local
}

/// One Realtime API event, with beta and GA names mapped onto one model (DESIGN §1, event names).
///
/// Only what rtcost measures is kept; audio payloads are reduced to their decoded byte counts.
/// Known events that carry nothing rtcost needs are ``passthrough(type:)``; unknown ones are
/// ``unknown(type:)`` so that a reader can count them.
///
/// The cases that carry a configuration, a usage report or text are `indirect`: they are rare, and
/// boxing them keeps every event as small as an audio event's byte count, which is what a replay
/// copies tens of thousands of times.
public enum RealtimeEvent: Sendable, Equatable {
  // Server: session.
  indirect case sessionCreated(SessionConfig)
  indirect case sessionUpdated(SessionConfig)
  // Server: input audio buffer and turn detection.
  /// `input_audio_buffer.speech_started`; `audioStart` is the server's `audio_start_ms` (as µs of the
  /// input buffer), nil when the event carried none.
  case speechStarted(audioStart: Micros?)
  /// `input_audio_buffer.speech_stopped`; `audioEnd` is the server's `audio_end_ms` (as µs).
  case speechStopped(audioEnd: Micros?)
  case inputAudioCommitted
  case inputAudioCleared
  /// GA `input_audio_buffer.timeout_triggered`: server VAD's `idle_timeout_ms` fired.
  case inputAudioTimeoutTriggered
  // Server: responses.
  case responseCreated(responseID: String?)
  indirect case responseDone(ResponseDone)
  /// `response.audio.delta` (beta) or `response.output_audio.delta` (GA): decoded payload bytes.
  case outputAudioDelta(bytes: Int64)
  /// `response.text.delta` / `response.output_text.delta` and the audio-transcript deltas.
  case outputTextDelta
  /// `response.function_call_arguments.done`: the model asked for a tool call.
  case functionCallArgumentsDone(callID: String?, name: String?)
  /// `conversation.item.created` (beta) or `conversation.item.added` (GA; the later `conversation.item.done`
  /// for the same item is a passthrough, so items are not counted twice).
  indirect case conversationItemAdded(ConversationItemInfo)
  /// `conversation.item.truncated`; `audioEnd` is its `audio_end_ms` (as µs): what played of the item.
  case conversationItemTruncated(audioEnd: Micros?)
  indirect case transcriptionCompleted(TranscriptionUsage?)
  case transcriptionFailed
  case rateLimitsUpdated
  /// `error`; ``RealtimeErrorCode/sessionExpired`` is the session length cap.
  indirect case error(code: RealtimeErrorCode?, message: String?)
  // Client.
  indirect case sessionUpdate(SessionConfig)
  /// `input_audio_buffer.append`: decoded payload bytes (measured from the base64 length).
  case inputAudioAppend(bytes: Int64)
  case inputAudioCommit
  case inputAudioClear
  indirect case conversationItemCreate(ConversationItemInfo)
  case responseCreate
  case responseCancel
  // Local markers.
  /// `local.user_command`: the user deliberately addressed the device (wake word, button).
  case userCommand
  /// `local.audio`: a WAV file becomes the microphone stream (or one utterance) from this time.
  indirect case localAudio(LocalAudioMarker)
  /// `local.session_closed`: the app (or a proxy, or the simulator) closed the connection, or saw it
  /// close, for `reason`. The API never sees it; drivers use it to end a session.
  case sessionClosed(SessionCloseReason)
  // GPT-Live (`/v1/live/sessions`; DESIGN §7.4). `session.updated` and `error` share the Realtime cases.
  /// Client `session.start`: the session's configuration (model, delegation).
  indirect case liveSessionStart(SessionConfig)
  /// `session.started`: the session runs.
  indirect case liveSessionStarted(SessionConfig)
  /// `session.usage.updated`: the cumulative billed duration so far (a snapshot, never summed).
  indirect case liveUsageUpdated(LiveUsageReport)
  /// `session.closed`: the session ended for `reason`; `usage` is its final cumulative usage.
  indirect case liveSessionClosed(reason: LiveCloseReason, usage: LiveUsageReport?)
  /// Client `session.close`.
  case liveSessionClose
  /// Client `session.input_audio.append`: decoded payload bytes.
  case liveInputAudioAppend(bytes: Int64)
  /// `session.output_audio.delta`: decoded payload bytes of the model's speech.
  case liveOutputAudioDelta(bytes: Int64)
  /// `session.input_transcript.delta`: the server heard the user speak.
  case liveInputTranscriptDelta
  /// `session.output_transcript.delta`: the model is speaking.
  case liveOutputTranscriptDelta
  /// `session.input_audio.muted` (muting does not end the session or its billing).
  case liveInputAudioMuted
  /// `session.input_audio.unmuted`.
  case liveInputAudioUnmuted
  /// `session.delegation.created`: backend work started.
  case liveDelegationCreated
  /// `response.event`: an event of the backend Responses model, with its usage when it finished.
  indirect case liveBackendEvent(LiveBackendResponse)
  /// A known event type that carries nothing rtcost measures.
  case passthrough(type: String)
  /// An event type rtcost does not know; counted and ignored.
  case unknown(type: String)
}

/// An event with its time (nil in a bare recording), direction and source line.
public struct TimedEvent: Sendable, Equatable {
  /// Microseconds since the recording started; nil when the recording has no timestamps.
  public var time: Micros?
  public var direction: EventDirection
  public var event: RealtimeEvent
  /// 1-based line in the source file (0 when generated).
  public var line: Int

  public init(time: Micros?, direction: EventDirection, event: RealtimeEvent, line: Int = 0) {
    self.time = time
    self.direction = direction
    self.event = event
    self.line = line
  }
}

/// Audio encodings of the Realtime API and their byte rates.
public enum AudioFormat: String, Sendable, Equatable, CaseIterable {
  /// 16-bit little-endian mono at 24 kHz: 48,000 bytes/s.
  case pcm16
  /// G.711 μ-law at 8 kHz: 8,000 bytes/s.
  case g711Ulaw = "g711_ulaw"
  /// G.711 A-law at 8 kHz: 8,000 bytes/s.
  case g711Alaw = "g711_alaw"

  /// Decoded bytes per second of audio.
  public var bytesPerSecond: Int64 { self == .pcm16 ? 48_000 : 8_000 }

  /// Parses beta strings (`pcm16`, `g711_ulaw`) and GA MIME-like types (`audio/pcm`, `audio/pcmu`, `audio/pcma`).
  public init?(apiName: String) {
    switch apiName {
    case "pcm16", "audio/pcm": self = .pcm16
    case "g711_ulaw", "audio/pcmu": self = .g711Ulaw
    case "g711_alaw", "audio/pcma": self = .g711Alaw
    default: return nil
    }
  }
}

/// The parts of a session configuration that affect cost and idle behaviour.
public struct SessionConfig: Sendable, Equatable {
  public var model: String?
  public var inputAudioFormat: AudioFormat?
  public var outputAudioFormat: AudioFormat?
  public var turnDetection: TurnDetection?
  /// The input transcription model (`whisper-1`, `gpt-4o-transcribe`); nil when transcription is off.
  public var transcriptionModel: String?
  public var instructionsCharacters: Int?
  public var toolCount: Int?
  /// `expires_at`: when the server will end the session at its length cap, in Unix seconds (what
  /// dates a recording that has no header).
  public var expiresAt: Int64?
  /// `created_at` of the session object, in Unix seconds, when the log carries it.
  public var createdAt: Int64?
  /// GPT-Live `delegation.type` (`client` or `responses`).
  public var delegationType: String?
  /// GPT-Live `delegation.responses.model`: the backend model whose tokens are billed separately.
  public var backendModel: String?

  public init(
    model: String? = nil, inputAudioFormat: AudioFormat? = nil, outputAudioFormat: AudioFormat? = nil,
    turnDetection: TurnDetection? = nil, transcriptionModel: String? = nil,
    instructionsCharacters: Int? = nil,
    toolCount: Int? = nil, expiresAt: Int64? = nil, createdAt: Int64? = nil,
    delegationType: String? = nil, backendModel: String? = nil
  ) {
    self.model = model
    self.inputAudioFormat = inputAudioFormat
    self.outputAudioFormat = outputAudioFormat
    self.turnDetection = turnDetection
    self.transcriptionModel = transcriptionModel
    self.instructionsCharacters = instructionsCharacters
    self.toolCount = toolCount
    self.expiresAt = expiresAt
    self.createdAt = createdAt
    self.delegationType = delegationType
    self.backendModel = backendModel
  }
}

/// Turn detection settings (`server_vad` or `semantic_vad`).
public struct TurnDetection: Sendable, Equatable {
  public var type: String
  public var threshold: Double?
  public var prefixPaddingMs: Int?
  public var silenceDurationMs: Int?
  /// GA `idle_timeout_ms`: commits silence and creates a billed re-prompt; does not disconnect.
  public var idleTimeoutMs: Int?
  public var createResponse: Bool?

  public init(
    type: String, threshold: Double? = nil, prefixPaddingMs: Int? = nil, silenceDurationMs: Int? = nil,
    idleTimeoutMs: Int? = nil, createResponse: Bool? = nil
  ) {
    self.type = type
    self.threshold = threshold
    self.prefixPaddingMs = prefixPaddingMs
    self.silenceDurationMs = silenceDurationMs
    self.idleTimeoutMs = idleTimeoutMs
    self.createResponse = createResponse
  }
}

/// The final state of a response (`response.done`).
public struct ResponseDone: Sendable, Equatable {
  public var responseID: String?
  public var status: ResponseStatus
  /// `status_details.reason`, such as `turn_detected` for a barge-in cancellation.
  public var reason: String?
  /// The usage block; nil when the event carried none.
  public var usage: ResponseUsage?
  /// Function calls among the output items.
  public var functionCalls: [FunctionCall]

  public init(
    responseID: String? = nil, status: ResponseStatus, reason: String? = nil, usage: ResponseUsage?,
    functionCalls: [FunctionCall] = []
  ) {
    self.responseID = responseID
    self.status = status
    self.reason = reason
    self.usage = usage
    self.functionCalls = functionCalls
  }
}

/// `response.status` values.
public enum ResponseStatus: String, Sendable, Equatable, CaseIterable, Comparable {
  case completed, cancelled, failed, incomplete
  case inProgress = "in_progress"

  public static func < (lhs: ResponseStatus, rhs: ResponseStatus) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}

/// A function call output item.
public struct FunctionCall: Sendable, Equatable {
  public var name: String?
  public var callID: String?

  public init(name: String?, callID: String?) {
    self.name = name
    self.callID = callID
  }
}

/// A `local.audio` marker: a WAV file as microphone input from the marker's time.
public struct LocalAudioMarker: Sendable, Equatable {
  /// How the file is used.
  public enum Use: String, Sendable, Equatable {
    /// An ambient room recording: every VAD segment becomes a committed user turn.
    case ambient
    /// One user utterance: its duration sets the turn's audio tokens.
    case utterance
  }

  /// Path of the WAV file, relative to the recording's folder unless absolute.
  public var path: String
  public var use: Use
  /// For `ambient`: whether VAD segments are genuine speech to the agent (true) or noise (false).
  public var genuine: Bool

  public init(path: String, use: Use, genuine: Bool) {
    self.path = path
    self.use = use
    self.genuine = genuine
  }
}
