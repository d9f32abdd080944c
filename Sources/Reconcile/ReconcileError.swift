/// An export that cannot be reconciled: one line naming the file and the line or key at fault.
public struct ReconcileError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
