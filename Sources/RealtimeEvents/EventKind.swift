/// The kind of a ``RealtimeEvent`` without its payload, so that activity rules are plain sets.
///
/// Client and server events already have distinct cases; a client `conversation.item.create` of a
/// `function_call_output` item gets its own kind because it ends a tool call.
public enum EventKind: String, Sendable, Hashable, CaseIterable, Comparable {
  case sessionCreated = "session.created"
  case sessionUpdated = "session.updated"
  case speechStarted = "input_audio_buffer.speech_started"
  case speechStopped = "input_audio_buffer.speech_stopped"
  case inputAudioCommitted = "input_audio_buffer.committed"
  case inputAudioCleared = "input_audio_buffer.cleared"
  case inputAudioTimeoutTriggered = "input_audio_buffer.timeout_triggered"
  case responseCreated = "response.created"
  case responseDone = "response.done"
  case outputAudioDelta = "response.output_audio.delta"
  case outputTextDelta = "response.output_text.delta"
  case functionCallArgumentsDone = "response.function_call_arguments.done"
  case conversationItemAdded = "conversation.item.added"
  case conversationItemTruncated = "conversation.item.truncated"
  case transcriptionCompleted = "conversation.item.input_audio_transcription.completed"
  case transcriptionFailed = "conversation.item.input_audio_transcription.failed"
  case rateLimitsUpdated = "rate_limits.updated"
  case error = "error"
  case sessionUpdate = "client:session.update"
  case inputAudioAppend = "client:input_audio_buffer.append"
  case inputAudioCommit = "client:input_audio_buffer.commit"
  case inputAudioClear = "client:input_audio_buffer.clear"
  case conversationItemCreate = "client:conversation.item.create"
  case functionCallOutputCreate = "client:conversation.item.create(function_call_output)"
  case responseCreate = "client:response.create"
  case responseCancel = "client:response.cancel"
  case userCommand = "local.user_command"
  case localAudio = "local.audio"
  case sessionClosed = "local.session_closed"
  case passthrough = "other known event"
  case unknown = "unknown event"
  case liveSessionStart = "client:session.start"
  case liveSessionStarted = "session.started"
  case liveUsageUpdated = "session.usage.updated"
  case liveSessionClosed = "session.closed"
  case liveSessionClose = "client:session.close"
  case liveInputAudioAppend = "client:session.input_audio.append"
  case liveInputTranscriptDelta = "session.input_transcript.delta"
  case liveOutputTranscriptDelta = "session.output_transcript.delta"
  case liveInputAudioMuted = "session.input_audio.muted"
  case liveInputAudioUnmuted = "session.input_audio.unmuted"
  case liveDelegationCreated = "session.delegation.created"
  case liveBackendEvent = "response.event"
  case liveOutputAudioDelta = "session.output_audio.delta"

  /// The kind of `event`.
  public init(_ event: RealtimeEvent) {
    switch event {
    case .sessionCreated: self = .sessionCreated
    case .sessionUpdated: self = .sessionUpdated
    case .speechStarted: self = .speechStarted
    case .speechStopped: self = .speechStopped
    case .inputAudioCommitted: self = .inputAudioCommitted
    case .inputAudioCleared: self = .inputAudioCleared
    case .inputAudioTimeoutTriggered: self = .inputAudioTimeoutTriggered
    case .responseCreated: self = .responseCreated
    case .responseDone: self = .responseDone
    case .outputAudioDelta: self = .outputAudioDelta
    case .outputTextDelta: self = .outputTextDelta
    case .functionCallArgumentsDone: self = .functionCallArgumentsDone
    case .conversationItemAdded: self = .conversationItemAdded
    case .conversationItemTruncated: self = .conversationItemTruncated
    case .transcriptionCompleted: self = .transcriptionCompleted
    case .transcriptionFailed: self = .transcriptionFailed
    case .rateLimitsUpdated: self = .rateLimitsUpdated
    case .error: self = .error
    case .sessionUpdate: self = .sessionUpdate
    case .inputAudioAppend: self = .inputAudioAppend
    case .inputAudioCommit: self = .inputAudioCommit
    case .inputAudioClear: self = .inputAudioClear
    case .conversationItemCreate(let item):
      self = item.type == .functionCallOutput ? .functionCallOutputCreate : .conversationItemCreate
    case .responseCreate: self = .responseCreate
    case .responseCancel: self = .responseCancel
    case .userCommand: self = .userCommand
    case .localAudio: self = .localAudio
    case .sessionClosed: self = .sessionClosed
    case .liveSessionStart: self = .liveSessionStart
    case .liveSessionStarted: self = .liveSessionStarted
    case .liveUsageUpdated: self = .liveUsageUpdated
    case .liveSessionClosed: self = .liveSessionClosed
    case .liveSessionClose: self = .liveSessionClose
    case .liveInputAudioAppend: self = .liveInputAudioAppend
    case .liveInputTranscriptDelta: self = .liveInputTranscriptDelta
    case .liveOutputTranscriptDelta: self = .liveOutputTranscriptDelta
    case .liveInputAudioMuted: self = .liveInputAudioMuted
    case .liveInputAudioUnmuted: self = .liveInputAudioUnmuted
    case .liveDelegationCreated: self = .liveDelegationCreated
    case .liveBackendEvent: self = .liveBackendEvent
    case .liveOutputAudioDelta: self = .liveOutputAudioDelta
    case .passthrough: self = .passthrough
    case .unknown: self = .unknown
    }
  }

  /// The position in ``allCases`` (a bit index for activity-rule masks).
  public var ordinal: Int {
    switch self {
    case .sessionCreated: 0
    case .sessionUpdated: 1
    case .speechStarted: 2
    case .speechStopped: 3
    case .inputAudioCommitted: 4
    case .inputAudioCleared: 5
    case .inputAudioTimeoutTriggered: 6
    case .responseCreated: 7
    case .responseDone: 8
    case .outputAudioDelta: 9
    case .outputTextDelta: 10
    case .functionCallArgumentsDone: 11
    case .conversationItemAdded: 12
    case .conversationItemTruncated: 13
    case .transcriptionCompleted: 14
    case .transcriptionFailed: 15
    case .rateLimitsUpdated: 16
    case .error: 17
    case .sessionUpdate: 18
    case .inputAudioAppend: 19
    case .inputAudioCommit: 20
    case .inputAudioClear: 21
    case .conversationItemCreate: 22
    case .functionCallOutputCreate: 23
    case .responseCreate: 24
    case .responseCancel: 25
    case .userCommand: 26
    case .localAudio: 27
    case .sessionClosed: 28
    case .passthrough: 29
    case .unknown: 30
    case .liveSessionStart: 31
    case .liveSessionStarted: 32
    case .liveUsageUpdated: 33
    case .liveSessionClosed: 34
    case .liveSessionClose: 35
    case .liveInputAudioAppend: 36
    case .liveInputTranscriptDelta: 37
    case .liveOutputTranscriptDelta: 38
    case .liveInputAudioMuted: 39
    case .liveInputAudioUnmuted: 40
    case .liveDelegationCreated: 41
    case .liveBackendEvent: 42
    case .liveOutputAudioDelta: 43
    }
  }

  public static func < (lhs: EventKind, rhs: EventKind) -> Bool { lhs.ordinal < rhs.ordinal }
}
