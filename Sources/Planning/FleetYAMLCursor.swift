import Billing
import RealtimeEvents
import Yams

/// A YAML node with its key path, so every fleet-file error can name where it happened.
///
/// The same approach as the scenario loader's cursor (which is internal to Simulation): the file is
/// composed into a `Yams.Node` tree, each mapping declares the keys it knows, and anything else is
/// an error naming the key.
struct FleetYAMLCursor {
  let node: Node
  let path: String
  let file: String

  var line: Int? { node.mark?.line }

  func error(_ message: String) -> FleetError {
    FleetError(file: file, line: line, keyPath: path, message: message)
  }

  /// The scalar text, or a description of the node kind, for messages.
  var shown: String {
    switch node {
    case .scalar(let scalar): scalar.string.isEmpty ? "an empty value" : scalar.string
    case .mapping: "a mapping"
    case .sequence: "a list"
    case .alias: "an alias"
    }
  }

  var isNull: Bool {
    if case .scalar(let scalar) = node {
      return scalar.string == "null" || scalar.string == "~" || scalar.string.isEmpty
    }
    return false
  }

  func scalarText(_ expected: String) throws(FleetError) -> String {
    guard case .scalar(let scalar) = node else { throw error("must be \(expected), got \(shown)") }
    return scalar.string
  }

  /// A mapping whose keys must all be in `allowed`.
  func mapping(allowed: [String]) throws(FleetError) -> FleetYAMLMapping {
    guard case .mapping(let mapping) = node else { throw error("must be a mapping, got \(shown)") }
    var pairs: [(key: String, value: FleetYAMLCursor)] = []
    for (keyNode, valueNode) in mapping {
      let key = keyNode.string ?? "\(keyNode)"
      let keyPath = path.isEmpty ? key : path + "." + key
      guard allowed.contains(key) else {
        throw FleetError(
          file: file, line: keyNode.mark?.line, keyPath: keyPath,
          message: "unknown key (known keys here: \(allowed.joined(separator: ", ")))")
      }
      pairs.append((key, FleetYAMLCursor(node: valueNode, path: keyPath, file: file)))
    }
    return FleetYAMLMapping(pairs: pairs, owner: self)
  }

  func list() throws(FleetError) -> [FleetYAMLCursor] {
    guard case .sequence(let sequence) = node else { throw error("must be a list, got \(shown)") }
    return sequence.enumerated().map { FleetYAMLCursor(node: $1, path: "\(path)[\($0)]", file: file) }
  }

  /// A whole number in `range`.
  func integer(in range: ClosedRange<Int>) throws(FleetError) -> Int {
    let text = try scalarText("a whole number")
    guard let value = Int(text) else { throw error("must be a whole number, got \(shown)") }
    guard range.contains(value) else {
      throw error("must be between \(range.lowerBound) and \(range.upperBound), got \(shown)")
    }
    return value
  }

  /// An unsigned 64-bit seed.
  func seed() throws(FleetError) -> UInt64 {
    let text = try scalarText("a seed")
    guard let value = UInt64(text) else { throw error("must be a whole number >= 0, got \(shown)") }
    return value
  }

  /// A duration such as `30s` or `5m` (microseconds), > 0.
  func duration() throws(FleetError) -> Micros {
    let text = try scalarText("a duration such as 30s, 5m or 2h")
    guard let micros = DurationText.parse(text) else {
      throw error("must be a duration such as 30s, 5m or 2h, got \(shown)")
    }
    guard micros > 0 else { throw error("must be > 0, got \(shown)") }
    return micros
  }

  /// A duration or `off` (nil).
  func durationOrOff() throws(FleetError) -> Micros? {
    if case .scalar(let scalar) = node, scalar.string == "off" || scalar.string == "false" { return nil }
    return try duration()
  }

  /// A dollar amount: `0.50` or `"$0.50"`, exact.
  func money() throws(FleetError) -> Money {
    var text = try scalarText("a dollar amount")
    if text.hasPrefix("$") { text.removeFirst() }
    text.removeAll { $0 == "," || $0 == "_" }
    guard let money = Money(usd: text), money >= .zero else {
      throw error("must be a non-negative dollar amount such as 0.50, got \(shown)")
    }
    return money
  }

  func choice(_ choices: [String]) throws(FleetError) -> String {
    let text = try scalarText("one of \(choices.joined(separator: ", "))")
    guard choices.contains(text) else {
      throw error("must be one of \(choices.joined(separator: ", ")), got \(shown)")
    }
    return text
  }

  func string() throws(FleetError) -> String {
    let text = try scalarText("a string")
    guard !text.isEmpty else { throw error("must not be empty") }
    return text
  }

  /// The items of a list, or a single scalar as a one-item list.
  func listOrScalar() throws(FleetError) -> [FleetYAMLCursor] {
    if case .sequence = node { return try list() }
    return [self]
  }
}

/// The keys of one mapping, in file order.
struct FleetYAMLMapping {
  let pairs: [(key: String, value: FleetYAMLCursor)]
  let owner: FleetYAMLCursor

  /// The value at `key`, nil when absent or `null`.
  subscript(key: String) -> FleetYAMLCursor? {
    guard let value = pairs.first(where: { $0.key == key })?.value, !value.isNull else { return nil }
    return value
  }

  /// The value at `key`, or an error naming the missing key.
  func require(_ key: String) throws(FleetError) -> FleetYAMLCursor {
    guard let value = self[key] else {
      let keyPath = owner.path.isEmpty ? key : owner.path + "." + key
      throw FleetError(file: owner.file, line: owner.line, keyPath: keyPath, message: "is required")
    }
    return value
  }
}
