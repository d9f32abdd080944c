/// Renders a `DecodingError` as `key.path[2].name: what is wrong`.
public enum DecodingErrorText {
  public static func describe(_ error: any Error) -> String {
    guard let error = error as? DecodingError else { return String(describing: error) }
    func path(_ codingPath: [any CodingKey]) -> String {
      var text = ""
      for key in codingPath {
        if let index = key.intValue {
          text += "[\(index)]"
        } else {
          text += (text.isEmpty ? "" : ".") + key.stringValue
        }
      }
      return text.isEmpty ? "(top level)" : text
    }
    switch error {
    case .typeMismatch(let type, let context):
      return "key \(path(context.codingPath)): expected \(readable(type)); \(context.debugDescription)"
    case .valueNotFound(let type, let context):
      return "key \(path(context.codingPath)): missing \(readable(type))"
    case .keyNotFound(let key, let context):
      return "key \(path(context.codingPath + [key])): required but missing"
    case .dataCorrupted(let context):
      return "key \(path(context.codingPath)): \(context.debugDescription)"
    @unknown default:
      return String(describing: error)
    }
  }

  private static func readable(_ type: Any.Type) -> String {
    switch type {
    case is String.Type: "a string"
    case is Int64.Type, is Int.Type: "an integer"
    case is Double.Type: "a number"
    case is Bool.Type: "true or false"
    default: "\(type)"
    }
  }
}
