public import AudioIO
public import Billing
import Foundation
import RealtimeEvents

/// LiveKit Agents' session report (`session_report.json`, `SessionReport.to_dict`) with its stereo
/// recording (`audio.ogg`: Ogg/Opus at 48 kHz, the user on the left, the agent on the right).
///
/// The report has the session's usage per model (`usage`: `llm_usage` entries with OpenAI's
/// input/cached/output token counts by modality, `stt_usage`, `tts_usage`) and timed agent events
/// (`user_state_changed`, `agent_state_changed`, `function_tools_executed`, `conversation_item_added`,
/// `close`) in Unix seconds (`created_at`). The recording becomes:
/// - `session.created` at the first time, with the model of the first `llm_usage` entry the price
///   book prices as a Realtime model;
/// - the user's turns: with the audio, the server-VAD emulation's segments of the left channel
///   (what OpenAI's VAD would commit); without it, LiveKit's own `user_state_changed` spans;
/// - the agent's answers: with the audio, the right channel's segments (their audio length); without
///   it, `agent_state_changed` speaking spans; each a `response.created` (id `livekit_turn_N`), one
///   audio delta of its length in pcm16, and a `response.done` without usage;
/// - function calls from `function_tools_executed`; interrupted assistant messages as
///   `conversation.item.truncated`;
/// - the usage totals last: one response (`livekit_usage_total`) whose `response.done` carries the
///   Realtime model's totals, and one `input_audio_transcription.completed` with the STT model's.
public enum LiveKitImporter {
  /// The id of the response that carries the session's usage totals.
  public static let totalResponseID = "livekit_usage_total"

  /// Imports a report, with the audio analysis of its `audio.ogg` when there is one.
  public static func read(
    _ bytes: [UInt8], name: String, audio: ChannelSpeechAnalysis?, book: PriceBook = .bundled
  ) throws(ImportError) -> ImportedRecording {
    let root = try JSONInput.object(try JSONInput.parse(bytes, file: name), "the report", file: name)
    let events = try (root["events"] as? [Any]).map { list throws(ImportError) in list } ?? []
    var limitations: [String] = [
      "usage is the session's total per model: it is billed on one response at the end, so per-turn costs and "
        + "alerts over time cannot be told",
      "session settings are not in the report: pcm16 audio and server VAD (300 ms padding, 200 ms silence) "
        + "are assumed",
    ]
    // Times: Unix seconds; t = 0 is the earliest of the recording's start and the events.
    var stamps: [Double] = []
    let audioStart = (root["audio_recording_started_at"] as? NSNumber)?.doubleValue
    if let audioStart { stamps.append(audioStart) }
    var parsed: [(path: String, object: [String: Any], time: Double)] = []
    for (index, value) in events.enumerated() {
      let path = "events[\(index)]"
      let object = try JSONInput.object(value, path, file: name)
      let time = try JSONInput.number(object["created_at"], path + ".created_at", file: name)
      parsed.append((path, object, time))
      stamps.append(time)
    }
    guard let zero = stamps.min() else {
      throw ImportError("\(name): no times: neither events nor audio_recording_started_at")
    }
    func at(_ seconds: Double, _ path: String) throws(ImportError) -> Micros {
      guard let micros = ISOTime.micros(fromSeconds: seconds - zero) else {
        throw ImportError("\(name): \(path): the time \(seconds) is out of range")
      }
      return micros
    }
    // Usage per model.
    var realtime: (model: String, usage: ResponseUsage)?
    var transcription: (model: String, usage: TranscriptionUsage)?
    if let list = root["usage"], !(list is NSNull) {
      for (index, value) in try JSONInput.array(list, "usage", file: name).enumerated() {
        let path = "usage[\(index)]"
        let entry = try JSONInput.object(value, path, file: name)
        let type = try JSONInput.string(entry["type"], path + ".type", file: name)
        let model = try JSONInput.string(entry["model"], path + ".model", file: name)
        switch type {
        case "llm_usage":
          if realtime == nil, (try? book.card(for: model)) != nil {
            realtime = (model, try llmUsage(entry, path, file: name))
          } else {
            let tokens =
              try JSONInput.optionalCount(entry["input_tokens"], path + ".input_tokens", file: name) ?? 0
            limitations.append(
              "\(path): \(model) is not a Realtime model the price book knows (or not the first): its \(tokens) "
                + "input tokens are left out")
          }
        case "stt_usage":
          if transcription == nil {
            let input =
              try JSONInput.optionalCount(entry["input_tokens"], path + ".input_tokens", file: name) ?? 0
            let output =
              try JSONInput.optionalCount(entry["output_tokens"], path + ".output_tokens", file: name) ?? 0
            let seconds = (entry["audio_duration"] as? NSNumber)?.doubleValue ?? 0
            let usage: TranscriptionUsage =
              input + output > 0
              ? .tokens(inputTokens: input, outputTokens: output, textIn: 0, audioIn: input)
              : .duration(microseconds: Micros((seconds * 1_000_000).rounded()))
            transcription = (model, usage)
          }
        default:
          limitations.append("\(path): \(type) of \(model) is not a Realtime API cost: left out")
        }
      }
    }
    guard let realtime else {
      throw ImportError(
        "\(name): usage: no llm_usage entry of a Realtime model the price book knows, so nothing can be priced"
      )
    }
    var out: [(time: Micros, order: Int, direction: EventDirection, event: RealtimeEvent)] = []
    func add(_ time: Micros, _ direction: EventDirection, _ event: RealtimeEvent) {
      out.append((time, out.count, direction, event))
    }
    let detection = TurnDetection(type: "server_vad", prefixPaddingMs: 300, silenceDurationMs: 200)
    add(
      0, .server,
      .sessionCreated(
        SessionConfig(
          model: realtime.model, inputAudioFormat: .pcm16, outputAudioFormat: .pcm16,
          turnDetection: detection,
          transcriptionModel: transcription?.model)))
    // User speech and agent answers.
    var userSpans: [(start: Micros, end: Micros)] = []
    var agentSpans: [(start: Micros, end: Micros)] = []
    if let audio {
      let offset = try at(audioStart ?? zero, "audio_recording_started_at")
      userSpans = audio.channels[0].filter(\.isCommitted).map { (offset + $0.start, offset + $0.end) }
      if audio.channels.count > 1 {
        agentSpans = audio.channels[1].filter(\.isCommitted).map { (offset + $0.start, offset + $0.end) }
      } else {
        limitations.append("\(audio.path): mono: no agent channel; answers come from the agent's states")
      }
      limitations.append(
        "the user's turns are the server-VAD emulation's segments of \(audio.path)'s left channel")
    } else {
      limitations.append(
        "no audio.ogg: the user's turns are LiveKit's own VAD spans (user_state_changed), not the server's")
    }
    var speaking: (user: Micros?, agent: Micros?) = (nil, nil)
    var agentStates: [(start: Micros, end: Micros)] = []
    var truncations: [Micros] = []
    var closeAt: (Micros, String)?
    for (path, object, seconds) in parsed {
      let time = try at(seconds, path)
      let type = object["type"] as? String ?? ""
      switch type {
      case "user_state_changed":
        let state = object["new_state"] as? String
        if state == "speaking" {
          speaking.user = time
        } else if let start = speaking.user {
          if audio == nil { userSpans.append((start, time)) }
          speaking.user = nil
        }
      case "agent_state_changed":
        let state = object["new_state"] as? String
        if state == "speaking" {
          speaking.agent = time
        } else if let start = speaking.agent {
          agentStates.append((start, time))
          speaking.agent = nil
        }
      case "function_tools_executed":
        let calls = (object["function_calls"] as? [Any]) ?? []
        let outputs = (object["function_call_outputs"] as? [Any]) ?? []
        for (index, value) in calls.enumerated() {
          let call = try JSONInput.object(value, "\(path).function_calls[\(index)]", file: name)
          let id = call["call_id"] as? String
          let callTime =
            try (call["created_at"] as? NSNumber).map { number throws(ImportError) in
              try at(number.doubleValue, "\(path).function_calls[\(index)].created_at")
            } ?? time
          let responseID = "livekit_call_\(id ?? String(index))"
          add(callTime, .server, .responseCreated(responseID: responseID))
          add(callTime, .server, .functionCallArgumentsDone(callID: id, name: call["name"] as? String))
          add(
            callTime, .server,
            .responseDone(
              ResponseDone(
                responseID: responseID, status: .completed, usage: nil,
                functionCalls: [FunctionCall(name: call["name"] as? String, callID: id)])))
          if index < outputs.count, let output = outputs[index] as? [String: Any] {
            let outputTime =
              try (output["created_at"] as? NSNumber).map { number throws(ImportError) in
                try at(number.doubleValue, "\(path).function_call_outputs[\(index)].created_at")
              } ?? time
            add(outputTime, .client, .conversationItemCreate(ConversationItemInfo(type: .functionCallOutput)))
          }
        }
      case "conversation_item_added":
        if let item = object["item"] as? [String: Any], item["role"] as? String == "assistant",
          item["interrupted"] as? Bool == true
        {
          truncations.append(time)
        }
      case "close":
        closeAt = (time, object["reason"] as? String ?? "client_closed")
      default:
        continue
      }
    }
    if agentSpans.isEmpty { agentSpans = agentStates }
    for span in userSpans {
      let padding: Micros = 300_000
      let silence: Micros = 200_000
      add(span.start, .server, .speechStarted(audioStart: max(0, span.start - padding)))
      add(span.end + silence, .server, .speechStopped(audioEnd: span.end + silence))
      add(span.end + silence, .server, .inputAudioCommitted)
      add(
        span.end + silence, .server, .conversationItemAdded(ConversationItemInfo(type: .message, role: .user))
      )
    }
    for (index, span) in agentSpans.enumerated() {
      let id = "livekit_turn_\(index + 1)"
      add(span.start, .server, .responseCreated(responseID: id))
      add(span.start, .server, .outputAudioDelta(bytes: (span.end - span.start) * 48_000 / 1_000_000))
      let interrupted = truncations.contains { abs($0 - span.end) <= 1_000_000 }
      add(span.end, .server, .responseDone(ResponseDone(responseID: id, status: .completed, usage: nil)))
      if interrupted { add(span.end, .server, .conversationItemTruncated(audioEnd: nil)) }
    }
    let end = max(out.map(\.time).max() ?? 0, closeAt?.0 ?? 0)
    add(end, .server, .responseCreated(responseID: totalResponseID))
    add(
      end, .server,
      .responseDone(ResponseDone(responseID: totalResponseID, status: .completed, usage: realtime.usage)))
    if let transcription { add(end, .server, .transcriptionCompleted(transcription.usage)) }
    add(end, .local, .sessionClosed(SessionCloseReason(wireName: closeAt?.1 ?? "client_closed")))
    out.sort { ($0.time, $0.order) < ($1.time, $1.order) }
    let started = ISOTime.micros(fromSeconds: zero).map(ISOTime.format)
    return ImportedRecording(
      events: out.map { TimedEvent(time: $0.time, direction: $0.direction, event: $0.event) },
      header: RecordingHeader(
        model: realtime.model, startedAt: started, note: "imported from LiveKit Agents: \(name)"),
      provenance: EventProvenance(name: name, origin: .imported(tool: "livekit"), limitations: limitations))
  }

  /// An `llm_usage` entry as a Realtime usage block (LiveKit copies OpenAI's counts: cached tokens
  /// are part of the input, per modality).
  static func llmUsage(_ entry: [String: Any], _ path: String, file: String) throws(ImportError)
    -> ResponseUsage
  {
    func count(_ key: String) throws(ImportError) -> Int64 {
      try JSONInput.optionalCount(entry[key], "\(path).\(key)", file: file) ?? 0
    }
    let text = try count("input_text_tokens")
    let audio = try count("input_audio_tokens")
    let image = try count("input_image_tokens")
    let input = try count("input_tokens")
    guard input == text + audio + image || text + audio + image == 0 else {
      throw ImportError(
        "\(file): \(path): input_tokens \(input) is not input_text_tokens + input_audio_tokens + "
          + "input_image_tokens = \(text + audio + image)")
    }
    let textOut = try count("output_text_tokens")
    let audioOut = try count("output_audio_tokens")
    var counts = TokenCounts.zero
    let cachedText = try count("input_cached_text_tokens")
    let cachedAudio = try count("input_cached_audio_tokens")
    let cachedImage = try count("input_cached_image_tokens")
    counts.textIn = (text == 0 && audio == 0 && image == 0 ? input : text) - cachedText
    counts.textInCached = cachedText
    counts.audioIn = audio - cachedAudio
    counts.audioInCached = cachedAudio
    counts.imageIn = image - cachedImage
    counts.imageInCached = cachedImage
    counts.textOut = textOut
    counts.audioOut = audioOut
    guard TokenCategory.allCases.allSatisfy({ counts[$0] >= 0 }) else {
      throw ImportError("\(file): \(path): cached tokens exceed the input tokens of their modality")
    }
    return ResponseUsage(counts: counts)
  }
}
