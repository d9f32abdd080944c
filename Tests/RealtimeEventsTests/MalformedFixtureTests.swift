import Foundation
import TestSupport
import Testing

@testable import RealtimeEvents

/// Every file of fixtures/recordings/malformed gives its one error, naming file and line; in lenient
/// mode the same file is read with that line skipped and counted.
@Suite("Malformed recordings")
struct MalformedFixtureTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var file: String
    var line: Int
    var kind: RecordingError.Kind
    /// Events a lenient read returns.
    var lenientEvents: Int
    var testDescription: String { file }
  }

  static let cases: [Case] = [
    Case(
      file: "malformed-json.jsonl", line: 3,
      kind: .malformedJSON("an object is not closed at the end of the line (column 77)"), lenientEvents: 2),
    Case(
      file: "wrong-type-time.jsonl", line: 3, kind: .wrongType(path: "t", expected: "a number"),
      lenientEvents: 1),
    Case(
      file: "wrong-type-usage.jsonl", line: 3,
      kind: .wrongType(path: "event.response.usage.input_tokens", expected: "an integer"), lenientEvents: 1),
    Case(file: "negative-time.jsonl", line: 2, kind: .negativeTime(seconds: -0.5), lenientEvents: 1),
    Case(
      file: "out-of-order.jsonl", line: 4,
      kind: .timeOutOfOrder(seconds: 1.5, previousSeconds: 2.0, previousLine: 3), lenientEvents: 2),
    Case(file: "missing-dir.jsonl", line: 2, kind: .missingField(path: "dir"), lenientEvents: 1),
    Case(file: "missing-event.jsonl", line: 2, kind: .missingField(path: "event"), lenientEvents: 1),
    Case(file: "missing-time.jsonl", line: 2, kind: .missingField(path: "t"), lenientEvents: 1),
    Case(file: "missing-type.jsonl", line: 2, kind: .missingField(path: "event.type"), lenientEvents: 1),
    Case(
      file: "bad-direction.jsonl", line: 2,
      kind: .invalidValue(path: "dir", message: "must be server, client or local, not 'sideways'"),
      lenientEvents: 1),
    Case(file: "bad-version.jsonl", line: 1, kind: .unsupportedVersion(2), lenientEvents: 1),
    Case(file: "header-not-first.jsonl", line: 2, kind: .headerNotFirst, lenientEvents: 1),
    Case(
      file: "mixed-timed-bare.jsonl", line: 2,
      kind: .mixedTimedAndBare(lineIsTimed: false, firstStyleLine: 1),
      lenientEvents: 1),
    Case(file: "not-a-recording-line.jsonl", line: 2, kind: .notARecordingLine, lenientEvents: 1),
    Case(
      file: "not-an-object.jsonl", line: 2, kind: .malformedJSON("a line must be one JSON object"),
      lenientEvents: 1),
    Case(
      file: "bad-base64.jsonl", line: 2, kind: .invalidBase64(path: "event.audio", length: 5),
      lenientEvents: 1),
    Case(
      file: "unknown-audio-format.jsonl", line: 1,
      kind: .invalidValue(
        path: "event.session.audio.input.format.type",
        message: "unknown audio format 'audio/flac' (known: pcm16, g711_ulaw, g711_alaw, audio/pcm, "
          + "audio/pcmu, audio/pcma)"),
      lenientEvents: 0),
    Case(
      file: "unknown-status.jsonl", line: 2,
      kind: .invalidValue(
        path: "event.response.status",
        message:
          "unknown response status 'finished' (known: completed, cancelled, failed, incomplete, in_progress)"),
      lenientEvents: 1),
    Case(
      file: "bad-local-audio.jsonl", line: 2,
      kind: .invalidValue(path: "event.use", message: "must be ambient or utterance, not 'sometimes'"),
      lenientEvents: 1),
    Case(
      file: "missing-response.jsonl", line: 2, kind: .missingField(path: "event.response"), lenientEvents: 1),
  ]

  @Test("strict reading stops with the error, file and line", arguments: cases)
  func strict(_ c: Case) throws {
    let path = TestPaths.fixture("malformed/" + c.file)
    let error = #expect(throws: RecordingError.self) { _ = try RecordingReader.readAll(path: path) }
    #expect(error?.file == path)
    #expect(error?.line == c.line)
    #expect(error?.kind == c.kind)
    #expect(error?.description.hasPrefix("\(path):\(c.line): ") == true)
  }

  @Test("lenient reading skips and counts the bad line", arguments: cases)
  func lenient(_ c: Case) throws {
    let path = TestPaths.fixture("malformed/" + c.file)
    let (events, reader) = try RecordingReader.readAll(path: path, options: .lenient)
    #expect(events.count == c.lenientEvents)
    #expect(reader.stats.skippedLines == 1)
    #expect(reader.stats.skippedErrors.map(\.line) == [c.line])
  }

  @Test(
    "syntax errors are located by column",
    arguments: [
      (#"{"a":1"#, "an object is not closed at the end of the line (column 7)"),
      (#"{"a" 1}"#, "expected ':' at column 6 ('1')"),
      (#"{"a":tru}"#, "expected a value at column 6 ('t')"),
      (#"{"a":"x}"#, "a string is not closed at the end of the line (column 9)"),
      (#"{"a":1,}"#, "expected a quoted key at column 8 ('}')"),
      (#"{"a":[1 2]}"#, "expected ',' or ']' at column 9 ('2')"),
      (#"{"a":1} {"#, "unexpected text after the JSON value at column 9 ('{')"),
      (#"{"a":-}"#, "expected digits at column 7 ('}')"),
      ("{\"a\":\"\u{01}\"}", "control character inside a string at column 7 (byte 0x1)"),
      (String(repeating: "[", count: 600), "nesting deeper than 512 levels at column 513 ('[')"),
    ])
  func syntaxColumns(_ line: String, _ message: String) {
    let found = Array(line.utf8).withUnsafeBytes { JSONSyntaxCheck.firstError(in: $0) }
    #expect(found == message)
  }

  @Test("every malformed fixture is covered by a case")
  func allCovered() throws {
    let folder = TestPaths.fixture("malformed")
    let files = try FileManagerFiles.list(folder).filter { $0.hasSuffix(".jsonl") }.sorted()
    #expect(files == Self.cases.map(\.file).sorted())
  }

  @Test("lenient mode keeps only the first problems but counts them all")
  func lenientKeepsFirst() throws {
    var text = "{\"t\":0,\"dir\":\"server\",\"event\":{\"type\":\"input_audio_buffer.speech_started\"}}\n"
    for _ in 0..<30 { text += "{oops\n" }
    let reader = RecordingReader(
      bytes: Array(text.utf8), name: "many.jsonl",
      options: RecordingReadOptions(lenient: true, keptProblems: 5))
    var events = 0
    while try reader.next() != nil { events += 1 }
    #expect(events == 1)
    #expect(reader.stats.skippedLines == 30)
    #expect(reader.stats.skippedErrors.map(\.line) == [2, 3, 4, 5, 6])
  }

  @Test("a missing file is an error naming it")
  func missingFile() {
    let error = #expect(throws: RecordingError.self) {
      _ = try RecordingReader(path: "/nonexistent/recording.jsonl")
    }
    #expect(error?.line == 0)
    #expect(error?.description.hasPrefix("/nonexistent/recording.jsonl: cannot open") == true)
  }
}

enum FileManagerFiles {
  static func list(_ folder: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder)
  }
}
