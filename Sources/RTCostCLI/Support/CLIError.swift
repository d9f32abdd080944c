/// A user-facing failure: one clear sentence naming the file, line or key; the command exits non-zero.
public struct CLIError: Error, CustomStringConvertible, Equatable {
  public var message: String

  public init(_ message: String) { self.message = message }

  public var description: String { message }
}
