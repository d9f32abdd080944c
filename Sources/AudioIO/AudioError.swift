/// Why a WAV file cannot be used: one sentence that names the file and what it actually holds.
///
/// Every refusal names the real format ("WAV with 32-bit float samples", "malformed WAV: …",
/// "not a WAV file"), so that a user can see what to convert, and ends with what rtcost reads.
public struct AudioError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file the error is about.
  public var path: String
  /// What is wrong, without the path.
  public var reason: String

  /// An error about `path`.
  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }

  /// `path: reason`.
  public var description: String { "\(path): \(reason)" }

  static let pcm16Only = "rtcost reads 16-bit PCM WAV only"
}
