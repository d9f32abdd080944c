import Billing
import RealtimeEvents
import SessionGuard
import TestSupport
import Testing

@testable import Replay

/// Speech spans matched to the transcriptions they produce, and the estimate priced from them.
@Suite struct SpeechSpansTests {
  @Test func aCommitTakesTheSpanJustStoppedAndTranscriptionsTakeCommitsInOrder() {
    var spans = SpeechSpans()
    spans.speechStarted(audioStart: .milliseconds(1_000))
    spans.speechStopped(audioEnd: .milliseconds(3_500))
    #expect(spans.phase == .stopped(span: .milliseconds(2_500)))
    spans.committed(transcribed: true)
    #expect(spans.phase == .quiet)
    // The next turn starts before the first transcription arrives.
    spans.speechStarted(audioStart: .milliseconds(5_200))
    #expect(spans.transcriptionFinished() == .milliseconds(2_500))
    #expect(spans.phase == .speaking(audioStart: .milliseconds(5_200)))
    spans.speechStopped(audioEnd: .milliseconds(6_400))
    spans.committed(transcribed: true)
    #expect(spans.waitingCount == 1)
    #expect(spans.transcriptionFinished() == .milliseconds(1_200))
    // Nothing left: a transcription without a commit or a span has no known span.
    #expect(spans.transcriptionFinished() == nil)
  }

  @Test func unknownSpansAreNil() {
    var spans = SpeechSpans()
    // A manual commit without speech.
    spans.committed(transcribed: true)
    // A start without its position.
    spans.speechStarted(audioStart: nil)
    spans.speechStopped(audioEnd: .milliseconds(900))
    spans.committed(transcribed: true)
    // An end before the start.
    spans.speechStarted(audioStart: .milliseconds(2_000))
    spans.speechStopped(audioEnd: .milliseconds(1_500))
    spans.committed(transcribed: true)
    // A commit in the middle of speech.
    spans.speechStarted(audioStart: .milliseconds(3_000))
    spans.committed(transcribed: true)
    #expect(spans.waitingCount == 4)
    for _ in 0..<4 { #expect(spans.transcriptionFinished() == nil) }
  }

  @Test func clearedSpeechAndUntranscribedCommitsTakeNoPlace() {
    var spans = SpeechSpans()
    spans.speechStarted(audioStart: .milliseconds(0))
    spans.speechStopped(audioEnd: .milliseconds(700))
    spans.cleared()
    spans.speechStarted(audioStart: .milliseconds(1_000))
    spans.speechStopped(audioEnd: .milliseconds(1_400))
    spans.committed(transcribed: false)
    #expect(spans.waitingCount == 0)
    #expect(spans.transcriptionFinished() == nil)
  }

  @Test func withoutCommitEventsTheStoppedSpanIsTaken() {
    var spans = SpeechSpans()
    spans.speechStarted(audioStart: .milliseconds(4_308))
    spans.speechStopped(audioEnd: .milliseconds(4_896))
    #expect(spans.transcriptionFinished() == .milliseconds(588))
    #expect(spans.phase == .quiet)
  }

  @Test func waitingCommitsAreBounded() {
    var spans = SpeechSpans()
    for index in 0..<(SpeechSpans.maxWaiting + 10) {
      spans.speechStarted(audioStart: .milliseconds(Int64(index) * 1_000))
      spans.speechStopped(audioEnd: .milliseconds(Int64(index) * 1_000 + 500))
      spans.committed(transcribed: true)
    }
    #expect(spans.waitingCount == SpeechSpans.maxWaiting)
    // The oldest ten were dropped; every span is 500 ms.
    #expect(spans.transcriptionFinished() == .milliseconds(500))
    #expect(spans.waitingCount == SpeechSpans.maxWaiting - 1)
  }

  @Test func theEstimatePricesEachSpanAtThePerMinuteRate() throws {
    let whisper = try PriceBook.bundled.transcriptionCard(for: "whisper-1")
    var estimate = TranscriptionEstimate()
    estimate.add(span: .milliseconds(2_500), card: whisper)
    estimate.add(span: .milliseconds(1_200), card: whisper)
    // whisper-1 $0.006/min = 100 pico-dollars per µs: 2,500,000 + 1,200,000 µs = 370,000,000 pico.
    #expect(estimate.transcriptions == 2)
    #expect(estimate.speech == .milliseconds(3_700))
    #expect(estimate.cost == usd("0.00037"))
    #expect(estimate.models == ["whisper-1"])
    // A token-billed card, no card, or no span: counted, not estimated.
    let tokens = try PriceBook.bundled.transcriptionCard(for: "gpt-4o-transcribe")
    estimate.add(span: .seconds(1), card: tokens)
    estimate.add(span: .seconds(1), card: nil)
    estimate.add(span: nil, card: whisper)
    #expect(estimate.notEstimated == 3)
    #expect(estimate.cost == usd("0.00037"))
    var total = TranscriptionEstimate()
    total.add(estimate)
    total.add(estimate)
    #expect(total.transcriptions == 4 && total.notEstimated == 6 && total.cost == usd("0.00074"))
    #expect(total.models == ["whisper-1"])
  }

  @Test func gptRealtimeWhisperRoundsOncePerSpan() throws {
    // $0.017/min = 283⅓ pico-dollars per µs: 1 s = 283,333,333.3 → 283,333,333 pico per span.
    let card = try PriceBook.bundled.transcriptionCard(for: "gpt-realtime-whisper")
    var estimate = TranscriptionEstimate()
    estimate.add(span: .seconds(1), card: card)
    estimate.add(span: .seconds(1), card: card)
    #expect(estimate.cost == Money(picoUSD: 566_666_666))
  }

  @Test func aReplayEstimatesTranscriptionsWithoutUsageAndCountsThem() throws {
    func at(_ ms: Int64, _ event: RealtimeEvent) -> TimedEvent {
      TimedEvent(time: .milliseconds(ms), direction: .server, event: event)
    }
    let events = [
      at(
        0, .sessionCreated(SessionConfig(model: "gpt-realtime-2025-08-28", transcriptionModel: "whisper-1"))),
      at(1_000, .speechStarted(audioStart: .milliseconds(700))),
      at(2_000, .speechStopped(audioEnd: .milliseconds(2_000))),
      at(2_100, .inputAudioCommitted),
      at(2_500, .transcriptionCompleted(nil)),
      at(3_000, .speechStarted(audioStart: .milliseconds(2_700))),
      at(4_000, .speechStopped(audioEnd: .milliseconds(3_700))),
      at(4_100, .inputAudioCommitted),
      at(4_500, .transcriptionCompleted(.duration(microseconds: .seconds(1)))),
    ]
    let result = try Replay.run(EventArraySource(events, name: "spans.jsonl"), options: ReplayOptions())
    // The first has no usage: 1.3 s × 100 pico/µs = $0.00013, an estimate; the second is billed:
    // 1 s = $0.0001.
    #expect(result.transcriptionEstimate.transcriptions == 1)
    #expect(result.transcriptionEstimate.speech == .milliseconds(1_300))
    #expect(result.transcriptionEstimate.cost == usd("0.00013"))
    #expect(result.transcriptionCost == usd("0.0001"))
    #expect(result.total == usd("0.0001"))
    #expect(result.billed.transcriptionsWithoutUsage == 1)
    #expect(result.transcriptions == 1)
    #expect(result.isLowerBound)
    #expect(ReplayAggregate(result).transcriptionEstimate == result.transcriptionEstimate)
  }
}
