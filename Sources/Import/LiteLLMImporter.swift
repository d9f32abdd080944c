import Foundation
import RealtimeEvents

/// LiteLLM's logged realtime events: the Realtime events its proxy kept for a session (by default
/// `session.created`, `response.create`, `response.done`, `conversation.item.added` and `.done`;
/// `litellm.logged_real_time_event_types` can widen the list), with no time of their own.
///
/// Accepted: LiteLLM's standard logging payload of a realtime call (an object whose `response` is the
/// list of events, with `model` and `startTime` in Unix seconds), a JSON list of events, or JSON
/// Lines of events or of payloads (their events concatenated). The result is a bare recording: it
/// prices exactly, and questions of time (idle timeouts, alerts over time) are refused.
public enum LiteLLMImporter {
  public static let limitations = [
    "no per-event times: pricing only (idle and alert questions are refused)",
    "only the event types LiteLLM logs (by default session.created, response.create, response.done, "
      + "conversation.item.added and conversation.item.done): no speech events, no audio, no transcription usage",
  ]

  public static func read(_ bytes: [UInt8], name: String) throws(ImportError) -> ImportedRecording {
    var entries: [(path: String, value: Any)] = []
    var model: String?
    var started: Micros?
    func take(_ value: Any, at path: String) throws(ImportError) {
      if let object = value as? [String: Any], object["type"] == nil, let response = object["response"] {
        // A standard logging payload.
        if model == nil { model = object["model"] as? String }
        if started == nil, let seconds = object["startTime"] as? Double {
          started = ISOTime.micros(fromSeconds: seconds)
        }
        let list = try JSONInput.array(response, path + "response", file: name)
        entries += list.enumerated().map { ("\(path)response[\($0.offset)]", $0.element) }
      } else if let list = value as? [Any] {
        entries += list.enumerated().map { ("\(path)[\($0.offset)]", $0.element) }
      } else {
        entries.append((path.isEmpty ? "the log" : path, value))
      }
    }
    let trimmed = bytes.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\n") || $0 == 9 || $0 == 13 }
    if trimmed.first == UInt8(ascii: "[") || (trimmed.first == UInt8(ascii: "{") && isSingleValue(bytes)) {
      try take(try JSONInput.parse(bytes, file: name), at: "")
    } else {
      for (line, value) in try JSONInput.parseLines(bytes, file: name) {
        try take(value, at: "line \(line): ")
      }
    }
    var events: [TimedEvent] = []
    for (path, value) in entries {
      guard let object = value as? [String: Any], let json = JSONInput.text(object) else {
        throw ImportError("\(name): \(path): must be a Realtime event object")
      }
      let event: RealtimeEvent
      do {
        event = try RealtimeMessage.decode(json)
      } catch {
        throw ImportError("\(name): \(path): \(error.description)")
      }
      events.append(TimedEvent(time: nil, direction: RealtimeMessage.direction(of: event), event: event))
    }
    guard !events.isEmpty else { throw ImportError("\(name): no Realtime event in the log") }
    return ImportedRecording(
      events: events,
      header: RecordingHeader(
        model: model, startedAt: started.map(ISOTime.format), note: "imported from LiteLLM: \(name)"),
      provenance: EventProvenance(name: name, origin: .imported(tool: "litellm"), limitations: limitations))
  }

  /// Whether `bytes` is one JSON value (not JSON Lines).
  static func isSingleValue(_ bytes: [UInt8]) -> Bool {
    (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) != nil
  }
}
