/// The Realtime event type names rtcost knows, and who sends them (DESIGN §1, event names).
enum EventCatalog {
  /// Types that only a client sends; a bare line of one of these types is a client event.
  static let clientTypes: Set<String> = [
    "session.update", "input_audio_buffer.append", "input_audio_buffer.commit", "input_audio_buffer.clear",
    "conversation.item.create", "conversation.item.truncate", "conversation.item.delete",
    "conversation.item.retrieve", "response.create", "response.cancel", "output_audio_buffer.clear",
    "transcription_session.update",
    // GPT-Live client events.
    "session.start", "session.close", "session.input_audio.append", "session.input_audio.mute",
    "session.input_audio.unmute", "session.instructions.append", "session.thinking.append",
    "session.commentary.append", "transport.dtmf.send",
  ]

  /// Known types that carry nothing rtcost measures: read as ``RealtimeEvent/passthrough(type:)``.
  static let passthroughTypes: Set<String> = [
    // Server, both versions.
    "conversation.created", "conversation.item.deleted", "conversation.item.retrieved",
    "conversation.item.input_audio_transcription.delta",
    "conversation.item.input_audio_transcription.segment",
    "response.output_item.added", "response.output_item.done", "response.content_part.added",
    "response.content_part.done", "response.function_call_arguments.delta", "transcription_session.updated",
    // Beta names.
    "response.audio.done", "response.audio_transcript.done", "response.text.done",
    // GA names. `conversation.item.done` follows `conversation.item.added` for the same item, so only
    // the `added` event is modelled (counting both would count every item twice).
    "conversation.item.done", "response.output_audio.done", "response.output_audio_transcript.done",
    "response.output_text.done", "output_audio_buffer.started", "output_audio_buffer.stopped",
    "output_audio_buffer.cleared",
    // GA MCP events.
    "mcp_list_tools.in_progress", "mcp_list_tools.completed", "mcp_list_tools.failed",
    "response.mcp_call_arguments.delta", "response.mcp_call_arguments.done", "response.mcp_call.in_progress",
    "response.mcp_call.completed", "response.mcp_call.failed",
    // Client events without a modelled case.
    "conversation.item.truncate", "conversation.item.delete", "conversation.item.retrieve",
    "output_audio_buffer.clear", "transcription_session.update",
    // GPT-Live events without a modelled case.
    "info", "session.instructions.appended", "session.thinking.appended", "session.commentary.appended",
    "session.input_audio.mute", "session.input_audio.unmute", "session.instructions.append",
    "session.thinking.append", "session.commentary.append", "transport.dtmf.received",
    "transport.dtmf.send", "transport.ringing", "transport.answered", "transport.failed",
  ]

  /// The direction of an event known only by its type: `local.*` is local, client types are
  /// client, everything else (unknown types included) is server.
  static func direction(ofType type: String) -> EventDirection {
    if type.hasPrefix("local.") { return .local }
    return clientTypes.contains(type) ? .client : .server
  }
}

extension RealtimeEvent {
  /// The event's type name, GA spelling for modelled events (beta and GA names of one event share
  /// one name, so `response.audio.delta` is `response.output_audio.delta`); the type as read for
  /// ``passthrough(type:)`` and ``unknown(type:)``. Text and transcript deltas share
  /// `response.output_text.delta`, as they share ``outputTextDelta``.
  public var typeName: String {
    switch self {
    case .sessionCreated: "session.created"
    case .sessionUpdated: "session.updated"
    case .speechStarted: "input_audio_buffer.speech_started"
    case .speechStopped: "input_audio_buffer.speech_stopped"
    case .inputAudioCommitted: "input_audio_buffer.committed"
    case .inputAudioCleared: "input_audio_buffer.cleared"
    case .inputAudioTimeoutTriggered: "input_audio_buffer.timeout_triggered"
    case .responseCreated: "response.created"
    case .responseDone: "response.done"
    case .outputAudioDelta: "response.output_audio.delta"
    case .outputTextDelta: "response.output_text.delta"
    case .functionCallArgumentsDone: "response.function_call_arguments.done"
    case .conversationItemAdded: "conversation.item.added"
    case .conversationItemTruncated: "conversation.item.truncated"
    case .transcriptionCompleted: "conversation.item.input_audio_transcription.completed"
    case .transcriptionFailed: "conversation.item.input_audio_transcription.failed"
    case .rateLimitsUpdated: "rate_limits.updated"
    case .error: "error"
    case .sessionUpdate: "session.update"
    case .inputAudioAppend: "input_audio_buffer.append"
    case .inputAudioCommit: "input_audio_buffer.commit"
    case .inputAudioClear: "input_audio_buffer.clear"
    case .conversationItemCreate: "conversation.item.create"
    case .responseCreate: "response.create"
    case .responseCancel: "response.cancel"
    case .userCommand: "local.user_command"
    case .localAudio: "local.audio"
    case .sessionClosed: "local.session_closed"
    case .liveSessionStart: "session.start"
    case .liveSessionStarted: "session.started"
    case .liveUsageUpdated: "session.usage.updated"
    case .liveSessionClosed: "session.closed"
    case .liveSessionClose: "session.close"
    case .liveInputAudioAppend: "session.input_audio.append"
    case .liveInputTranscriptDelta: "session.input_transcript.delta"
    case .liveOutputTranscriptDelta: "session.output_transcript.delta"
    case .liveInputAudioMuted: "session.input_audio.muted"
    case .liveInputAudioUnmuted: "session.input_audio.unmuted"
    case .liveDelegationCreated: "session.delegation.created"
    case .liveBackendEvent: "response.event"
    case .liveOutputAudioDelta: "session.output_audio.delta"
    case .passthrough(let type), .unknown(let type): type
    }
  }

  /// Who sends this kind of event: the direction a bare line of this type is given.
  public var defaultDirection: EventDirection { EventCatalog.direction(ofType: typeName) }
}
