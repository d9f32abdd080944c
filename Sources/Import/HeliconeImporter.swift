import Foundation
import RealtimeEvents

/// Helicone's realtime session log: the socket messages its proxy relayed, each
/// `{"type": "message"|"error", "from": "client"|"target", "timestamp": ISO-8601, "content": <event>}`
/// (Helicone's `SocketMessage`; a request body holds them under `messages`, a response body too).
///
/// Accepted: a list of socket messages, an object with `messages`, or `{"request": {…},
/// "response": {…}}` with both bodies' messages merged by time (stable). `target` is the OpenAI server.
/// Every event Helicone relayed is there, so the import is close to lossless: times are when the
/// proxy saw each message (millisecond resolution), and app-side events never reach a proxy.
public enum HeliconeImporter {
  public static let limitations = [
    "times are when Helicone's proxy relayed each message (milliseconds), not the API's",
    "app-side events (wake words, the app's own closes) never pass a proxy",
  ]

  public static func read(_ bytes: [UInt8], name: String) throws(ImportError) -> ImportedRecording {
    let root = try JSONInput.parse(bytes, file: name)
    var messages: [(path: String, value: Any)] = []
    var model: String?
    if let list = root as? [Any] {
      messages = list.enumerated().map { ("[\($0.offset)]", $0.element) }
    } else if let object = root as? [String: Any] {
      model = object["model"] as? String
      if let list = object["messages"] {
        messages = try JSONInput.array(list, "messages", file: name).enumerated().map {
          ("messages[\($0.offset)]", $0.element)
        }
      } else if object["request"] != nil || object["response"] != nil {
        for part in ["request", "response"] {
          guard let body = object[part], !(body is NSNull) else { continue }
          let map = try JSONInput.object(body, part, file: name)
          if model == nil { model = map["model"] as? String }
          if let list = map["messages"] {
            messages += try JSONInput.array(list, part + ".messages", file: name).enumerated().map {
              ("\(part).messages[\($0.offset)]", $0.element)
            }
          }
        }
      } else {
        throw ImportError(
          "\(name): not a Helicone realtime log: expected a list of messages or a 'messages' key")
      }
    } else {
      throw ImportError("\(name): not a Helicone realtime log: expected a list or an object")
    }
    var timed: [(time: Micros, order: Int, direction: EventDirection, event: RealtimeEvent)] = []
    var skipped: [String] = []
    for (order, (path, value)) in messages.enumerated() {
      let message = try JSONInput.object(value, path, file: name)
      let kind = message["type"] as? String ?? "message"
      let stamp = try JSONInput.string(message["timestamp"], path + ".timestamp", file: name)
      guard let time = ISOTime.parse(stamp) else {
        throw ImportError("\(name): \(path).timestamp: must be an ISO 8601 time, got '\(stamp)'")
      }
      guard kind == "message" else {
        skipped.append("\(path): a socket \(kind), not a Realtime event")
        continue
      }
      let from = try JSONInput.string(message["from"], path + ".from", file: name)
      guard from == "client" || from == "target" else {
        throw ImportError("\(name): \(path).from: must be client or target, got '\(from)'")
      }
      let content = message["content"]
      let text: String
      if let string = content as? String {
        text = string
      } else if let object = content as? [String: Any], let json = JSONInput.text(object) {
        text = json
      } else {
        throw ImportError("\(name): \(path).content: must be a Realtime event object")
      }
      let event: RealtimeEvent
      do {
        event = try RealtimeMessage.decode(text)
      } catch {
        throw ImportError("\(name): \(path).content: \(error.description)")
      }
      timed.append((time, order, from == "client" ? .client : .server, event))
    }
    guard let first = timed.map(\.time).min() else {
      throw ImportError("\(name): no Realtime event in the log")
    }
    timed.sort { ($0.time, $0.order) < ($1.time, $1.order) }
    let events = timed.map { TimedEvent(time: $0.time - first, direction: $0.direction, event: $0.event) }
    var limitations = limitations
    if !skipped.isEmpty {
      limitations.append(
        skipped.count == 1
          ? "1 socket entry was not a Realtime event (an error)"
          : "\(skipped.count) socket entries were not Realtime events (errors)")
    }
    return ImportedRecording(
      events: events,
      header: RecordingHeader(
        model: model, startedAt: ISOTime.format(first), note: "imported from Helicone: \(name)"),
      provenance: EventProvenance(name: name, origin: .imported(tool: "helicone"), limitations: limitations),
      skipped: skipped)
  }
}
