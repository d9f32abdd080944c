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
