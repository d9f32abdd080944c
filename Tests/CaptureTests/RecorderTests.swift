import Dispatch
import Foundation
import NIOCore
import RealtimeEvents
import TestSupport
import Testing

@testable import Capture

/// A storage whose writes wait until the test opens the gate (a disk that stalls).
final class GatedStorage: RecordingStorage, @unchecked Sendable {
  let inner = MemoryRecordingStorage()
  let gate = DispatchSemaphore(value: 0)

  func create(name: String) throws(RecordingStorageError) -> any RecordingSink {
    gate.wait()
    gate.signal()
    return try inner.create(name: name)
  }
}

@Suite("Capture: the recorder")
struct RecorderTests {
  private func buffer(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

  @Test func linesAreTimedInOrderAndReadBackAsPassed() async throws {
    let storage = MemoryRecordingStorage()
    let recorder = SessionRecorder(
      storage: storage, queue: RecordingQueue(), name: "a.jsonl",
      header: RecordingHeader(model: "gpt-realtime", startedAt: "2026-12-01T10:00:00Z"))
    let append = #"{"type":"input_audio_buffer.append","audio":"AAAA"}"#
    let pretty = "{\n  \"type\": \"response.create\"\n}"
    recorder.message(.client, buffer(append), isEvent: true)
    recorder.message(.client, buffer(pretty), isEvent: true)
    recorder.message(.server, buffer("not json"), isEvent: false)
    recorder.local(#"{"type":"local.session_closed","reason":"client_closed"}"#)
    let counters = await recorder.finish()
    #expect(counters.lines == 5)
    #expect(counters.incomplete == nil)
    let bytes = try #require(storage.contents("a.jsonl"))
    let reader = RecordingReader(bytes: bytes, name: "a.jsonl")
    var events: [TimedEvent] = []
    while let event = try reader.next() { events.append(event) }
    #expect(reader.header?.model == "gpt-realtime")
    #expect(
      events.map(\.event) == [
        .inputAudioAppend(bytes: 3), .responseCreate, .unknown(type: "local.message_not_recorded"),
        .sessionClosed(.clientClosed),
      ])
    #expect(events.map(\.direction) == [.client, .client, .local, .local])
    // The append is kept byte for byte; the pretty-printed event's newlines became spaces.
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.contains(#""dir":"client","event":{"type":"input_audio_buffer.append","audio":"AAAA"}}"#))
    #expect(text.contains(#""event":{   "type": "response.create" }}"#))
  }

  @Test func aFullQueueDropsMessagesAndSaysSoInTheRecording() async throws {
    let storage = GatedStorage()
    let queue = RecordingQueue(capacity: 1_100)
    let recorder = SessionRecorder(
      storage: storage, queue: queue, name: "gap.jsonl", header: RecordingHeader())
    let delta =
      #"{"type":"response.output_audio.delta","delta":""# + String(repeating: "A", count: 400) + #""}"#
    for _ in 0..<10 { recorder.message(.server, buffer(delta), isEvent: true) }
    // 449 bytes + 64 of line overhead = 513 queued per message against 1,100: two fit while the disk
    // stalls (1,026), the other eight are dropped.
    storage.gate.signal()
    recorder.local(#"{"type":"local.session_closed","reason":"client_closed"}"#)
    let counters = await recorder.finish()
    #expect(counters.incomplete == nil)
    let bytes = try #require(storage.inner.contents("gap.jsonl"))
    let gaps = localEvents(bytes).filter { $0["type"] as? String == "local.recording_gap" }
    #expect(gaps.count == 1)
    #expect(gaps.first?["messages"] as? Int == 8)
    #expect(gaps.first?["bytes"] as? Int == 8 * delta.utf8.count)
    let reader = RecordingReader(bytes: bytes, name: "gap.jsonl")
    var deltas = 0
    while let event = try reader.next() { if case .outputAudioDelta = event.event { deltas += 1 } }
    #expect(deltas == 2)
  }

  @Test func aFailedWriteCutsBackToTheLastLineAndRenamesTheFile() async throws {
    let folder = try TestPaths.scratchFolder("recorder-full")
    let storage = FailingFolderStorage(folder: folder.path, failAfter: 2)
    let failures = LockedBoxForTests<[String]>([])
    let recorder = SessionRecorder(
      storage: storage, queue: RecordingQueue(), name: "s.jsonl", header: RecordingHeader(note: "full disk")
    ) { why in failures.update { $0.append(why) } }
    for _ in 0..<5 { recorder.message(.server, buffer(#"{"type":"rate_limits.updated"}"#), isEvent: true) }
    let counters = await recorder.finish()
    #expect(counters.incomplete?.contains("No space left on device") == true)
    #expect(counters.location?.hasSuffix("s.incomplete.jsonl") == true)
    #expect(failures.value.count == 1)
    let path = folder.appendingPathComponent("s.incomplete.jsonl").path
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    // The header and one event made it; the third write failed and nothing of it was kept.
    let reader = RecordingReader(bytes: bytes, name: path)
    var events = 0
    while try reader.next() != nil { events += 1 }
    #expect(events == 1)
    #expect(bytes.last == 0x0A)
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("s.jsonl").path))
  }
}

/// Real files, whose writes fail like a full disk after `failAfter` successful appends.
struct FailingFolderStorage: RecordingStorage {
  let folder: String
  let failAfter: Int

  func create(name: String) throws(RecordingStorageError) -> any RecordingSink {
    let sink = try FolderRecordingStorage(folder: folder).create(name: name)
    return FailingSink(inner: sink, remaining: failAfter)
  }
}

final class FailingSink: RecordingSink {
  let inner: any RecordingSink
  var remaining: Int
  init(inner: any RecordingSink, remaining: Int) {
    self.inner = inner
    self.remaining = remaining
  }
  var location: String { inner.location }
  func append(_ bytes: [UInt8]) throws(RecordingStorageError) {
    guard remaining > 0 else {
      throw RecordingStorageError("\(location): write failed: No space left on device", diskFull: true)
    }
    remaining -= 1
    try inner.append(bytes)
  }
  func sync() throws(RecordingStorageError) { try inner.sync() }
  func markIncomplete() -> String { inner.markIncomplete() }
  func close() { inner.close() }
}
