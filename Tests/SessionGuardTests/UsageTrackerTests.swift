import Billing
import RealtimeEvents
import SessionGuard
import TestSupport
import Testing

@Suite("UsageTracker")
struct UsageTrackerTests {
  func tracker(
    _ mode: GuardMode = .real, card: PriceCard = gptRealtime, start: UsageTracker.LifetimeStart = .init()
  )
    -> UsageTracker
  {
    var tracker = UsageTracker(
      configuration: UsageTracker.Configuration(mode: mode, priceCard: card), lifetimeStart: start)
    tracker.startSession(at: 0)
    return tracker
  }

  @Test("defect 2: the seed's per-second audio rates are 90× and 180× below the launch prices")
  func defect2SeedAudioRates() {
    let launch = card("gpt-4o-realtime-preview-2024-10-01", on: "2024-10-01")
    var real = tracker(card: launch)
    // One minute of assistant audio: 60 s × 48,000 B/s = 2,880,000 bytes; billed as 60 s × 20 tok/s = 1,200
    // audio tokens; the minute of user audio it answered is 60 s × 10 tok/s = 600 audio input tokens.
    real.handle(.outputAudioDelta(bytes: 2_880_000), at: s(1))
    real.handle(done(usage(audioIn: 600, audioOut: 1_200)), at: s(61))
    // Launch prices: 600 × $100/1M = $0.06 ($0.001/s); 1,200 × $200/1M = $0.24 ($0.004/s).
    #expect(real.run.costs.audioIn == usd("0.06"))
    #expect(real.run.costs.audioOut == usd("0.24"))
    // The seed's rates for the same minute: 60 × $0.00001111 = $0.0006666; 60 × $0.00002222 = $0.0013332.
    let seedIn = SeedPricing.audioCost(bytes: 2_880_000, perSecond: SeedPricing.audioInputPerSecond)
    let seedOut = SeedPricing.audioCost(bytes: 2_880_000, perSecond: SeedPricing.audioOutputPerSecond)
    #expect(seedIn == usd("0.0006666"))
    #expect(seedOut == usd("0.0013332"))
    // 0.06 / 0.0006666 = 90.009…; 0.24 / 0.0013332 = 180.018…
    #expect(real.run.costs.audioIn.picoUSD / seedIn.picoUSD == 90)
    #expect(real.run.costs.audioOut.picoUSD / seedOut.picoUSD == 180)
  }

  @Test("defect 3: the seed counts output audio twice, by duration and as text-priced output tokens")
  func defect3AudioCountedTwice() {
    var real = tracker()
    // 10 s of assistant audio (480,000 bytes) = 200 audio output tokens, plus 10 text tokens of transcript.
    real.handle(.outputAudioDelta(bytes: 480_000), at: s(1))
    real.handle(done(usage(textIn: 100, textOut: 10, audioOut: 200)), at: s(11))
    // Real (gpt-realtime): 100 × $4/1M + 10 × $16/1M + 200 × $64/1M = 0.0004 + 0.00016 + 0.0128 = $0.01336.
    #expect(real.run.billed == usd("0.01336"))
    #expect(real.run.tokens.audioOut == 200)
    // Seed: 10 s × $0.00002222 = $0.0002222 for the audio, and the same audio again inside output_tokens
    // (210 × $0.00002 = $0.0042), plus 100 × $0.000005 = $0.0005 → $0.0049222.
    let seed = real.run.seedEstimate
    #expect(seed.outputTokens == 210)
    #expect(seed.outputAudioSeconds == 10)
    #expect(seed.cost == usd("0.0049222"))
    // The audio's share appears in both parts of the seed's meter.
    let durationPart = SeedPricing.audioCost(bytes: 480_000, perSecond: SeedPricing.audioOutputPerSecond)
    let audioTokensAsText = SeedPricing.textOutputPerToken.times(200)
    #expect(durationPart > .zero && audioTokensAsText == usd("0.004"))
  }

  @Test("defect 4: the seed never counts input audio; the real meter bills it")
  func defect4InputAudioIgnored() {
    var real = tracker()
    let before = real.run.seedEstimate.cost
    // 30 s of microphone audio: 1,440,000 bytes of pcm16; the response bills it as 300 audio tokens.
    for second in 1...30 { real.handle(.inputAudioAppend(bytes: 48_000), at: s(Int64(second))) }
    #expect(real.run.seedEstimate.cost == before)
    real.handle(done(usage(audioIn: 300)), at: s(31))
    // 300 × $32/1M = $0.0096.
    #expect(real.run.costs.audioIn == usd("0.0096"))
    #expect(real.run.inputAudioMicros == s(30))
    var seedStats = UsageStats()
    seedStats.add(real.run, mode: .seed)
    var realStats = UsageStats()
    realStats.add(real.run, mode: .real)
    #expect(seedStats.audioInputSeconds == 0)
    #expect(realStats.audioInputSeconds == 30)
  }

  @Test("defect 5: the seed prices cached tokens at the full text rate")
  func defect5CachedIgnored() {
    var real = tracker()
    // 1,000 input text tokens of which 768 were cached.
    real.handle(done(usage(textIn: 232, textInCached: 768)), at: s(5))
    // Real: 232 × $4/1M + 768 × $0.40/1M = 0.000928 + 0.0003072 = $0.0012352.
    #expect(real.run.billed == usd("0.0012352"))
    // Seed: 1,000 × $0.000005 = $0.005, four times as much.
    #expect(real.run.seedEstimate.cost == usd("0.005"))
  }

  @Test("defect 9: the seed's session cost is the lifetime and its duration is never updated")
  func defect9SessionIgnored() {
    var seed = tracker(.seed, start: .init(billed: usd("2"), seedEstimate: usd("2")))
    var real = tracker(.real, start: .init(billed: usd("2"), seedEstimate: usd("2")))
    seed.handle(done(usage(textIn: 1_000)), at: s(60))
    real.handle(done(usage(textIn: 1_000)), at: s(60))
    // Seed: 1,000 × $0.000005 = $0.005 this session, but "session cost" is 2 + 0.005.
    #expect(seed.snapshot(at: s(60)).session == usd("2.005"))
    // Real: 1,000 × $4/1M = $0.004 this session.
    #expect(real.snapshot(at: s(60)).session == usd("0.004"))
    #expect(real.snapshot(at: s(60)).lifetime == usd("2.004"))
    seed.endSession(at: s(120))
    real.endSession(at: s(120))
    var seedStats = UsageStats()
    seedStats.add(seed.run, mode: .seed)
    var realStats = UsageStats()
    realStats.add(real.run, mode: .real)
    #expect(seedStats.totalDurationSeconds == 0)
    #expect(realStats.totalDurationSeconds == 120)
    #expect(realStats.meters?.connectedMicros == s(120))
  }

  @Test("the rolling hour of many responses: entries leave the window between snapshots too")
  func rollingHourOfManyResponses() {
    var tracker = UsageTracker(configuration: UsageTracker.Configuration(priceCard: gptRealtime))
    tracker.startSession(at: 0)
    // 5,000 responses 1 s apart, each 1,000 text tokens in: 1,000 × $4/1M = $0.004 each.
    for second in 0..<5_000 {
      tracker.handle(done(usage(textIn: 1_000)), at: s(Int64(second)))
    }
    // At 4,999 s the hour (1,399 s, 4,999 s] holds responses 1,400…4,999: 3,600 × $0.004 = $14.40.
    #expect(tracker.snapshot(at: s(4_999)).rollingHour == usd("14.4"))
    // Half an hour later with no response in between, 1,800 s more have left: those at
    // 1,400…3,199 s, leaving 3,200…4,999 s: 1,800 × $0.004 = $7.20; an hour later, nothing.
    #expect(tracker.snapshot(at: s(6_799)).rollingHour == usd("7.2"))
    #expect(tracker.snapshot(at: s(8_599)).rollingHour == .zero)
    // The session keeps all 5,000: $20.
    #expect(tracker.snapshot(at: s(8_599)).session == usd("20"))
  }

  @Test("windows: session, rolling hour, UTC day and lifetime")
  func windows() {
    // Time 0 is 2026-11-20T23:30:00Z (Unix 1,795,217,400 s); day 20,777 since 1970-01-01.
    var tracker = UsageTracker(
      configuration: UsageTracker.Configuration(
        priceCard: gptRealtime, epochAtZero: 1_795_217_400 * Micros.perSecond))
    tracker.startSession(at: 0)
    tracker.handle(done(usage(textIn: 1_000)), at: 0)  // $0.004
    tracker.handle(done(usage(textIn: 2_000)), at: s(1_200))  // $0.008 at 23:50
    tracker.handle(done(usage(textIn: 500)), at: s(2_400))  // $0.002 at 00:10 the next day
    let at40 = tracker.snapshot(at: s(2_400))
    #expect(at40.day == usd("0.002"))
    #expect(at40.dayIndex == 20_778)
    #expect(at40.rollingHour == usd("0.014"))
    #expect(at40.session == usd("0.014"))
    #expect(at40.lifetime == usd("0.014"))
    // The day ends at 2026-11-22T00:00Z: 30 min + 24 h after time 0 = 88,200 s.
    #expect(at40.dayEnd == s(88_200))
    tracker.handle(done(usage(textIn: 250)), at: s(4_500))  // $0.001 at 00:45
    let at75 = tracker.snapshot(at: s(4_500))
    // The rolling hour (15 min, 75 min] drops the response at 0: 0.008 + 0.002 + 0.001 = $0.011.
    #expect(at75.rollingHour == usd("0.011"))
    #expect(at75.day == usd("0.003"))
    #expect(at75.rollingSpan == s(3_600))
    // A new session starts its window at zero.
    tracker.startSession(at: s(4_600))
    #expect(tracker.snapshot(at: s(4_600)).session == .zero)
    #expect(tracker.snapshot(at: s(4_600)).sessionNumber == 2)
    #expect(tracker.run.sessions == 2)
    // Day index of a negative Unix time rounds down.
    #expect(UsageTracker.day(of: -1) == -1)
  }

  @Test("responses by status, cancelled-but-billed, function calls, transcription, unpriced usage")
  func countersAndIssues() throws {
    var tracker = UsageTracker(
      configuration: UsageTracker.Configuration(
        priceCard: gptRealtime, transcriptionCard: try PriceBook.bundled.transcriptionCard(for: "whisper-1")))
    tracker.startSession(at: 0)
    tracker.handle(done(usage(textIn: 10, audioOut: 50), status: .cancelled), at: s(1))
    tracker.handle(done(usage(), status: .cancelled), at: s(2))
    tracker.handle(.functionCallArgumentsDone(callID: "c1", name: "lights"), at: s(3))
    tracker.handle(
      done(
        usage(textIn: 10),
        calls: [FunctionCall(name: "lights", callID: "c1"), FunctionCall(name: "tv", callID: "c2")]),
      at: s(4))
    // whisper-1: 60 s at $0.006/min = $0.006.
    tracker.handle(.transcriptionCompleted(.duration(microseconds: s(60))), at: s(5))
    #expect(tracker.run.responses.cancelled == 2)
    #expect(tracker.run.responses.cancelledBilled == 1)
    #expect(tracker.run.responses.completed == 1)
    #expect(tracker.run.functionCalls == 2)
    #expect(tracker.run.transcriptionCost == usd("0.006"))
    // Cancelled: 10 × $4/1M + 50 × $64/1M = 0.00004 + 0.0032; completed 10 × $4/1M = 0.00004; + 0.006.
    #expect(tracker.run.billed == usd("0.00928"))
    // Image tokens on a model without an image price are an error, never $0.
    var old = UsageTracker(
      configuration: UsageTracker.Configuration(priceCard: card("gpt-4o-realtime-preview-2024-12-17")))
    var counts = TokenCounts.zero
    counts.imageIn = 10
    old.handle(done(ResponseUsage(counts: counts)), at: s(1))
    #expect(old.run.unpricedResponses == 1)
    #expect(old.issues.first?.unpriced == true)
    #expect(old.issues.first?.message.contains("image_in") == true)
    // Transcription without a card is counted as unpriced too.
    var noCard = UsageTracker(configuration: UsageTracker.Configuration(priceCard: gptRealtime))
    noCard.handle(.transcriptionCompleted(.duration(microseconds: s(1))), at: 0)
    #expect(noCard.run.unpricedResponses == 1)
  }

  @Test("takeUnsaved hands over each delta exactly once")
  func unsavedDelta() {
    var tracker = tracker()
    tracker.handle(done(usage(textIn: 1_000)), at: s(1))
    #expect(tracker.takeUnsaved().billed == usd("0.004"))
    #expect(tracker.takeUnsaved().billed == .zero)
    tracker.handle(done(usage(textIn: 500)), at: s(2))
    #expect(tracker.takeUnsaved().billed == usd("0.002"))
    #expect(tracker.run.billed == usd("0.006"))
  }
}
