/// A usage-bearing event that a line skipped in lenient mode held: its usage is missing from every
/// total, so a total over the recording is a lower bound (DESIGN §7.3).
public enum SkippedUsageEvent: String, Sendable, Equatable, CaseIterable {
  /// `response.done`: a response's token usage.
  case responseDone = "response.done"
  /// `conversation.item.input_audio_transcription.completed`: an input transcription's usage.
  case transcriptionCompleted = "conversation.item.input_audio_transcription.completed"

  /// The usage-bearing event a bad line held, found by a scan of its raw bytes for a `"type"` key
  /// whose string value is the event's wire name (whitespace allowed around the colon); nil when
  /// none is found.
  ///
  /// The scan needs no valid JSON, so it also reads a line cut short or broken after its type. A
  /// `"type"` inside a string value cannot match: its quotes would be escaped (`\"type\"`).
  /// - Complexity: O(line length); it runs only on skipped lines.
  static func scan(_ line: UnsafeRawBufferPointer) -> SkippedUsageEvent? {
    let key = Array(#""type""#.utf8)
    var index = 0
    while let found = find(key, in: line, from: index) {
      index = found + key.count
      var cursor = index
      skipSpace(line, &cursor)
      guard cursor < line.count, line[cursor] == UInt8(ascii: ":") else { continue }
      cursor += 1
      skipSpace(line, &cursor)
      guard cursor < line.count, line[cursor] == UInt8(ascii: "\"") else { continue }
      cursor += 1
      for event in allCases {
        let name = event.rawValue.utf8
        let end = cursor + name.count
        guard end < line.count, line[end] == UInt8(ascii: "\"") else { continue }
        if zip(name, line[cursor..<end]).allSatisfy({ $0 == $1 }) { return event }
      }
    }
    return nil
  }

  private static func find(_ needle: [UInt8], in line: UnsafeRawBufferPointer, from start: Int) -> Int? {
    guard needle.count <= line.count else { return nil }
    var index = start
    while index + needle.count <= line.count {
      if line[index] == needle[0] {
        var match = true
        for offset in 1..<needle.count where line[index + offset] != needle[offset] {
          match = false
          break
        }
        if match { return index }
      }
      index += 1
    }
    return nil
  }

  private static func skipSpace(_ line: UnsafeRawBufferPointer, _ cursor: inout Int) {
    while cursor < line.count,
      line[cursor] == 0x20 || line[cursor] == 0x09 || line[cursor] == 0x0A || line[cursor] == 0x0D
    {
      cursor += 1
    }
  }
}

/// One skipped line that held a usage-bearing event.
public struct SkippedUsageLine: Sendable, Equatable {
  /// The 1-based line number.
  public var line: Int
  public var event: SkippedUsageEvent

  public init(line: Int, event: SkippedUsageEvent) {
    self.line = line
    self.event = event
  }
}
