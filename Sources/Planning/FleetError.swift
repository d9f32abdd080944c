/// A fleet file that cannot be used: names the file, the line when known, the key path and why.
///
/// Its description reads `fleet.yaml:7: groups[1].count: must be >= 1, got 0`, the same shape as
/// the scenario loader's errors. Errors of a group's scenario file are passed through with that
/// file's own name and line.
public struct FleetError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file name as given.
  public var file: String
  /// The 1-based line of the offending node, when known.
  public var line: Int?
  /// The dotted key path (`groups[1].policy.idle_timeout`); empty for file-level errors.
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
