/// A coding key for any JSON object member, so one decoder can read every event shape.
struct JSONKey: CodingKey, Hashable {
  var stringValue: String
  var intValue: Int?

  init(_ string: String) {
    stringValue = string
    intValue = nil
  }

  init?(stringValue: String) { self.init(stringValue) }

  init?(intValue: Int) {
    stringValue = "[\(intValue)]"
    self.intValue = intValue
  }
}

/// A semantic problem found while decoding a line (the JSON itself was valid).
struct LineProblem: Error {
  var kind: RecordingError.Kind
}

/// Dotted text for a coding path: `event.response.usage`, with `[i]` for array elements.
func pathText(_ path: [any CodingKey]) -> String {
  var text = ""
  for key in path {
    if let index = key.intValue {
      text += "[\(index)]"
    } else {
      text += text.isEmpty ? key.stringValue : "." + key.stringValue
    }
  }
  return text.isEmpty ? "line" : text
}

extension KeyedDecodingContainer where Key == JSONKey {
  /// The dotted path of `key` inside this container.
  func path(_ key: String) -> String { pathText(codingPath + [JSONKey(key)]) }

  /// The value of `key`, or nil when it is absent or `null`.
  func optional<T: Decodable>(_ type: T.Type, _ key: String) throws -> T? {
    try decodeIfPresent(type, forKey: JSONKey(key))
  }

  /// The value of `key`; a missing field error when it is absent or `null`.
  func required<T: Decodable>(_ type: T.Type, _ key: String) throws -> T {
    guard let value = try optional(type, key) else {
      throw LineProblem(kind: .missingField(path: path(key)))
    }
    return value
  }

  /// The object at `key`, or nil when it is absent or `null`; a type error when it is not an object.
  func object(_ key: String) throws -> KeyedDecodingContainer<JSONKey>? {
    let k = JSONKey(key)
    guard contains(k), try !decodeNil(forKey: k) else { return nil }
    return try nestedContainer(keyedBy: JSONKey.self, forKey: k)
  }

  /// The number of elements of the array at `key`, or nil when it is absent or `null`.
  func arrayCount(_ key: String) throws -> Int? {
    let k = JSONKey(key)
    guard contains(k), try !decodeNil(forKey: k) else { return nil }
    var array = try nestedUnkeyedContainer(forKey: k)
    if let count = array.count { return count }
    var count = 0
    while !array.isAtEnd {
      _ = try array.decode(SkippedValue.self)
      count += 1
    }
    return count
  }
}

/// Any JSON value, decoded and thrown away (to step over array elements).
struct SkippedValue: Decodable {
  init(from decoder: any Decoder) throws {}
}
