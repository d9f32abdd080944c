#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file-system failure or refusal, with the path the user gave and the reason.
public struct FileError: Error, Sendable, Equatable, CustomStringConvertible {
  public var path: String
  public var message: String

  public init(path: String, message: String) {
    self.path = path
    self.message = message
  }

  public var description: String { "\(path): \(message)" }

  /// `what` followed by the system's reason for the current `errno`.
  static func system(_ path: String, _ what: String) -> FileError {
    FileError(path: path, message: "\(what): \(String(cString: strerror(errno)))")
  }
}
