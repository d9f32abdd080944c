import Benchmark
import Billing
import RealtimeEvents

/// A 24 kHz audio recording made in memory: per 6 s, 60 appends of 100 ms and a response of
/// 15 deltas of 200 ms (as `rtcost-bench generate`, smaller).
func audioRecording(seconds: Int) -> [UInt8] {
  let encoder = RecordingEncoder()
  var bytes = encoder.headerLine(RecordingHeader(model: "gpt-realtime-2025-08-28"))
  let usage = ResponseUsage(
    totalTokens: 1_290, inputTokens: 1_200, outputTokens: 90,
    input: .init(textTokens: 1_100, audioTokens: 100, cachedTokens: 0),
    output: .init(textTokens: 30, audioTokens: 60))
  var events = [
    TimedEvent(
      time: 0, direction: .server, event: .sessionCreated(SessionConfig(model: "gpt-realtime-2025-08-28")))
  ]
  for block in 0..<(seconds / 6) {
    let start = Micros(block) * 6_000_000
    for step in 1...60 {
      let t = start + Micros(step) * 100_000
      events.append(TimedEvent(time: t, direction: .client, event: .inputAudioAppend(bytes: 4_800)))
      if step == 35 {
        events.append(TimedEvent(time: t, direction: .server, event: .responseCreated(responseID: nil)))
      }
      if (36...50).contains(step) {
        events.append(TimedEvent(time: t, direction: .server, event: .outputAudioDelta(bytes: 9_600)))
      }
      if step == 50 {
        events.append(
          TimedEvent(
            time: t, direction: .server, event: .responseDone(ResponseDone(status: .completed, usage: usage)))
        )
      }
    }
  }
  for event in events { try! encoder.append(event, to: &bytes) }
  return bytes
}

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
    maxDuration: .seconds(5), maxIterations: 50)

  // 300 s of audio: about 31 MB.
  let recording = audioRecording(seconds: 300)

  Benchmark("RecordingReader: 300 s of 24 kHz audio (31 MB) into a RecordingSummary") { benchmark in
    for _ in benchmark.scaledIterations {
      let reader = RecordingReader(bytes: recording, name: "bench.jsonl")
      var summary = RecordingSummary()
      while let event = try reader.next() { summary.add(event) }
      blackHole(summary)
    }
  }

  let doneLine = Array(
    try! RecordingEncoder().encode(
      header: nil,
      events: Array(
        repeating: TimedEvent(
          time: 0, direction: .server,
          event: .responseDone(
            ResponseDone(
              status: .completed,
              usage: ResponseUsage(
                totalTokens: 10, inputTokens: 6, outputTokens: 4, input: .init(textTokens: 6),
                output: .init(textTokens: 4))))),
        count: 10_000)))

  Benchmark("RecordingReader: 10,000 response.done lines (response fast path)") { benchmark in
    for _ in benchmark.scaledIterations {
      let reader = RecordingReader(bytes: doneLine, name: "done.jsonl")
      var count = 0
      while try reader.next() != nil { count += 1 }
      blackHole(count)
    }
  }
}
