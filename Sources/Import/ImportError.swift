/// A log that cannot be imported: one line naming the file and the entry, line or key at fault.
public struct ImportError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
