#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// One line of a recording, decoded by the full (JSONDecoder) path.
enum DecodedLine {
  case header(RecordingHeader)
  case timed(seconds: Double, direction: EventDirection, event: DecodedEvent)
  case bare(DecodedEvent)
}

/// The full decoder for a line: header, timed event or bare event, with errors mapped onto
/// ``RecordingError/Kind`` (paths are dotted from the line's top level).
struct LineDecoding {
  private let decoder = JSONDecoder()

  func decode(_ line: UnsafeRawBufferPointer) throws(LineProblem) -> DecodedLine {
    do {
      return try decoder.decode(LineEnvelope.self, from: Data(line)).line
    } catch let problem as LineProblem {
      throw problem
    } catch {
      var kind = Self.kind(of: error)
      if case .malformedJSON = kind, let detail = JSONSyntaxCheck.firstError(in: line) {
        kind = .malformedJSON(detail)
      }
      throw LineProblem(kind: kind)
    }
  }

  /// A decoding error as a recording error kind.
  static func kind(of error: any Error) -> RecordingError.Kind {
    guard let error = error as? DecodingError else { return .malformedJSON(String(describing: error)) }
    switch error {
    case .typeMismatch(let type, let context):
      if context.codingPath.isEmpty { return .malformedJSON("a line must be one JSON object") }
      return .wrongType(path: pathText(context.codingPath), expected: describe(type))
    case .valueNotFound(let type, let context):
      return .wrongType(path: pathText(context.codingPath), expected: describe(type) + ", not null")
    case .keyNotFound(let key, let context):
      return .missingField(path: pathText(context.codingPath + [key]))
    case .dataCorrupted(let context):
      if context.codingPath.isEmpty {
        let detail = context.underlyingError.map { String(describing: $0) } ?? context.debugDescription
        return .malformedJSON(detail)
      }
      return .invalidValue(path: pathText(context.codingPath), message: context.debugDescription)
    @unknown default:
      return .malformedJSON(String(describing: error))
    }
  }

  private static func describe(_ type: Any.Type) -> String {
    switch type {
    case is String.Type: return "a string"
    case is Bool.Type: return "true or false"
    case is Int.Type, is Int64.Type: return "an integer"
    case is Double.Type: return "a number"
    default:
      let name = String(describing: type)
      if name.contains("Array") || name.contains("Unkeyed") { return "an array" }
      return "an object"
    }
  }
}

/// The top level of a line: which of the three line kinds it is.
private struct LineEnvelope: Decodable {
  var line: DecodedLine

  init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: JSONKey.self)
    if c.contains(JSONKey("rtcost_recording")) {
      let version = try c.required(Int.self, "rtcost_recording")
      guard version == RecordingHeader.currentVersion else {
        throw LineProblem(kind: .unsupportedVersion(version))
      }
      line = .header(
        RecordingHeader(
          version: version, model: try c.optional(String.self, "model"),
          startedAt: try c.optional(String.self, "started_at"), note: try c.optional(String.self, "note")))
    } else if c.contains(JSONKey("type")) {
      line = .bare(try DecodedEvent(from: decoder))
    } else if c.contains(JSONKey("t")) || c.contains(JSONKey("dir")) || c.contains(JSONKey("event")) {
      let seconds = try c.required(Double.self, "t")
      let dirText = try c.required(String.self, "dir")
      guard let direction = EventDirection(rawValue: dirText) else {
        throw LineProblem(
          kind: .invalidValue(path: "dir", message: "must be server, client or local, not '\(dirText)'"))
      }
      line = .timed(seconds: seconds, direction: direction, event: try c.required(DecodedEvent.self, "event"))
    } else {
      throw LineProblem(kind: .notARecordingLine)
    }
  }
}
