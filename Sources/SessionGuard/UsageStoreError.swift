/// Why the stats file could not be read or written. Every case names the file; a refused file is
/// never overwritten.
public enum UsageStoreError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file is not JSON (with the line and column of the first problem).
  case notJSON(path: String, detail: StatsJSON.ParseError)
  /// A key has the wrong type or an impossible value.
  case invalidKey(path: String, key: String, message: String)
  /// `rtcost_stats_version` is one this build does not read.
  case unknownVersion(path: String, message: String)
  /// Seed mode: a key the seed's loader does not know (the seed crashed here: defect 8).
  case seedUnknownKey(path: String, key: String)
  /// The file system failed.
  case io(StatsFileError)

  public var description: String {
    switch self {
    case .notJSON(let path, let detail):
      "\(path): not a valid stats file (\(detail)); the file was left untouched"
    case .invalidKey(let path, let key, let message):
      "\(path): key \(key): \(message); the file was left untouched"
    case .unknownVersion(let path, let message):
      "\(path): key rtcost_stats_version: \(message); the file was left untouched"
    case .seedUnknownKey(let path, let key):
      "\(path): key \(key): unknown to the seed's loader, which crashes on it "
        + "(seed-compatible mode, defect 8)"
    case .io(let error): error.description
    }
  }
}
