import Billing

/// Reads the `response` object of `response.done` into ``ResponseDone``.
///
/// The usage block goes through Billing's lenient ``ResponseUsage`` decoder (a detail block logged
/// as `"[Object]"` is recorded, not fatal). Output items that are not objects (the same logging
/// accident) are counted in `malformedOutputItems` so the reader can warn: a function call may
/// hide in one.
enum ResponseDoneDecoding {
  static func decode(_ response: KeyedDecodingContainer<JSONKey>) throws -> (
    done: ResponseDone, malformedOutputItems: Int
  ) {
    let statusText = try response.required(String.self, "status")
    guard let status = ResponseStatus(rawValue: statusText) else {
      throw LineProblem(
        kind: .invalidValue(
          path: response.path("status"),
          message: "unknown response status '\(statusText)' "
            + "(known: \(ResponseStatus.allCases.map(\.rawValue).joined(separator: ", ")))"))
    }
    var done = ResponseDone(
      responseID: try response.optional(String.self, "id"), status: status,
      usage: try response.optional(ResponseUsage.self, "usage"))
    if let details = try response.object("status_details") {
      done.reason = try details.optional(String.self, "reason")
    }
    var malformed = 0
    let outputKey = JSONKey("output")
    if response.contains(outputKey), try !response.decodeNil(forKey: outputKey) {
      var items = try response.nestedUnkeyedContainer(forKey: outputKey)
      while !items.isAtEnd {
        switch try items.decode(OutputItem.self) {
        case .functionCall(let call): done.functionCalls.append(call)
        case .other: break
        case .notAnObject: malformed += 1
        }
      }
    }
    return (done, malformed)
  }
}

/// One element of `response.output`.
private enum OutputItem: Decodable {
  case functionCall(FunctionCall)
  case other
  case notAnObject

  init(from decoder: any Decoder) throws {
    let item: KeyedDecodingContainer<JSONKey>
    do {
      item = try decoder.container(keyedBy: JSONKey.self)
    } catch DecodingError.typeMismatch {
      self = .notAnObject
      return
    }
    guard try item.optional(String.self, "type") == "function_call" else {
      self = .other
      return
    }
    self = .functionCall(
      FunctionCall(
        name: try item.optional(String.self, "name"), callID: try item.optional(String.self, "call_id")))
  }
}
