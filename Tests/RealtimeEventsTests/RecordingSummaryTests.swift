import Billing
import Testing

@testable import RealtimeEvents

@Suite("Recording summary")
struct RecordingSummaryTests {
  private func at(_ seconds: Double, _ event: RealtimeEvent) -> TimedEvent {
    TimedEvent(time: Micros(seconds * 1_000_000), direction: event.defaultDirection, event: event)
  }

  @Test("idle gap buckets: a gap equal to a bound falls in the bucket above it")
  func bucketBounds() throws {
    // Gaps of 0.999999, 1, 4.999999, 5, 1800 and (trailing) 1800 s.
    var t: Micros = 0
    var events = [TimedEvent(time: t, direction: .server, event: .speechStarted(audioStart: nil))]
    for gap: Micros in [999_999, 1_000_000, 4_999_999, 5_000_000, 1_800_000_000] {
      t += gap
      events.append(TimedEvent(time: t, direction: .server, event: .speechStarted(audioStart: nil)))
    }
    events.append(TimedEvent(time: t + 1_800_000_000, direction: .server, event: .rateLimitsUpdated))
    let gaps = try #require(RecordingSummary(events).idleGaps)
    #expect(gaps.count == 6)
    #expect(gaps.histogram == [1, 2, 1, 0, 0, 0, 0, 0, 2])
    #expect(
      IdleGaps.bucketLabels == [
        "<1s", "1-5s", "5-30s", "30-60s", "60-120s", "120-300s", "300-600s", "600-1800s", ">=1800s",
      ])
  }

  @Test("audio is measured in the format in force when it arrives; a partial update keeps other fields")
  func formatSwitch() {
    let events = [
      at(
        0,
        .sessionCreated(
          SessionConfig(model: "gpt-realtime-2025-08-28", inputAudioFormat: .pcm16, outputAudioFormat: .pcm16)
        )),
      at(1, .inputAudioAppend(bytes: 48_000)),
      at(2, .sessionUpdate(SessionConfig(inputAudioFormat: .g711Ulaw))),
      at(3, .inputAudioAppend(bytes: 8_000)),
      at(4, .outputAudioDelta(bytes: 24_000)),
    ]
    let summary = RecordingSummary(events)
    #expect(summary.audioIn.micros(.pcm16) == 1_000_000)
    #expect(summary.audioIn.micros(.g711Ulaw) == 1_000_000)
    #expect(summary.audioOut.micros(.pcm16) == 500_000)
    #expect(summary.audioIn.totalMicros == 2_000_000)
    #expect(summary.model == "gpt-realtime-2025-08-28")
    #expect(summary.session.outputAudioFormat == .pcm16)
  }

  @Test("without a session event, audio counts as pcm16 (the API default)")
  func defaultFormat() {
    let summary = RecordingSummary([at(0, .inputAudioAppend(bytes: 4_800))])
    #expect(summary.audioIn.pcm16Bytes == 4_800)
  }

  @Test("the standard rule ignores appends, deltas and rate limits; any-event counts everything")
  func activityRules() {
    #expect(!ActivityRule.real.isActivity(.inputAudioAppend(bytes: 1)))
    #expect(!ActivityRule.real.isActivity(.rateLimitsUpdated))
    #expect(!ActivityRule.real.isActivity(.outputAudioDelta(bytes: 1)))
    #expect(!ActivityRule.real.isActivity(.sessionUpdated(SessionConfig())))
    #expect(ActivityRule.real.isActivity(.userCommand))
    #expect(ActivityRule.real.isActivity(.functionCallArgumentsDone(callID: nil, name: nil)))
    #expect(ActivityRule.seed.isActivity(.inputAudioAppend(bytes: 1)))
  }

  @Test("counts sort by type name; type names use the GA spelling")
  func sortedCounts() {
    let summary = RecordingSummary([
      TimedEvent(time: nil, direction: .server, event: .outputAudioDelta(bytes: 3)),
      TimedEvent(time: nil, direction: .server, event: .speechStarted(audioStart: nil)),
      TimedEvent(time: nil, direction: .server, event: .unknown(type: "a.new")),
    ])
    #expect(
      summary.sortedEventCounts.map(\.type) == [
        "a.new", "input_audio_buffer.speech_started", "response.output_audio.delta",
      ])
    #expect(summary.unknownEvents == 1)
    #expect(!summary.isTimed)
    #expect(summary.idleGaps == nil)
  }
}
