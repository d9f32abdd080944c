import Foundation
import Testing

@testable import RealtimeEvents

@Suite("Line splitting")
struct LineSplitterTests {
  private func lines(_ text: String, capacity: Int = 16) throws -> [String] {
    let splitter = LineSplitter(source: .memory(Array(text.utf8)), name: "t", initialCapacity: capacity)
    var out: [String] = []
    while let line = try splitter.nextLine() { out.append(String(decoding: line, as: UTF8.self)) }
    return out
  }

  @Test("newlines, CRLF, a last line without newline, blank lines, lines longer than the buffer")
  func shapes() throws {
    #expect(try lines("a\nb\n") == ["a", "b"])
    #expect(try lines("a\r\nb") == ["a", "b"])
    #expect(try lines("\n\nx\n") == ["", "", "x"])
    #expect(try lines("") == [])
    let long = String(repeating: "x", count: 100)
    #expect(try lines("\(long)\nshort\n\(long)") == [long, "short", long])
  }

  @Test("memory is bounded by the longest line, not the file: 20,000 lines of 5 kB in a 64 KiB buffer")
  func boundedMemory() throws {
    let line =
      #"{"type":"input_audio_buffer.append","audio":""# + String(repeating: "A", count: 5_000) + "\"}\n"
    var text: [UInt8] = []
    text.reserveCapacity(line.utf8.count * 20_000)
    for _ in 0..<20_000 { text.append(contentsOf: line.utf8) }
    let reader = RecordingReader(bytes: text, name: "big.jsonl")
    var bytes: Int64 = 0
    while let event = try reader.next() {
      if case .inputAudioAppend(let b) = event.event { bytes += b }
    }
    #expect(reader.stats.events == 20_000)
    #expect(bytes == 20_000 * 3_750)
    #expect(reader.bufferCapacity == 64 * 1024)
    #expect(reader.stats.bytes == Int64(text.count))
  }

  @Test("blank lines are skipped and counted; line numbers count them")
  func blankLines() throws {
    let text = "\n{\"type\":\"input_audio_buffer.commit\"}\n  \n{\"type\":\"oops.x\"}\n"
    let reader = RecordingReader(bytes: Array(text.utf8), name: "b.jsonl")
    let first = try #require(try reader.next())
    let second = try #require(try reader.next())
    #expect(try reader.next() == nil)
    #expect(first.line == 2 && second.line == 4)
    #expect(second.event == .unknown(type: "oops.x"))
    #expect(reader.stats.blankLines == 2)
    #expect(reader.stats.unknownEvents == 1)
  }
}

@Suite("Reader edge cases")
struct ReaderEdgeTests {
  private func read(_ text: String) throws -> ([TimedEvent], RecordingReader) {
    let reader = RecordingReader(bytes: Array(text.utf8), name: "e.jsonl")
    var events: [TimedEvent] = []
    try reader.forEach { events.append($0) }
    return (events, reader)
  }

  @Test("an empty file has no events and no style")
  func empty() throws {
    let (events, reader) = try read("")
    #expect(events.isEmpty)
    #expect(reader.style == nil && reader.header == nil)
    #expect(reader.stats.lines == 0)
  }

  @Test("a header alone: the header is read, no style")
  func headerOnly() throws {
    let (events, reader) = try read(#"{"rtcost_recording":1,"note":"nothing yet"}"# + "\n")
    #expect(events.isEmpty)
    #expect(reader.header == RecordingHeader(note: "nothing yet"))
    #expect(reader.style == nil)
  }

  @Test("a header followed by bare lines is a bare recording")
  func headerThenBare() throws {
    let (events, reader) = try read(#"{"rtcost_recording":1}"# + "\n" + #"{"type":"response.create"}"#)
    #expect(events.map(\.event) == [.responseCreate])
    #expect(events[0].direction == .client && events[0].time == nil && events[0].line == 2)
    #expect(reader.style == .bare)
  }

  @Test("equal times are in order; t is rounded to the microsecond")
  func equalTimes() throws {
    let line = #"{"t":1.0000004,"dir":"server","event":{"type":"input_audio_buffer.speech_started"}}"#
    let (events, _) = try read(line + "\n" + line.replacingOccurrences(of: "1.0000004", with: "1") + "\n")
    #expect(events.map(\.time) == [1_000_000, 1_000_000])
  }

  @Test("forEach passes the body's error through")
  func bodyError() {
    struct Stop: Error {}
    let reader = RecordingReader(bytes: Array(#"{"type":"response.create"}"#.utf8), name: "e.jsonl")
    #expect(throws: Stop.self) { try reader.forEach { _ in throw Stop() } }
  }
}

/// A large regular file is read ahead on a second thread (ChunkPipe): the lines are the same as
/// read from memory, across chunk boundaries, with lines longer than a chunk, and a splitter
/// released early stops its reading thread.
@Suite("Line splitting, read ahead")
struct ReadAheadLineSplitterTests {
  /// About 10 MiB: short lines, lines of a few kB, and one of 3 MiB (three chunks long).
  static func text() -> [UInt8] {
    var text: [UInt8] = []
    var random = UInt64(7)
    for index in 0..<2_400 {
      random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let length = index == 1_000 ? 3 << 20 : Int(random >> 51)  // 0..8191, and one of 3 MiB
      text.append(contentsOf: "\(index):".utf8)
      text.append(contentsOf: repeatElement(UInt8(ascii: "a") + UInt8(index % 26), count: length))
      text.append(index % 7 == 0 ? 0x0D : UInt8(ascii: "."))
      text.append(0x0A)
    }
    text.append(contentsOf: "last line without newline".utf8)
    return text
  }

  static func write(_ bytes: [UInt8]) throws -> String {
    let path = "/tmp/rtcost-readahead-\(UInt64.random(in: 0...UInt64.max)).txt"
    let file = fopen(path, "wb")
    try #require(file != nil)
    bytes.withUnsafeBytes { _ = fwrite($0.baseAddress, 1, $0.count, file) }
    fclose(file)
    return path
  }

  static func lines(_ splitter: LineSplitter) throws -> [[UInt8]] {
    var out: [[UInt8]] = []
    while let line = try splitter.nextLine() { out.append(Array(line)) }
    return out
  }

  @Test func aLargeFileReadsAheadToTheSameLines() throws {
    let bytes = Self.text()
    #expect(Int64(bytes.count) >= LineSplitter.prefetchThreshold)
    let path = try Self.write(bytes)
    defer { unlink(path) }
    let file = try LineSplitter.open(path: path)
    #expect(file.readsAhead)
    let expected = try Self.lines(LineSplitter(source: .memory(bytes), name: "m"))
    let got = try Self.lines(file)
    #expect(got.count == 2_401)
    #expect(got == expected)
    #expect(file.bytesRead == Int64(bytes.count))
    #expect(try file.nextLine() == nil)
  }

  @Test func aSplitterReleasedEarlyStopsItsReader() throws {
    let path = try Self.write(Self.text())
    defer { unlink(path) }
    for _ in 0..<20 {
      let splitter = try LineSplitter.open(path: path)
      #expect(try splitter.nextLine() != nil)
    }
  }

  @Test func aLineLongerThan64MiBIsRefusedByLine() throws {
    var bytes = Array("first\n".utf8)
    bytes.append(contentsOf: repeatElement(UInt8(ascii: "x"), count: 65 << 20))
    let path = try Self.write(bytes)
    defer { unlink(path) }
    let splitter = try LineSplitter.open(path: path)
    #expect(splitter.readsAhead)
    #expect(try splitter.nextLine().map { Array($0) } == Array("first".utf8))
    #expect {
      _ = try splitter.nextLine()
    } throws: { error in
      "\(error)" == "\(path):2: the line is longer than 64 MiB: not a recording"
    }
  }

  @Test func aSmallFileIsReadDirectly() throws {
    let path = try Self.write(Array("one\ntwo\n".utf8))
    defer { unlink(path) }
    let splitter = try LineSplitter.open(path: path)
    #expect(!splitter.readsAhead)
    #expect(try Self.lines(splitter).count == 2)
  }
}

/// A line whose end lies in the bytes in hand is scanned by the fast path from its start and
/// stepped past (`unreadInPlace`, `skipLine`): the same events, counts and line numbers as when
/// every line is split first, in memory and read ahead, across chunk boundaries.
@Suite("Line splitting, scanned in place")
struct InPlaceLineSplitterTests {
  @Test func stepsPastALineFoundInPlaceAsNextLineWould() throws {
    let text = Array("first\nsecond\r\nthird".utf8)
    let splitter = LineSplitter(source: .memory(text), name: "m", initialCapacity: 64)
    #expect(splitter.unreadInPlace == nil)  // nothing read yet
    #expect(try splitter.nextLine().map { Array($0) } == Array("first".utf8))
    let unread = try #require(splitter.unreadInPlace)
    #expect(Array(unread) == Array("second\r\nthird".utf8))
    splitter.skipLine(length: 7)
    #expect(splitter.lineNumber == 2)
    #expect(Array(try #require(splitter.unreadInPlace)) == Array("third".utf8))
    #expect(try splitter.nextLine().map { Array($0) } == Array("third".utf8))
    #expect(splitter.lineNumber == 3)
    #expect(try splitter.nextLine() == nil)
  }

  /// 3,000 appends of 4,000 base64 characters (3,000 bytes each), a response.done (CRLF-ended)
  /// after every 500, a blank line and a header: over 8 MiB, so the file is read ahead in 1 MiB
  /// chunks, and lines that span two chunks take the splitting path.
  static func recording() -> [UInt8] {
    var text = #"{"rtcost_recording":1,"note":"in place"}"# + "\n\n"
    let audio = String(repeating: "A", count: 4_000)
    for index in 0..<3_000 {
      text +=
        #"{"t":\#(Double(index) / 10),"dir":"client","event":{"type":"input_audio_buffer.append","audio":"\#(audio)"}}"#
      text += "\n"
      if index % 500 == 499 {
        text +=
          #"{"t":\#(Double(index) / 10),"dir":"server","event":{"type":"response.done","response":{"status":"completed"}}}"#
        text += "\r\n"
      }
    }
    return Array(text.utf8)
  }

  @Test func aRecordingReadAheadReadsToTheSameEventsAndStatsAsFromMemory() throws {
    let bytes = Self.recording()
    #expect(Int64(bytes.count) >= LineSplitter.prefetchThreshold)
    let path = try ReadAheadLineSplitterTests.write(bytes)
    defer { unlink(path) }
    let file = try RecordingReader.readAll(path: path)
    let memory = RecordingReader(bytes: bytes, name: path)
    var events: [TimedEvent] = []
    try memory.forEach { events.append($0) }
    #expect(file.events.count == 3_006)
    #expect(file.events == events)
    #expect(file.events.last?.line == 3_008)
    #expect(file.reader.stats == memory.stats)
    #expect(file.reader.stats.fastPathEvents == 3_000)
    #expect(file.reader.stats.blankLines == 1)
    #expect(file.reader.header == RecordingHeader(note: "in place"))
    #expect(file.reader.stats.bytes == Int64(bytes.count))
  }

  @Test func aBadLineFoundInPlaceIsReportedOnItsOwnLine() throws {
    // The third line goes back in time: the fast path reads it, the reader refuses it.
    let text =
      #"{"t":2,"dir":"client","event":{"type":"input_audio_buffer.commit"}}"# + "\n"
      + #"{"t":3,"dir":"client","event":{"type":"input_audio_buffer.commit"}}"# + "\n"
      + #"{"t":1,"dir":"client","event":{"type":"input_audio_buffer.commit"}}"# + "\n"
    let reader = RecordingReader(bytes: Array(text.utf8), name: "back.jsonl")
    _ = try reader.next()
    _ = try reader.next()
    #expect {
      _ = try reader.next()
    } throws: { error in
      (error as? RecordingError)?.line == 3 && "\(error)".hasPrefix("back.jsonl:3: ")
    }
  }
}
