/// A recording added to a stats file by `rtcost replay --stats`: its content digest and its file
/// name when it was added. The stats file keeps the list (`rtcost_replayed`) so that replaying the
/// same recording again, under any name, is skipped instead of double-counted.
public struct ReplayedRecording: Sendable, Equatable {
  /// SHA-256 of the file's bytes, 64 lowercase hex digits.
  public var sha256: String
  /// The file's name as given when it was added (for people reading the file).
  public var file: String

  public init(sha256: String, file: String) {
    self.sha256 = sha256
    self.file = file
  }

  static func list(_ value: StatsJSON, key: String) throws(UsageStats.DecodingFailure) -> [ReplayedRecording]
  {
    guard case .array(let items) = value else {
      throw UsageStats.DecodingFailure(key: key, message: "expected a list")
    }
    var list: [ReplayedRecording] = []
    for (index, item) in items.enumerated() {
      let itemKey = "\(key)[\(index)]"
      guard case .object(let members) = item, members.count == 2, case .string(let digest)? = item["sha256"],
        case .string(let file)? = item["file"]
      else {
        throw UsageStats.DecodingFailure(key: itemKey, message: "expected {\"sha256\": ..., \"file\": ...}")
      }
      guard digest.utf8.count == 64,
        digest.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
      else {
        throw UsageStats.DecodingFailure(
          key: itemKey + ".sha256", message: "expected 64 lowercase hex digits")
      }
      list.append(ReplayedRecording(sha256: digest, file: file))
    }
    return list
  }

  static func json(_ list: [ReplayedRecording]) -> StatsJSON {
    .array(list.map { .object([("sha256", .string($0.sha256)), ("file", .string($0.file))]) })
  }
}
