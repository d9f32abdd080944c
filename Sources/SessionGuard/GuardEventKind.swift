public import RealtimeEvents

/// The kind of a ``RealtimeEvents/RealtimeEvent`` without its payload, so that classifiers are plain sets.
///
/// Client and server events already have distinct cases; a client `conversation.item.create` of a
/// `function_call_output` item gets its own kind because it ends a tool call.
public enum GuardEventKind: String, Sendable, Hashable, CaseIterable, Comparable {
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
  case passthrough = "other known event"
  case unknown = "unknown event"

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
      self = item.type == "function_call_output" ? .functionCallOutputCreate : .conversationItemCreate
    case .responseCreate: self = .responseCreate
    case .responseCancel: self = .responseCancel
    case .userCommand: self = .userCommand
    case .localAudio: self = .localAudio
    case .passthrough: self = .passthrough
    case .unknown: self = .unknown
    }
  }

  public static func < (lhs: GuardEventKind, rhs: GuardEventKind) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}
