/// A scenario file that cannot be used: names the file, the line when known, the key path and why.
///
/// Its description reads `home-robot.yaml:14: user.turns.median: must be > 0, got -3`.
public struct ScenarioError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file name as given (or `<scenario>` for text without a file).
  public var file: String
  /// The 1-based line of the offending node, when the YAML parser reported one.
  public var line: Int?
  /// The dotted key path (`user.turns.median`, `noise[1].length`); empty for file-level errors.
  public var keyPath: String
  /// What is wrong, including the offending value.
  public var message: String

  public init(file: String, line: Int?, keyPath: String, message: String) {
    self.file = file
    self.line = line
    self.keyPath = keyPath
    self.message = message
  }

  public var description: String {
    let location = line.map { "\(file):\($0)" } ?? file
    return keyPath.isEmpty ? "\(location): \(message)" : "\(location): \(keyPath): \(message)"
  }
}
