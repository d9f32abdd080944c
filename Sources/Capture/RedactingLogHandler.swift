public import Logging

/// A swift-log handler that removes secrets before anything is written: the injected key, any
/// `Bearer …` credential and any `openai-insecure-api-key.…` subprotocol, in messages and metadata.
/// The proxy never logs a key on purpose; this is the second line of defence.
public struct RedactingLogHandler: LogHandler {
  private var wrapped: any LogHandler
  private let secrets: [String]

  /// Wraps `wrapped`, redacting `secrets` (empty strings are ignored).
  public init(wrapping wrapped: any LogHandler, secrets: [String]) {
    self.wrapped = wrapped
    self.secrets = secrets.filter { !$0.isEmpty }
  }

  public var logLevel: Logger.Level {
    get { wrapped.logLevel }
    set { wrapped.logLevel = newValue }
  }

  public var metadata: Logger.Metadata {
    get { wrapped.metadata }
    set { wrapped.metadata = newValue }
  }

  public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { wrapped[metadataKey: key] }
    set { wrapped[metadataKey: key] = newValue }
  }

  public func log(event: LogEvent) {
    var event = event
    event.message = Logger.Message(stringLiteral: redact(event.message.description))
    event.metadata = event.metadata?.mapValues { .string(redact($0.description)) }
    wrapped.log(event: event)
  }

  /// `text` with every secret replaced by `[redacted]`.
  public func redact(_ text: String) -> String {
    var result = text
    for secret in secrets { result = result.replacing(secret, with: "[redacted]") }
    for marker in ["Bearer ", HandshakeForwarding.keyProtocolPrefix] {
      var output = ""
      var rest = Substring(result)
      while let range = rest.firstRange(of: marker) {
        output += rest[..<range.upperBound]
        output += "[redacted]"
        rest = rest[range.upperBound...].drop { !$0.isWhitespace && $0 != "," && $0 != "\"" }
      }
      result = output + rest
    }
    return result
  }
}
