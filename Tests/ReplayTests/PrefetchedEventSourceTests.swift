import RealtimeEvents
import Testing

@testable import Replay

/// Reading ahead on a second thread changes nothing a consumer sees: the same events in the same
/// order, the same error after the same events, the same final counts.
@Suite struct PrefetchedEventSourceTests {
  /// A timed recording of `count` `input_audio_buffer.append` events (3 bytes of audio each), with
  /// `bad` (1-based event number) replaced by a line that is not JSON.
  static func recording(events count: Int, bad: Int? = nil) -> [UInt8] {
    var text = "{\"rtcost_recording\":1,\"model\":\"gpt-realtime\"}\n"
    for index in 1...count {
      if index == bad {
        text += "{not json\n"
        continue
      }
      text +=
        "{\"t\":\(Double(index) / 10),\"dir\":\"client\",\"event\":"
        + "{\"type\":\"input_audio_buffer.append\",\"audio\":\"AAAA\"}}\n"
    }
    return Array(text.utf8)
  }

  static func drain(_ source: any EventSource) -> (events: [TimedEvent], error: String?) {
    var events: [TimedEvent] = []
    do {
      while let event = try source.next() { events.append(event) }
      return (events, nil)
    } catch {
      return (events, error.description)
    }
  }

  @Test(arguments: [(1, 1), (3, 1), (7, 2), (512, 4)])
  func theSameEventsAndCountsAtAnyBatchSize(batchSize: Int, depth: Int) throws {
    let bytes = Self.recording(events: 20)
    let direct = Self.drain(RecordingReader(bytes: bytes, name: "r.jsonl"))
    let prefetched = PrefetchedEventSource(
      RecordingReader(bytes: bytes, name: "r.jsonl"), batchSize: batchSize, depth: depth)
    let ahead = Self.drain(prefetched)
    #expect(direct.events.count == 20)
    #expect(ahead.events == direct.events)
    #expect(ahead.error == nil)
    #expect(prefetched.stats == RecordingReader.stats(of: bytes))
    #expect(prefetched.stats.events == 20)
    #expect(prefetched.header?.model == "gpt-realtime")
    #expect(prefetched.provenance.name == "r.jsonl")
    // After the end, the end again.
    #expect(try prefetched.next() == nil)
  }

  @Test func anErrorComesAfterTheEventsBeforeIt() {
    // Event 8 is line 9 (the header is line 1); batches of 3 put it inside the third batch.
    let bytes = Self.recording(events: 12, bad: 8)
    let direct = Self.drain(RecordingReader(bytes: bytes, name: "bad.jsonl"))
    let ahead = Self.drain(
      PrefetchedEventSource(RecordingReader(bytes: bytes, name: "bad.jsonl"), batchSize: 3))
    #expect(direct.events.count == 7)
    #expect(ahead.events == direct.events)
    #expect(ahead.error != nil && ahead.error == direct.error)
    #expect(ahead.error?.contains("bad.jsonl:9") == true, "\(ahead.error ?? "")")
  }

  @Test func aSourceDroppedEarlyStopsItsReader() throws {
    // The reader is at most a batch and the hand-off ahead: it blocks, then stops once released.
    for _ in 0..<20 {
      let source = PrefetchedEventSource(
        RecordingReader(bytes: Self.recording(events: 5_000), name: "long.jsonl"), batchSize: 16, depth: 1)
      #expect(try source.next() != nil)
    }
  }
}

extension RecordingReader {
  /// The counts of reading all of `bytes` directly.
  fileprivate static func stats(of bytes: [UInt8]) -> RecordingReadStats {
    let reader = RecordingReader(bytes: bytes, name: "r.jsonl")
    while (try? reader.next()) != nil {}
    return reader.stats
  }
}
