import Billing
import RealtimeEvents
import Testing

@testable import Simulation

/// The fitter's reading of a recording: utterances from the server's spans, responses by id.
@Suite struct RecordingObserverTests {
  func done(_ id: String, textOut: Int64) -> RealtimeEvent {
    var counts = TokenCounts.zero
    counts.textIn = 100
    counts.textOut = textOut
    return .responseDone(
      ResponseDone(responseID: id, status: .completed, usage: ResponseUsage(counts: counts)))
  }

  @Test func responsesAreMatchedByIdThenInOrder() throws {
    var observer = RecordingObserver(name: "r", header: RecordingHeader(startedAt: "2026-03-02T09:30:00Z"))
    let events: [(Micros, RealtimeEvent)] = [
      (0, .sessionCreated(SessionConfig(model: "gpt-realtime"))),
      // audio_start_ms 1,000 − 300 padding … audio_end_ms 3,200 = 2.5 s + 200 ms silence: 2.0 s of speech.
      (1_300_000, .speechStarted(audioStart: 700_000)), (3_200_000, .speechStopped(audioEnd: 3_200_000)),
      (3_200_000, .inputAudioCommitted), (3_200_000, .responseCreated(responseID: "a")),
      (3_300_000, .responseCreated(responseID: "b")), (3_400_000, done("b", textOut: 2)),
      (3_500_000, done("a", textOut: 1)), (3_600_000, .responseCreated(responseID: nil)),
      (3_700_000, done("c", textOut: 3)),
    ]
    for (time, event) in events {
      try observer.add(TimedEvent(time: time, direction: .server, event: event))
    }
    let observations = observer.finish()
    #expect(observations.timeOfDayAtZero == 34_200_000_000)
    #expect(observations.startDay?.description == "2026-03-02")
    #expect(observations.utterances.count == 1)
    #expect(observations.utterances[0].speech == 2_000_000)
    #expect(observations.utterances[0].start == 1_300_000)
    let responses = observations.utterances[0].responses
    #expect(responses.map { $0.usage?.textOut } == [1, 2, 3])
    #expect(responses.map(\.done) == [3_500_000, 3_400_000, 3_700_000])
  }

  @Test func aBareEventIsRefusedWithItsLine() {
    var observer = RecordingObserver(name: "bare.jsonl", header: nil)
    #expect(
      throws: FitError(
        "bare.jsonl:4: the recording has no timestamps; a scenario's timing cannot be fitted from it")
    ) {
      try observer.add(TimedEvent(time: nil, direction: .server, event: .inputAudioCommitted, line: 4))
    }
  }

  @Test func wallClocksParse() {
    #expect(
      WallClock.parse("2026-11-20T09:00:00Z")
        == WallClock(day: CalendarDay("2026-11-20")!, timeOfDay: 32_400_000_000))
    #expect(WallClock.parse("2026-11-20T09:00:00.250+02:00")?.timeOfDay == 32_400_250_000)
    #expect(WallClock.parse("yesterday") == nil)
  }
}
