/// Why a recording could not be read: one problem, with the file and the 1-based line it is on.
///
/// `description` is the message a command prints: `path:line: message` (`path: message` when the
/// problem is not on a line, such as a file that cannot be opened).
public struct RecordingError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file name as given to the reader (or the name of an in-memory source).
  public var file: String
  /// The 1-based line number; 0 when the problem concerns the whole file.
  public var line: Int
  public var kind: Kind

  /// What is wrong.
  public enum Kind: Sendable, Equatable {
    /// The file could not be opened or read.
    case io(String)
    /// The line is not valid JSON (or not a JSON object).
    case malformedJSON(String)
    /// A field has the wrong JSON type (`path` is dotted from the line's top level).
    case wrongType(path: String, expected: String)
    /// A field has a value outside what the format allows.
    case invalidValue(path: String, message: String)
    /// A required field is absent.
    case missingField(path: String)
    /// `t` is negative.
    case negativeTime(seconds: Double)
    /// `t` is smaller than the `t` of an earlier line (timestamps out of order).
    case timeOutOfOrder(seconds: Double, previousSeconds: Double, previousLine: Int)
    /// The header's `rtcost_recording` is not a version this reader knows.
    case unsupportedVersion(Int)
    /// A header line that is not the first line of the file.
    case headerNotFirst
    /// A timed line in a bare recording or a bare line in a timed one.
    case mixedTimedAndBare(lineIsTimed: Bool, firstStyleLine: Int)
    /// A JSON object that is neither a header, a timed event line, nor a bare event.
    case notARecordingLine
    /// An audio payload whose base64 length cannot be a valid encoding.
    case invalidBase64(path: String, length: Int)
  }

  public init(file: String, line: Int, kind: Kind) {
    self.file = file
    self.line = line
    self.kind = kind
  }

  /// The message without the location.
  public var message: String {
    switch kind {
    case .io(let detail): detail
    case .malformedJSON(let detail): "malformed JSON: \(detail)"
    case .wrongType(let path, let expected): "\(path): expected \(expected)"
    case .invalidValue(let path, let message): "\(path): \(message)"
    case .missingField(let path): "missing required field '\(path)'"
    case .negativeTime(let seconds): "t is negative (\(seconds))"
    case .timeOutOfOrder(let seconds, let previous, let previousLine):
      "timestamps out of order: t \(seconds) is earlier than t \(previous) on line \(previousLine)"
    case .unsupportedVersion(let version):
      "unsupported recording version \(version) (this rtcost reads rtcost_recording 1)"
    case .headerNotFirst: "a header line (rtcost_recording) must be the first line of the file"
    case .mixedTimedAndBare(let lineIsTimed, let first):
      lineIsTimed
        ? "timed event line in a bare recording (line \(first) is a bare event): do not mix the two styles"
        : "bare event line in a timed recording (line \(first) is timed): do not mix the two styles"
    case .notARecordingLine:
      "not a recording line: expected a header {\"rtcost_recording\": 1, ...}, a timed event "
        + "{\"t\", \"dir\", \"event\"} or a bare event with a \"type\""
    case .invalidBase64(let path, let length):
      "\(path): base64 payload of length \(length) is not a valid encoding"
    }
  }

  public var description: String {
    line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)"
  }
}
