import RealtimeEvents
public import Yams

/// A YAML node with its key path, so every validation error can name where it happened.
///
/// Scenario files are composed into a generic `Yams.Node` tree and validated by hand through this
/// type: each mapping declares the keys it knows, and anything else is an error naming the key.
public struct YAMLCursor {
  public let node: Node
  public let path: String
  public let file: String

  /// A cursor on `node`, found at `path` in `file`.
  public init(node: Node, path: String, file: String) {
    self.node = node
    self.path = path
    self.file = file
  }

  public var line: Int? { node.mark?.line }

  /// An error at this node.
  public func error(_ message: String) -> ScenarioError {
    ScenarioError(file: file, line: line, keyPath: path, message: message)
  }

  /// The scalar text, quoted for messages (`'abc'`), or a description of the node kind.
  public var shown: String {
    switch node {
    case .scalar(let scalar): scalar.string.isEmpty ? "an empty value" : scalar.string
    case .mapping: "a mapping"
    case .sequence: "a list"
    case .alias: "an alias"
    }
  }

  public var isNull: Bool {
    if case .scalar(let scalar) = node {
      return scalar.string == "null" || scalar.string == "~" || scalar.string.isEmpty
    }
    return false
  }

  /// The plain text of a scalar.
  public func scalarText(_ expected: String) throws(ScenarioError) -> String {
    guard case .scalar(let scalar) = node else { throw error("must be \(expected), got \(shown)") }
    return scalar.string
  }

  /// A mapping whose keys must all be in `allowed`; the first unknown key is an error at that key.
  public func mapping(allowed: [String]) throws(ScenarioError) -> YAMLMapping {
    guard case .mapping(let mapping) = node else { throw error("must be a mapping, got \(shown)") }
    var pairs: [(key: String, value: YAMLCursor)] = []
    for (keyNode, valueNode) in mapping {
      // The preflight admits only scalar keys; anything else is named, never described.
      let key = keyNode.string ?? YAMLCursor(node: keyNode, path: "", file: file).shown
      let keyPath = path.isEmpty ? key : path + "." + key
      guard allowed.contains(key) else {
        throw ScenarioError(
          file: file, line: keyNode.mark?.line, keyPath: keyPath,
          message: "unknown key (known keys here: \(allowed.joined(separator: ", ")))")
      }
      pairs.append((key, YAMLCursor(node: valueNode, path: keyPath, file: file)))
    }
    return YAMLMapping(pairs: pairs, owner: self)
  }

  /// The items of a list.
  public func list() throws(ScenarioError) -> [YAMLCursor] {
    guard case .sequence(let sequence) = node else { throw error("must be a list, got \(shown)") }
    return sequence.enumerated().map { YAMLCursor(node: $1, path: "\(path)[\($0)]", file: file) }
  }

  /// A finite number.
  public func number() throws(ScenarioError) -> Double {
    let text = try scalarText("a number")
    guard let value = Double(text), value.isFinite else { throw error("must be a number, got \(shown)") }
    return value
  }

  /// A number with a lower bound (`> bound` when `strict`, else `>= bound`).
  public func number(min bound: Double, strict: Bool) throws(ScenarioError) -> Double {
    let value = try number()
    if strict ? !(value > bound) : !(value >= bound) {
      throw error("must be \(strict ? ">" : ">=") \(Self.format(bound)), got \(shown)")
    }
    return value
  }

  /// A probability in [0, 1].
  public func probability() throws(ScenarioError) -> Double {
    let value = try number()
    guard (0...1).contains(value) else { throw error("must be between 0 and 1, got \(shown)") }
    return value
  }

  /// A whole number in `bound...upper`.
  public func integer(min bound: Int64, max upper: Int64) throws(ScenarioError) -> Int64 {
    let value = try integer(min: bound)
    guard value <= upper else { throw error("must be <= \(upper), got \(shown)") }
    return value
  }

  /// A whole number with a lower bound.
  public func integer(min bound: Int64) throws(ScenarioError) -> Int64 {
    let text = try scalarText("a whole number")
    guard let value = Int64(text) else { throw error("must be a whole number, got \(shown)") }
    guard value >= bound else { throw error("must be >= \(bound), got \(shown)") }
    return value
  }

  /// An unsigned 64-bit seed.
  public func seed() throws(ScenarioError) -> UInt64 {
    let text = try scalarText("a seed")
    guard let value = UInt64(text) else { throw error("must be a whole number >= 0, got \(shown)") }
    return value
  }

  /// A duration such as `30s`, `5m`, `250ms` in microseconds; `positive` refuses zero.
  public func duration(positive: Bool = false) throws(ScenarioError) -> Int64 {
    let text = try scalarText("a duration such as 30s, 5m, 2h, 7d or 250ms")
    let micros: Int64
    switch DurationText.read(text) {
    case .duration(let read): micros = read
    case .tooLong: throw error("must be at most \(DurationText.format(DurationText.maximum)), got \(shown)")
    case .malformed: throw error("must be a duration such as 30s, 5m, 2h, 7d or 250ms, got \(shown)")
    }
    if positive, micros <= 0 { throw error("must be > 0, got \(shown)") }
    return micros
  }

  /// A boolean (`true`/`false`).
  public func bool() throws(ScenarioError) -> Bool {
    let text = try scalarText("true or false")
    switch text {
    case "true", "yes", "on": return true
    case "false", "no", "off": return false
    default: throw error("must be true or false, got \(shown)")
    }
  }

  /// One of `choices`.
  public func choice(_ choices: [String]) throws(ScenarioError) -> String {
    let text = try scalarText("one of \(choices.joined(separator: ", "))")
    guard choices.contains(text) else {
      throw error("must be one of \(choices.joined(separator: ", ")), got \(shown)")
    }
    return text
  }

  /// A non-empty string.
  public func string() throws(ScenarioError) -> String {
    let text = try scalarText("a string")
    guard !text.isEmpty else { throw error("must not be empty") }
    return text
  }

  public static func format(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
  }
}

/// The keys of one mapping, in file order, with the mapping's own cursor for errors about
/// missing keys.
public struct YAMLMapping {
  public let pairs: [(key: String, value: YAMLCursor)]
  public let owner: YAMLCursor

  /// The value at `key`, nil when absent or written as `null`.
  public subscript(key: String) -> YAMLCursor? {
    guard let value = pairs.first(where: { $0.key == key })?.value, !value.isNull else { return nil }
    return value
  }

  /// Whether `key` is present (even as `null`).
  public func contains(_ key: String) -> Bool { pairs.contains { $0.key == key } }

  /// The value at `key`, or an error naming the missing key.
  public func require(_ key: String) throws(ScenarioError) -> YAMLCursor {
    guard let value = self[key] else {
      let keyPath = owner.path.isEmpty ? key : owner.path + "." + key
      throw ScenarioError(file: owner.file, line: owner.line, keyPath: keyPath, message: "is required")
    }
    return value
  }
}
