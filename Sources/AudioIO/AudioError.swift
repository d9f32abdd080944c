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

  /// `path: reason` on one printable line: control characters (a header's bytes, a newline in a
  /// file name) are shown as `\xNN`.
  public var description: String { Self.escapingControls("\(path): \(reason)") }

  /// `text` with every control character (C0, DEL, C1) written as `\xNN`; other text unchanged.
  public static func escapingControls(_ text: String) -> String {
    var escaped = ""
    for scalar in text.unicodeScalars {
      if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
        let digits = String(scalar.value, radix: 16)
        escaped += "\\x" + (digits.count == 1 ? "0" : "") + digits
      } else {
        escaped.unicodeScalars.append(scalar)
      }
    }
    return escaped
  }

  static let pcm16Only = "rtcost reads 16-bit PCM WAV only"
}
