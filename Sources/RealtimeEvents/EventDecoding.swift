import Billing

/// One Realtime event object decoded onto ``RealtimeEvent``, with what the reader should warn about.
struct DecodedEvent: Decodable {
  var type: String
  var event: RealtimeEvent
  /// Things that were read but are incomplete (a usage block logged as `"[Object]"`).
  var warnings: [String] = []

  init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: JSONKey.self)
    type = try c.required(String.self, "type")
    event = .unknown(type: type)
    event = try decodeEvent(c)
  }

  private mutating func decodeEvent(_ c: KeyedDecodingContainer<JSONKey>) throws -> RealtimeEvent {
    switch type {
    case "session.created": return .sessionCreated(try session(c))
    case "session.updated": return .sessionUpdated(try session(c))
    case "session.update": return .sessionUpdate(try session(c))
    case "input_audio_buffer.speech_started":
      return .speechStarted(audioStart: try milliseconds(c, "audio_start_ms"))
    case "input_audio_buffer.speech_stopped":
      return .speechStopped(audioEnd: try milliseconds(c, "audio_end_ms"))
    case "input_audio_buffer.committed": return .inputAudioCommitted
    case "input_audio_buffer.cleared": return .inputAudioCleared
    case "input_audio_buffer.timeout_triggered": return .inputAudioTimeoutTriggered
    case "response.created":
      return .responseCreated(responseID: try c.object("response")?.optional(String.self, "id"))
    case "response.done":
      guard let response = try c.object("response") else {
        throw LineProblem(kind: .missingField(path: c.path("response")))
      }
      let (done, malformedItems) = try ResponseDoneDecoding.decode(response)
      if let fields = done.usage?.malformedFields, !fields.isEmpty {
        warnings.append(
          "response.done usage has malformed detail blocks (\(fields.joined(separator: ", "))): "
            + "only its totals can be priced")
      }
      if malformedItems > 0 {
        warnings.append(
          "response.done has \(malformedItems) output item(s) that are not objects: "
            + "function calls among them cannot be seen")
      }
      return .responseDone(done)
    case "response.audio.delta", "response.output_audio.delta":
      return .outputAudioDelta(bytes: try audioBytes(c, "delta"))
    case "response.text.delta", "response.output_text.delta", "response.audio_transcript.delta",
      "response.output_audio_transcript.delta":
      return .outputTextDelta
    case "response.function_call_arguments.done":
      return .functionCallArgumentsDone(
        callID: try c.optional(String.self, "call_id"), name: try c.optional(String.self, "name"))
    case "conversation.item.created", "conversation.item.added":
      return .conversationItemAdded(try itemInfo(c))
    case "conversation.item.truncated":
      return .conversationItemTruncated(audioEnd: try milliseconds(c, "audio_end_ms"))
    case "conversation.item.input_audio_transcription.completed":
      return .transcriptionCompleted(try c.optional(TranscriptionUsage.self, "usage"))
    case "conversation.item.input_audio_transcription.failed": return .transcriptionFailed
    case "rate_limits.updated": return .rateLimitsUpdated
    case "error":
      let error = try c.object("error")
      return .error(
        code: try error?.optional(String.self, "code").map(RealtimeErrorCode.init(wireName:)),
        message: try error?.optional(String.self, "message"))
    case "input_audio_buffer.append": return .inputAudioAppend(bytes: try audioBytes(c, "audio"))
    case "input_audio_buffer.commit": return .inputAudioCommit
    case "input_audio_buffer.clear": return .inputAudioClear
    case "conversation.item.create": return .conversationItemCreate(try itemInfo(c))
    case "response.create": return .responseCreate
    case "response.cancel": return .responseCancel
    case "local.user_command": return .userCommand
    case "local.audio": return .localAudio(try localAudio(c))
    case "local.session_closed":
      return .sessionClosed(SessionCloseReason(wireName: try c.required(String.self, "reason")))
    case "session.start": return .liveSessionStart(try session(c))
    case "session.started": return .liveSessionStarted(try session(c))
    case "session.usage.updated":
      guard let usage = try LiveEventDecoding.usage(c) else {
        throw LineProblem(kind: .missingField(path: c.path("usage")))
      }
      return .liveUsageUpdated(usage)
    case "session.closed":
      let reason = LiveCloseReason(wireName: try c.required(String.self, "reason"))
      let usage = try LiveEventDecoding.usage(c)
      if usage == nil {
        warnings.append("session.closed without usage: the session's final billed time is unconfirmed")
      }
      return .liveSessionClosed(reason: reason, usage: usage)
    case "session.close": return .liveSessionClose
    case "session.input_audio.append": return .liveInputAudioAppend(bytes: try audioBytes(c, "audio"))
    case "session.output_audio.delta": return .liveOutputAudioDelta(bytes: try audioBytes(c, "delta"))
    case "session.input_transcript.delta": return .liveInputTranscriptDelta
    case "session.output_transcript.delta": return .liveOutputTranscriptDelta
    case "session.input_audio.muted": return .liveInputAudioMuted
    case "session.input_audio.unmuted": return .liveInputAudioUnmuted
    case "session.delegation.created": return .liveDelegationCreated
    case "response.event": return .liveBackendEvent(try LiveEventDecoding.backendEvent(c))
    default:
      return EventCatalog.passthroughTypes.contains(type) ? .passthrough(type: type) : .unknown(type: type)
    }
  }

  private func session(_ c: KeyedDecodingContainer<JSONKey>) throws -> SessionConfig {
    guard let session = try c.object("session") else {
      throw LineProblem(kind: .missingField(path: c.path("session")))
    }
    return try SessionConfigDecoding.decode(session)
  }

  private func audioBytes(_ c: KeyedDecodingContainer<JSONKey>, _ key: String) throws -> Int64 {
    let payload = try c.required(String.self, key)
    guard let bytes = Base64Size.decodedBytes(of: payload) else {
      throw LineProblem(kind: .invalidBase64(path: c.path(key), length: payload.utf8.count))
    }
    return bytes
  }

  private func itemInfo(_ c: KeyedDecodingContainer<JSONKey>) throws -> ConversationItemInfo {
    let item = try c.object("item")
    return ConversationItemInfo(
      type: try item?.optional(String.self, "type").map(ConversationItemType.init(wireName:)),
      role: try item?.optional(String.self, "role").map(ConversationItemRole.init(wireName:)))
  }

  /// A non-negative whole millisecond field (`audio_start_ms`) as microseconds; nil when absent.
  private func milliseconds(_ c: KeyedDecodingContainer<JSONKey>, _ key: String) throws -> Micros? {
    guard let value = try c.optional(Int64.self, key) else { return nil }
    guard value >= 0, value <= Self.maximumMilliseconds else {
      throw LineProblem(
        kind: .invalidValue(
          path: c.path(key), message: "\(value) ms is not a position in an input buffer (0 to 10^12)"))
    }
    return value * 1_000
  }

  /// The largest audio position accepted, in milliseconds (about 31 years of audio).
  static let maximumMilliseconds: Int64 = 1_000_000_000_000

  private func localAudio(_ c: KeyedDecodingContainer<JSONKey>) throws -> LocalAudioMarker {
    let path = try c.required(String.self, "path")
    let useText = try c.required(String.self, "use")
    guard let use = LocalAudioMarker.Use(rawValue: useText) else {
      throw LineProblem(
        kind: .invalidValue(path: c.path("use"), message: "must be ambient or utterance, not '\(useText)'"))
    }
    return LocalAudioMarker(path: path, use: use, genuine: try c.optional(Bool.self, "genuine") ?? true)
  }
}
