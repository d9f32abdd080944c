/// Why the proxy, `serve` or `record` cannot start or go on: one line naming the option, file or peer.
public struct CaptureError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String

  public init(_ message: String) { self.message = message }

  public var description: String { message }
}
