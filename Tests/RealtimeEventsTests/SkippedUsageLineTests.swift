import TestSupport
import Testing

@testable import RealtimeEvents

/// A line skipped by `--lenient` that held a `response.done` or a transcription is counted apart:
/// its usage is missing, so a total is a lower bound (DESIGN §7.3).
@Suite("Skipped usage lines")
struct SkippedUsageLineTests {
  private func scan(_ text: String) -> SkippedUsageEvent? {
    Array(text.utf8).withUnsafeBytes { SkippedUsageEvent.scan($0) }
  }

  @Test(
    "the scan finds the type of a broken line",
    arguments: [
      (#"{"type":"response.done","response":{"usage":{"input_tokens":9"#, SkippedUsageEvent.responseDone),
      ("{\"t\":1,\"dir\":\"server\",\"event\":{\"type\" :\t\"response.done\"}", .responseDone),
      (
        #"{"type": "conversation.item.input_audio_transcription.completed", "usage": {"input_tokens": "x"}}"#,
        .transcriptionCompleted
      ),
    ])
  func finds(_ line: String, _ event: SkippedUsageEvent) {
    #expect(scan(line) == event)
  }

  @Test(
    "the scan does not take other types, escaped text or other keys",
    arguments: [
      #"{"type":"response.done.extra"}"#,
      #"{"type":"response.created","response":{"id":"r"}"#,
      #"{"type":"response.output_text.delta","delta":"she said \"type\": \"response.done\""#,
      #"{"previous":"response.done","type":"rate_limits.updated""#,
      #"{"type":"conversation.item.input_audio_transcription.delta"}"#,
      #"{"type":"response.do"#,
      "",
    ])
  func refuses(_ line: String) {
    #expect(scan(line) == nil)
  }

  @Test("the reader counts skipped lines that held a response.done or a transcription")
  func readerCounts() throws {
    let (events, reader) = try RecordingReader.readAll(
      path: TestPaths.fixture("bounds-skipped-usage.jsonl"), options: .lenient)
    // Lines 3 (cut short), 4 (a string count) and 5 (a delta quoting the type, cut short) are skipped.
    #expect(events.count == 3)
    #expect(reader.stats.skippedErrors.map(\.line) == [3, 4, 5])
    #expect(reader.stats.skippedResponseDoneLines == 1)
    #expect(reader.stats.skippedTranscriptionLines == 1)
    #expect(reader.stats.skippedUsageLineCount == 2)
    #expect(
      reader.stats.skippedUsageLines == [
        SkippedUsageLine(line: 3, event: .responseDone),
        SkippedUsageLine(line: 4, event: .transcriptionCompleted),
      ])
    #expect(reader.stats.skippedUsageEvent(onLine: 3) == .responseDone)
    #expect(reader.stats.skippedUsageEvent(onLine: 5) == nil)
  }

  @Test(
    "malformed fixtures whose bad line is a response.done count it",
    arguments: ["missing-response.jsonl", "unknown-status.jsonl", "wrong-type-usage.jsonl"])
  func malformedResponseDone(_ file: String) throws {
    let (_, reader) = try RecordingReader.readAll(
      path: TestPaths.fixture("malformed/" + file), options: .lenient)
    #expect(reader.stats.skippedResponseDoneLines == 1)
    #expect(reader.stats.skippedTranscriptionLines == 0)
  }

  @Test("a skipped line of another type counts nothing")
  func otherLines() throws {
    let (_, reader) = try RecordingReader.readAll(
      path: TestPaths.fixture("malformed/malformed-json.jsonl"), options: .lenient)
    #expect(reader.stats.skippedLines == 1)
    #expect(reader.stats.skippedUsageLineCount == 0)
    #expect(reader.stats.skippedUsageLines.isEmpty)
  }

  @Test("only the first skipped usage lines are kept, all are counted")
  func keptFirst() throws {
    var text = ""
    for _ in 0..<8 { text += "{\"type\":\"response.done\",\"response\":\n" }
    let reader = RecordingReader(
      bytes: Array(text.utf8), name: "many.jsonl",
      options: RecordingReadOptions(lenient: true, keptProblems: 3))
    while try reader.next() != nil {}
    #expect(reader.stats.skippedResponseDoneLines == 8)
    #expect(reader.stats.skippedUsageLines.map(\.line) == [1, 2, 3])
  }
}
