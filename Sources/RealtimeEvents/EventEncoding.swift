import Billing

/// The event names a writer uses for events that were renamed between beta and GA.
public enum EventNaming: String, Sendable, Equatable, CaseIterable {
  /// `response.output_audio.delta`, `conversation.item.added`, `audio.input.format` objects.
  case ga
  /// `response.audio.delta`, `conversation.item.created`, `input_audio_format` strings.
  case beta
}

/// Writes a ``RealtimeEvent`` as a Realtime event object that the reader maps back to the same value.
///
/// Only what the model keeps is written: audio payloads are base64 zeros of the right decoded size,
/// instructions are that many `x` characters, tools are that many stub functions. A
/// ``RealtimeEvent/passthrough(type:)`` or ``RealtimeEvent/unknown(type:)`` is `{"type": ...}`.
struct EventEncoding {
  var naming: EventNaming

  func append(_ event: RealtimeEvent, to out: inout JSONBytes) {
    var o = JSONObjectWriter()
    out.raw("{")
    o.key("type", &out)
    switch event {
    case .sessionCreated(let config):
      out.raw("\"session.created\"")
      o.key("session", &out)
      session(config, &out)
    case .sessionUpdated(let config):
      out.raw("\"session.updated\"")
      o.key("session", &out)
      session(config, &out)
    case .sessionUpdate(let config):
      out.raw("\"session.update\"")
      o.key("session", &out)
      session(config, &out)
    case .responseCreated(let id):
      out.raw("\"response.created\"")
      o.key("response", &out)
      var r = JSONObjectWriter()
      out.raw("{")
      if let id {
        r.key("id", &out)
        out.string(id)
      }
      r.key("status", &out)
      out.raw("\"in_progress\"}")
    case .responseDone(let done):
      out.raw("\"response.done\"")
      o.key("response", &out)
      responseDone(done, &out)
    case .outputAudioDelta(let bytes):
      out.raw(naming == .ga ? "\"response.output_audio.delta\"" : "\"response.audio.delta\"")
      o.key("delta", &out)
      out.base64Zeros(count: bytes)
    case .inputAudioAppend(let bytes):
      out.raw("\"input_audio_buffer.append\"")
      o.key("audio", &out)
      out.base64Zeros(count: bytes)
    case .outputTextDelta:
      out.raw(naming == .ga ? "\"response.output_text.delta\"" : "\"response.text.delta\"")
      o.key("delta", &out)
      out.raw("\"\"")
    case .functionCallArgumentsDone(let callID, let name):
      out.raw("\"response.function_call_arguments.done\"")
      if let callID {
        o.key("call_id", &out)
        out.string(callID)
      }
      if let name {
        o.key("name", &out)
        out.string(name)
      }
      o.key("arguments", &out)
      out.raw("\"{}\"")
    case .conversationItemAdded(let info):
      out.raw(naming == .ga ? "\"conversation.item.added\"" : "\"conversation.item.created\"")
      o.key("item", &out)
      item(info, &out)
    case .conversationItemCreate(let info):
      out.raw("\"conversation.item.create\"")
      o.key("item", &out)
      item(info, &out)
    case .transcriptionCompleted(let usage):
      out.raw("\"conversation.item.input_audio_transcription.completed\"")
      if let usage {
        o.key("usage", &out)
        transcriptionUsage(usage, &out)
      }
    case .error(let code, let message):
      out.raw("\"error\"")
      o.key("error", &out)
      var e = JSONObjectWriter()
      out.raw("{")
      if let code {
        e.key("code", &out)
        out.string(code.wireName)
      }
      if let message {
        e.key("message", &out)
        out.string(message)
      }
      out.raw("}")
    case .localAudio(let marker):
      out.raw("\"local.audio\"")
      o.key("path", &out)
      out.string(marker.path)
      o.key("use", &out)
      out.string(marker.use.rawValue)
      o.key("genuine", &out)
      out.bool(marker.genuine)
    case .sessionClosed(let reason):
      out.raw("\"local.session_closed\"")
      o.key("reason", &out)
      out.string(reason.wireName)
    case .speechStarted(let start):
      out.raw("\"input_audio_buffer.speech_started\"")
      milliseconds("audio_start_ms", start, &o, &out)
    case .speechStopped(let end):
      out.raw("\"input_audio_buffer.speech_stopped\"")
      milliseconds("audio_end_ms", end, &o, &out)
    case .conversationItemTruncated(let end):
      out.raw("\"conversation.item.truncated\"")
      milliseconds("audio_end_ms", end, &o, &out)
    case .liveSessionStart(let config):
      out.raw("\"session.start\"")
      o.key("session", &out)
      session(config, &out)
    case .liveSessionStarted(let config):
      out.raw("\"session.started\"")
      o.key("session", &out)
      session(config, &out)
    case .liveUsageUpdated(let report):
      out.raw("\"session.usage.updated\"")
      liveUsage(report, &o, &out)
    case .liveSessionClosed(let reason, let report):
      out.raw("\"session.closed\"")
      o.key("reason", &out)
      out.string(reason.wireName)
      if let report { liveUsage(report, &o, &out) }
    case .liveInputAudioAppend(let bytes):
      out.raw("\"session.input_audio.append\"")
      o.key("audio", &out)
      out.base64Zeros(count: bytes)
    case .liveOutputAudioDelta(let bytes):
      out.raw("\"session.output_audio.delta\"")
      o.key("delta", &out)
      out.base64Zeros(count: bytes)
    case .liveInputTranscriptDelta, .liveOutputTranscriptDelta:
      out.string(event.typeName)
      o.key("delta", &out)
      out.raw("\"\"")
    case .liveBackendEvent(let backend):
      out.raw("\"response.event\"")
      if let id = backend.delegationID {
        o.key("delegation_id", &out)
        out.string(id)
      }
      o.key("event", &out)
      backendEvent(backend, &out)
    case .liveSessionClose, .liveInputAudioMuted, .liveInputAudioUnmuted, .liveDelegationCreated:
      out.string(event.typeName)
    case .inputAudioCommitted, .inputAudioCleared, .inputAudioTimeoutTriggered, .transcriptionFailed,
      .rateLimitsUpdated,
      .inputAudioCommit, .inputAudioClear, .responseCreate, .responseCancel, .userCommand, .passthrough,
      .unknown:
      out.string(event.typeName)
    }
    out.raw("}")
  }

  private func session(_ config: SessionConfig, _ out: inout JSONBytes) {
    var o = JSONObjectWriter()
    out.raw("{")
    if let model = config.model {
      o.key("model", &out)
      out.string(model)
    }
    if let expiresAt = config.expiresAt {
      o.key("expires_at", &out)
      out.int(expiresAt)
    }
    if let createdAt = config.createdAt {
      o.key("created_at", &out)
      out.int(createdAt)
    }
    if config.delegationType != nil || config.backendModel != nil {
      o.key("delegation", &out)
      var d = JSONObjectWriter()
      out.raw("{")
      if let type = config.delegationType {
        d.key("type", &out)
        out.string(type)
      }
      if let model = config.backendModel {
        d.key("responses", &out)
        out.raw("{\"model\":")
        out.string(model)
        out.raw("}")
      }
      out.raw("}")
    }
    if let count = config.instructionsCharacters {
      o.key("instructions", &out)
      out.string(String(repeating: "x", count: count))
    }
    if let count = config.toolCount {
      o.key("tools", &out)
      out.raw("[")
      for index in 0..<count {
        if index > 0 { out.raw(",") }
        out.raw("{\"type\":\"function\",\"name\":\"tool_\(index + 1)\"}")
      }
      out.raw("]")
    }
    switch naming {
    case .beta:
      if let format = config.inputAudioFormat {
        o.key("input_audio_format", &out)
        out.string(format.rawValue)
      }
      if let format = config.outputAudioFormat {
        o.key("output_audio_format", &out)
        out.string(format.rawValue)
      }
      if let turn = config.turnDetection {
        o.key("turn_detection", &out)
        turnDetection(turn, &out)
      }
      if let model = config.transcriptionModel {
        o.key("input_audio_transcription", &out)
        out.raw("{\"model\":")
        out.string(model)
        out.raw("}")
      }
    case .ga:
      let hasInput =
        config.inputAudioFormat != nil || config.turnDetection != nil || config.transcriptionModel != nil
      guard hasInput || config.outputAudioFormat != nil else { break }
      o.key("audio", &out)
      var audio = JSONObjectWriter()
      out.raw("{")
      if hasInput {
        audio.key("input", &out)
        var input = JSONObjectWriter()
        out.raw("{")
        if let format = config.inputAudioFormat {
          input.key("format", &out)
          gaFormat(format, &out)
        }
        if let model = config.transcriptionModel {
          input.key("transcription", &out)
          out.raw("{\"model\":")
          out.string(model)
          out.raw("}")
        }
        if let turn = config.turnDetection {
          input.key("turn_detection", &out)
          turnDetection(turn, &out)
        }
        out.raw("}")
      }
      if let format = config.outputAudioFormat {
        audio.key("output", &out)
        out.raw("{\"format\":")
        gaFormat(format, &out)
        out.raw("}")
      }
      out.raw("}")
    }
    out.raw("}")
  }

  private func gaFormat(_ format: AudioFormat, _ out: inout JSONBytes) {
    switch format {
    case .pcm16: out.raw("{\"type\":\"audio/pcm\",\"rate\":24000}")
    case .g711Ulaw: out.raw("{\"type\":\"audio/pcmu\"}")
    case .g711Alaw: out.raw("{\"type\":\"audio/pcma\"}")
    }
  }

  private func turnDetection(_ turn: TurnDetection, _ out: inout JSONBytes) {
    var o = JSONObjectWriter()
    out.raw("{")
    o.key("type", &out)
    out.string(turn.type)
    if let value = turn.threshold {
      o.key("threshold", &out)
      out.double(value)
    }
    if let value = turn.prefixPaddingMs {
      o.key("prefix_padding_ms", &out)
      out.int(value)
    }
    if let value = turn.silenceDurationMs {
      o.key("silence_duration_ms", &out)
      out.int(value)
    }
    if let value = turn.idleTimeoutMs {
      o.key("idle_timeout_ms", &out)
      out.int(value)
    }
    if let value = turn.createResponse {
      o.key("create_response", &out)
      out.bool(value)
    }
    out.raw("}")
  }

  private func item(_ info: ConversationItemInfo, _ out: inout JSONBytes) {
    var o = JSONObjectWriter()
    out.raw("{")
    if let type = info.type {
      o.key("type", &out)
      out.string(type.wireName)
    }
    if let role = info.role {
      o.key("role", &out)
      out.string(role.wireName)
    }
    out.raw("}")
  }

  private func responseDone(_ done: ResponseDone, _ out: inout JSONBytes) {
    var o = JSONObjectWriter()
    out.raw("{")
    if let id = done.responseID {
      o.key("id", &out)
      out.string(id)
    }
    o.key("status", &out)
    out.string(done.status.rawValue)
    o.key("status_details", &out)
    if let reason = done.reason {
      out.raw("{\"type\":")
      out.string(done.status.rawValue)
      out.raw(",\"reason\":")
      out.string(reason)
      out.raw("}")
    } else {
      out.raw("null")
    }
    o.key("output", &out)
    out.raw("[")
    for (index, call) in done.functionCalls.enumerated() {
      if index > 0 { out.raw(",") }
      var c = JSONObjectWriter()
      out.raw("{")
      c.key("type", &out)
      out.raw("\"function_call\"")
      if let name = call.name {
        c.key("name", &out)
        out.string(name)
      }
      if let id = call.callID {
        c.key("call_id", &out)
        out.string(id)
      }
      out.raw("}")
    }
    out.raw("]")
    o.key("usage", &out)
    if let usage = done.usage {
      responseUsage(usage, &out)
    } else {
      out.raw("null")
    }
    out.raw("}")
  }

  private func responseUsage(_ usage: ResponseUsage, _ out: inout JSONBytes) {
    var o = JSONObjectWriter()
    out.raw("{")
    count("total_tokens", usage.totalTokens, &o, &out)
    count("input_tokens", usage.inputTokens, &o, &out)
    count("output_tokens", usage.outputTokens, &o, &out)
    if let input = usage.input {
      o.key("input_token_details", &out)
      var d = JSONObjectWriter()
      out.raw("{")
      count("text_tokens", input.textTokens, &d, &out)
      count("audio_tokens", input.audioTokens, &d, &out)
      count("image_tokens", input.imageTokens, &d, &out)
      count("cached_tokens", input.cachedTokens, &d, &out)
      if let cached = input.cached {
        d.key("cached_tokens_details", &out)
        var c = JSONObjectWriter()
        out.raw("{")
        count("text_tokens", cached.textTokens, &c, &out)
        count("audio_tokens", cached.audioTokens, &c, &out)
        count("image_tokens", cached.imageTokens, &c, &out)
        out.raw("}")
      }
      out.raw("}")
    }
    if let output = usage.output {
      o.key("output_token_details", &out)
      var d = JSONObjectWriter()
      out.raw("{")
      count("text_tokens", output.textTokens, &d, &out)
      count("audio_tokens", output.audioTokens, &d, &out)
      out.raw("}")
    }
    out.raw("}")
  }

  private func transcriptionUsage(_ usage: TranscriptionUsage, _ out: inout JSONBytes) {
    switch usage {
    case .duration(let micros):
      out.raw("{\"type\":\"duration\",\"seconds\":")
      out.seconds(micros: micros)
      out.raw("}")
    case .tokens(let input, let output, let text, let audio):
      var o = JSONObjectWriter()
      out.raw("{")
      o.key("type", &out)
      out.raw("\"tokens\"")
      count("total_tokens", input + output, &o, &out)
      count("input_tokens", input, &o, &out)
      count("output_tokens", output, &o, &out)
      if text != nil || audio != nil {
        o.key("input_token_details", &out)
        var d = JSONObjectWriter()
        out.raw("{")
        count("text_tokens", text, &d, &out)
        count("audio_tokens", audio, &d, &out)
        out.raw("}")
      }
      out.raw("}")
    }
  }

  /// A GPT-Live `usage` object (seconds with microsecond precision) and its `context_window`.
  private func liveUsage(_ report: LiveUsageReport, _ o: inout JSONObjectWriter, _ out: inout JSONBytes) {
    o.key("usage", &out)
    out.raw("{\"seconds\":")
    out.seconds(micros: report.sessionMicros)
    if let standby = report.standbyMicros {
      out.raw(",\"standby_seconds\":")
      out.seconds(micros: standby)
    }
    out.raw("}")
    if let ratio = report.contextUsageRatio {
      o.key("context_window", &out)
      out.raw("{\"usage_ratio\":")
      out.double(ratio)
      out.raw("}")
    }
  }

  /// The nested backend Responses event: its type and, for a finished response, model and usage.
  private func backendEvent(_ backend: LiveBackendResponse, _ out: inout JSONBytes) {
    out.raw("{\"type\":")
    out.string(backend.type)
    if backend.model != nil || backend.usage != nil {
      out.raw(",\"response\":{")
      var r = JSONObjectWriter()
      if let model = backend.model {
        r.key("model", &out)
        out.string(model)
      }
      if let usage = backend.usage {
        r.key("usage", &out)
        out.raw("{\"input_tokens\":")
        out.int(usage.inputTokens)
        out.raw(",\"input_tokens_details\":{\"cached_tokens\":")
        out.int(usage.cachedInputTokens)
        out.raw("},\"output_tokens\":")
        out.int(usage.outputTokens)
        out.raw(",\"output_tokens_details\":{\"reasoning_tokens\":")
        out.int(usage.reasoningTokens)
        out.raw("}}")
      }
      out.raw("}")
    }
    out.raw("}")
  }

  /// A position in µs written as whole milliseconds (the wire unit), rounded down.
  private func milliseconds(
    _ key: StaticString, _ value: Micros?, _ o: inout JSONObjectWriter, _ out: inout JSONBytes
  ) {
    count(key, value.map { $0 / 1_000 }, &o, &out)
  }

  private func count(
    _ key: StaticString, _ value: Int64?, _ o: inout JSONObjectWriter, _ out: inout JSONBytes
  ) {
    guard let value else { return }
    o.key(key, &out)
    out.int(value)
  }
}
