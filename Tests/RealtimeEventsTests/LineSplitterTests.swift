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
