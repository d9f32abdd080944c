import Billing
import RealtimeEvents
import SessionGuard
import TestSupport
import Testing

@testable import Simulation

/// Collects what an engine run delivers.
struct Recorder {
  var events: [TimedEvent] = []

  /// `response.done` usage blocks in order, with their times.
  var responseDone: [(Micros, ResponseUsage)] {
    events.compactMap { event in
      if case .responseDone(let done) = event.event, let usage = done.usage { return (event.time!, usage) }
      return nil
    }
  }

  func count(_ predicate: (RealtimeEvent) -> Bool) -> Int { events.count { predicate($0.event) } }
}

func run<P: SessionPolicy>(_ scenario: Scenario, _ trace: WorldTrace, _ policy: P) -> (Recorder, EngineStats)
{
  var recorder = Recorder()
  var engine = Engine(scenario: scenario, trace: trace, policy: policy)
  let stats = engine.run { recorder.events.append($0) }
  return (recorder, stats)
}

@Suite struct EngineTests {
  /// A bare always-on scenario: prompt 1000 tokens, default VAD (300 ms padding, 200 ms silence),
  /// the world model before its calibration (exact-prefix cache, 4 special tokens per item), which
  /// the hand-computed numbers below follow; `CalibratedEngineTests` runs the calibrated one.
  func bare(horizon: Micros = 700_000_000) -> Scenario {
    Scenario(name: "bare", model: "gpt-realtime", horizon: horizon, seed: 1, worldModel: .beforeCalibration)
  }

  /// Conversation 0: turn 0 at 0 s (2 s speech, 3 s answer), turn 1 at `secondAt` (1 s speech, 2 s answer).
  func twoTurns(secondAt: Micros, horizon: Micros = 700_000_000) -> WorldTrace {
    WorldTrace(
      stimuli: [
        Stimulus(
          time: 0, kind: .userTurn, conversation: 0, index: 0, duration: 2_000_000, responseAudio: 3_000_000,
          responseTextTokens: 10, reconnectLatency: 1_000_000),
        Stimulus(
          time: secondAt, kind: .userTurn, conversation: 0, index: 1, duration: 1_000_000,
          responseAudio: 2_000_000, responseTextTokens: 8, reconnectLatency: 1_000_000),
        Stimulus(time: secondAt + 10_000_000, kind: .conversationEnd, conversation: 0),
      ], horizon: horizon, seed: 1)
  }

  @Test func aTurnBecomesTheRealtimeEventsOfARealSession() {
    let (recorder, stats) = run(bare(), twoTurns(secondAt: 60_000_000), NeverDisconnectPolicy())
    let served = recorder.events.filter { $0.direction != .client }.prefix(5).map(\.event)
    #expect(
      served == [
        .sessionCreated(
          SessionConfig(
            model: "gpt-realtime", inputAudioFormat: .pcm16, outputAudioFormat: .pcm16,
            turnDetection: TurnDetection(
              type: "server_vad", prefixPaddingMs: 300, silenceDurationMs: 200, createResponse: true))),
        .speechStarted(audioStart: nil), .speechStopped(audioEnd: nil), .inputAudioCommitted,
        .conversationItemAdded(ConversationItemInfo(type: .message, role: .user)),
      ])
    // Speech 2 s + silence 200 ms: committed and answered at 2.2 s.
    let created = recorder.events.first { if case .responseCreated = $0.event { true } else { false } }
    #expect(created?.time == 2_200_000)
    // 3 s of answer in 100 ms deltas of 4,800 bytes (pcm16 48,000 B/s), the first at 2.7 s.
    let deltas = recorder.events.filter { if case .outputAudioDelta = $0.event { true } else { false } }
    #expect(deltas.count == 30 + 20)
    #expect(deltas.first?.time == 2_700_000)
    #expect(deltas.first?.event == .outputAudioDelta(bytes: 4_800))
    // Last delta of the first answer: 2.7 s + 29 × 50 ms = 4.15 s; response.done at the same time.
    #expect(recorder.responseDone.first?.0 == 4_150_000)
    #expect(stats.responses(.genuine) == 2)
    #expect(stats.genuineTurns == 2)
    #expect(stats.sessions == 1)
    #expect(zip(recorder.events, recorder.events.dropFirst()).allSatisfy { $0.time! <= $1.time! })
  }

  @Test func secondTurnIsBilledWithTheWholeConversationAndAWarmCache() {
    let (recorder, stats) = run(bare(), twoTurns(secondAt: 60_000_000), NeverDisconnectPolicy())
    let usage = recorder.responseDone.map(\.1)
    // R1: prompt 1000 + special 4 = 1004 text; committed 0.3 + 2 + 0.2 = 2.5 s → 25 audio tokens.
    #expect(usage[0].input?.textTokens == 1_004)
    #expect(usage[0].input?.audioTokens == 25)
    #expect(usage[0].output?.audioTokens == 60)
    // R2 (60 s later, cache warm): text 1004 + A1 (4 + 10) + U2 4 = 1022; audio 25 + 60 + 15 = 100.
    // Cached ⌊1029/64⌋·64 = 1024 = 1000 prompt + 4 special + 20 of U1's audio.
    #expect(usage[1].input?.textTokens == 1_022)
    #expect(usage[1].input?.audioTokens == 100)
    #expect(usage[1].input?.cached == ResponseUsage.CachedDetails(textTokens: 1_004, audioTokens: 20))
    #expect(stats.tokens.textInCached == 1_004)
  }

  @Test func idleDisconnectResetsContextAndTheNextTurnReconnectsCold() {
    let policy = idlePolicy(timeout: 300_000_000, interval: 30_000_000)
    let (recorder, stats) = run(bare(), twoTurns(secondAt: 600_000_000), policy)
    // Last activity: response.done at 4.15 s. Checks at 30 s steps; idle > 300 s first at 330 s.
    let closed = recorder.events.filter { if case .sessionClosed = $0.event { true } else { false } }
    #expect(closed.map(\.time) == [330_000_000, 700_000_000])
    #expect(closed.map(\.event) == [.sessionClosed(.idleTimeout), .sessionClosed(.endOfRun)])
    #expect(stats.idleDisconnects == 1)
    #expect(stats.reconnects == 1)
    #expect(stats.sessions == 2)
    // The turn at 600 s waits 1 s for the reconnect: speech starts at 601 s.
    #expect(stats.turnsDelayed == 1)
    #expect(stats.delays == [1_000_000])
    let starts = recorder.events.filter { $0.event == .speechStarted(audioStart: nil) }.map(\.time)
    #expect(starts == [0, 601_000_000])
    // New session: only the prompt and the new utterance (1 s + 0.5 s padding/silence = 15 tokens), cold.
    let second = recorder.responseDone[1].1
    #expect(second.input?.textTokens == 1_004)
    #expect(second.input?.audioTokens == 15)
    #expect(second.input?.cachedTokens == 0)
    #expect(stats.conversationsMemoryLost == 1)
    // Connected 0–330 s and 601–700 s.
    #expect(stats.connectedTime == 330_000_000 + 99_000_000)
  }

  @Test func withoutDisconnectTheSameTurnCarriesTheConversation() {
    let (recorder, stats) = run(bare(), twoTurns(secondAt: 600_000_000), NeverDisconnectPolicy())
    let second = recorder.responseDone[1].1
    // 600 s after R1: past the 5-minute cache lifetime, so cold, but the context is whole.
    #expect(second.input?.textTokens == 1_022)
    #expect(second.input?.audioTokens == 100)
    #expect(second.input?.cachedTokens == 0)
    #expect(stats.conversationsMemoryLost == 0)
    #expect(stats.turnsDelayed == 0)
  }

  @Test func seedActivityRuleNeverIdlesWithAStreamingMic() {
    let policy = idlePolicy(timeout: 300_000_000, interval: 30_000_000, activity: .seed)
    let (_, stats) = run(bare(), twoTurns(secondAt: 600_000_000), policy)
    // Every 1 s append counts as activity (DESIGN §4 defect 1).
    #expect(stats.idleDisconnects == 0)
    #expect(stats.sessions == 1)
  }

  @Test func noiseWhileDisconnectedIsNotHeardOrBilled() {
    var trace = twoTurns(secondAt: 600_000_000)
    trace.stimuli.insert(
      Stimulus(time: 400_000_000, kind: .noiseBurst, index: 0, duration: 1_000_000, responseAudio: 2_000_000),
      at: 1)
    trace.stimuli.insert(
      Stimulus(time: 100_000_000, kind: .noiseBurst, index: 0, duration: 1_000_000, responseAudio: 2_000_000),
      at: 1)
    let policy = idlePolicy(timeout: 300_000_000, interval: 30_000_000)
    let (_, stats) = run(bare(), trace, policy)
    // The burst at 100 s is heard and answered (done at 101.2 + 0.5 + 19 × 0.05 = 102.65 s); speech
    // is activity, so the first tick with idle > 300 s would be 420 s, after the 400 s burst, which is
    // heard too and pushes the disconnect past the horizon.
    #expect(stats.idleDisconnects == 0)
    #expect(stats.noiseBurstsHeard == 2)
    #expect(stats.responses(.noise) == 2)
    #expect(stats.avoidableTokens.total > 0)
    let (_, never) = run(bare(), trace, NeverDisconnectPolicy())
    #expect(never.noiseBurstsHeard == 2)
  }

  @Test func noiseAfterADisconnectIsMissed() {
    var trace = twoTurns(secondAt: 600_000_000)
    trace.stimuli.insert(
      Stimulus(time: 500_000_000, kind: .noiseBurst, index: 0, duration: 1_000_000, responseAudio: 2_000_000),
      at: 1)
    let (_, stats) = run(bare(), trace, idlePolicy(timeout: 300_000_000, interval: 30_000_000))
    #expect(stats.noiseBurstsMissed == 1)
    #expect(stats.responses(.noise) == 0)
    let (_, never) = run(bare(), trace, NeverDisconnectPolicy())
    #expect(never.responses(.noise) == 1)
  }

  @Test func sessionCapExpiresAndReconnectsWithAColdContext() {
    var scenario = bare(horizon: 200_000_000)
    scenario.session.sessionCap = 100_000_000
    let trace = WorldTrace(
      stimuli: [
        Stimulus(
          time: 90_000_000, kind: .userTurn, conversation: 0, index: 0, duration: 1_000_000,
          responseAudio: 1_000_000, responseTextTokens: 5),
        Stimulus(
          time: 120_000_000, kind: .userTurn, conversation: 0, index: 1, duration: 1_000_000,
          responseAudio: 1_000_000, responseTextTokens: 5),
      ], horizon: 200_000_000, seed: 1)
    let (recorder, stats) = run(scenario, trace, NeverDisconnectPolicy())
    #expect(stats.expiries == 1)
    #expect(stats.sessions == 2)
    #expect(
      recorder.events.contains {
        $0.time == 100_000_000 && $0.event == .error(code: .sessionExpired, message: nil)
      })
    // Reopened 1 s later (expiry_reconnect_latency).
    let created = recorder.events.filter { if case .sessionCreated = $0.event { true } else { false } }
    #expect(created.map(\.time) == [0, 101_000_000])
    #expect(recorder.responseDone[1].1.input?.textTokens == 1_004)
    #expect(stats.conversationsMemoryLost == 1)
  }

  @Test func functionCallRoundTrip() {
    let trace = WorldTrace(
      stimuli: [
        Stimulus(
          time: 0, kind: .userTurn, conversation: 0, index: 0, duration: 1_000_000, responseAudio: 1_000_000,
          responseTextTokens: 6,
          functionCall: FunctionCallPlan(duration: 2_000_000, argumentsTokens: 30, outputTokens: 80))
      ], horizon: 60_000_000, seed: 1)
    let (recorder, stats) = run(bare(), trace, NeverDisconnectPolicy())
    let sequence = recorder.events.filter {
      switch $0.event {
      case .responseCreated, .responseDone, .functionCallArgumentsDone, .conversationItemCreate,
        .responseCreate:
        true
      default: false
      }
    }
    // Commit at 1.2 s; arguments done 400 ms later; the tool runs 2 s; the answer is created at 3.6 s.
    #expect(
      sequence.map(\.time) == [1_200_000, 1_600_000, 1_600_000, 3_600_000, 3_600_000, 3_600_000, 4_550_000])
    #expect(stats.functionCalls == 1)
    #expect(stats.responses(.genuine) == 2)
    if case .responseDone(let done) = sequence[2].event {
      #expect(done.functionCalls.count == 1)
      #expect(done.usage?.output?.textTokens == 30)
    } else {
      Issue.record("expected response.done with the call")
    }
  }

  @Test func serverIdleTimeoutRepromptsAreBilled() {
    var scenario = bare(horizon: 60_000_000)
    scenario.session.idleTimeout = 8_000_000
    scenario.worldModel.maxConsecutiveReprompts = 2
    let trace = WorldTrace(
      stimuli: [
        Stimulus(
          time: 0, kind: .userTurn, conversation: 0, index: 0, duration: 1_000_000, responseAudio: 1_000_000,
          responseTextTokens: 5)
      ], horizon: 60_000_000, seed: 1)
    let (recorder, stats) = run(scenario, trace, NeverDisconnectPolicy())
    // Answer: created 1.2 s, playback ends 1.2 + 0.5 + 1 = 2.7 s; re-prompt at 10.7 s; its 3 s
    // audio ends at 10.7 + 0.5 + 3 = 14.2 s; the second at 22.2 s; then the limit of 2 stops them.
    let timeouts = recorder.events.filter { $0.event == .inputAudioTimeoutTriggered }.map(\.time)
    #expect(timeouts == [10_700_000, 22_200_000])
    #expect(stats.responses(.reprompt) == 2)
    #expect(stats.avoidableTokens.audioOut == 120)
  }

  @Test func pushToTalkCommitsFromTheClient() throws {
    let scenario = try ScenarioLoader.load(path: TestPaths.scenario("kiosk-push-to-talk.yaml"))
    var short = scenario
    short.horizon = 86_400_000_000
    let trace = WorldGenerator(scenario: short).generate()
    let (recorder, stats) = run(short, trace, NeverDisconnectPolicy())
    #expect(recorder.count { $0 == .speechStarted(audioStart: nil) } == 0)
    #expect(recorder.count { $0 == .inputAudioCommit } == stats.genuineTurns)
    #expect(stats.noiseBurstsHeard == 0)
    #expect(stats.genuineTurns == trace.userTurns)
  }

  @Test func perConversationSessionsOpenAndCloseWithEachCall() throws {
    var scenario = try ScenarioLoader.load(path: TestPaths.scenario("phone-agent.yaml"))
    scenario.horizon = 86_400_000_000
    let trace = WorldGenerator(scenario: scenario).generate()
    let (recorder, stats) = run(scenario, trace, NeverDisconnectPolicy())
    #expect(stats.sessions == trace.conversations)
    #expect(stats.reconnects == 0)
    // G.711: 100 ms deltas are 800 bytes.
    #expect(recorder.events.contains { $0.event == .outputAudioDelta(bytes: 800) })
    #expect(stats.transcriptionAudioTokens > 0)
  }

  @Test func sameTraceGivesTheSameEventStreamAndAnotherSeedDiffers() throws {
    var scenario = try ScenarioLoader.load(path: TestPaths.scenario("home-robot.yaml"))
    scenario.horizon = 2 * 86_400_000_000
    let generator = WorldGenerator(scenario: scenario)
    let policy = idlePolicy(timeout: 300_000_000, interval: 30_000_000)
    let (a, statsA) = run(scenario, generator.generate(), policy)
    let (b, statsB) = run(scenario, generator.generate(), policy)
    #expect(a.events == b.events)
    #expect(statsA == statsB)
    let (c, _) = run(scenario, generator.generate(seed: 43), policy)
    #expect(a.events != c.events)
    #expect(statsA.idleDisconnects > 0)
    #expect(statsA.noiseBurstsHeard > 0)
  }

  @Test func idleTimeoutSavesNoiseResponsesOnTheHomeRobot() throws {
    let scenario = try ScenarioLoader.load(path: TestPaths.scenario("home-robot.yaml"))
    let trace = WorldGenerator(scenario: scenario).generate()
    let (_, baseline) = run(scenario, trace, NeverDisconnectPolicy())
    let (_, guarded) = run(scenario, trace, idlePolicy(timeout: 300_000_000, interval: 30_000_000))
    #expect(guarded.responses(.noise) < baseline.responses(.noise))
    #expect(guarded.noiseBurstsMissed > 0)
    // The baseline misses only bursts during the 1 s reconnects after each hourly session_expired.
    #expect(guarded.noiseBurstsMissed > baseline.noiseBurstsMissed)
    #expect(baseline.noiseBurstsMissed <= baseline.expiries)
    #expect(guarded.genuineTurns == baseline.genuineTurns)
    #expect(guarded.turnsDelayed > 0)
    // Billed usage is the sum of what response.done reported.
    var total = TokenCounts.zero
    var engine = Engine(scenario: scenario, trace: trace, policy: NeverDisconnectPolicy())
    _ = engine.run { event in
      if case .responseDone(let done) = event.event, let usage = done.usage {
        total.textIn += (usage.input?.textTokens ?? 0) - (usage.input?.cached?.textTokens ?? 0)
        total.audioOut += usage.output?.audioTokens ?? 0
      }
    }
    #expect(total.textIn == baseline.tokens.textIn)
    #expect(total.audioOut == baseline.tokens.audioOut)
  }
}

@Suite struct EngineBillingTests {
  @Test func pricingEachResponseDoneSumsToThePricedTotals() throws {
    var scenario = try ScenarioLoader.load(path: TestPaths.scenario("home-robot.yaml"))
    scenario.horizon = 86_400_000_000
    let card = try PriceBook.bundled.card(for: scenario.model, on: scenario.startDay)
    let trace = WorldGenerator(scenario: scenario).generate()
    var perResponse = Money.zero
    var responses = 0
    var engine = Engine(scenario: scenario, trace: trace, policy: NeverDisconnectPolicy())
    var failure: UsageError?
    let stats = engine.run { event in
      guard case .responseDone(let done) = event.event, let usage = done.usage else { return }
      do throws(UsageError) {
        let priced = try card.price(usage)
        #expect(priced.warnings.isEmpty)
        perResponse = perResponse + priced.total
        responses += 1
      } catch { failure = error }
    }
    #expect(failure == nil)
    #expect(responses == stats.responses.reduce(0, +))
    #expect(perResponse == (try card.cost(of: stats.tokens)).total)
    #expect(perResponse > .zero)
  }
}

@Suite struct EngineReconnectTests {
  @Test func aWakeWordStartsTheReconnectAndHidesPartOfItsLatency() {
    let scenario = Scenario(name: "wake", model: "gpt-realtime", horizon: 700_000_000, seed: 1)
    let trace = WorldTrace(
      stimuli: [
        Stimulus(
          time: 0, kind: .userTurn, conversation: 0, index: 0, duration: 1_000_000, responseAudio: 1_000_000),
        // Idle disconnect at 330 s; the wake word at 599.5 s reconnects (1 s), ready at 600.5 s.
        Stimulus(time: 599_500_000, kind: .userCommand, conversation: 1, reconnectLatency: 1_000_000),
        Stimulus(
          time: 600_000_000, kind: .userTurn, conversation: 1, index: 0, duration: 1_000_000,
          responseAudio: 1_000_000, reconnectLatency: 1_000_000),
      ], horizon: 700_000_000, seed: 1)
    let (recorder, stats) = run(scenario, trace, idlePolicy(timeout: 300_000_000, interval: 30_000_000))
    #expect(stats.idleDisconnects == 1)
    #expect(stats.userCommands == 1)
    #expect(recorder.events.contains { $0.direction == .local && $0.event == .userCommand })
    // The turn waits only the remaining 0.5 s.
    #expect(stats.delays == [500_000])
    #expect(
      recorder.events.filter { $0.event == .speechStarted(audioStart: nil) }.map(\.time) == [0, 600_500_000])
    // A new conversation in a new session has lost nothing.
    #expect(stats.conversationsMemoryLost == 0)
  }

  @Test func laterTurnsOfADelayedConversationShiftByTheSameDelay() {
    let scenario = Scenario(name: "shift", model: "gpt-realtime", horizon: 900_000_000, seed: 1)
    let trace = WorldTrace(
      stimuli: [
        Stimulus(
          time: 0, kind: .userTurn, conversation: 0, index: 0, duration: 1_000_000, responseAudio: 1_000_000),
        Stimulus(
          time: 600_000_000, kind: .userTurn, conversation: 1, index: 0, duration: 1_000_000,
          responseAudio: 1_000_000, reconnectLatency: 2_000_000),
        Stimulus(
          time: 610_000_000, kind: .userTurn, conversation: 1, index: 1, duration: 1_000_000,
          responseAudio: 1_000_000, reconnectLatency: 2_000_000),
        Stimulus(time: 620_000_000, kind: .conversationEnd, conversation: 1),
      ], horizon: 900_000_000, seed: 1)
    let (recorder, stats) = run(scenario, trace, idlePolicy(timeout: 300_000_000, interval: 30_000_000))
    #expect(
      recorder.events.filter { $0.event == .speechStarted(audioStart: nil) }.map(\.time) == [
        0, 602_000_000, 612_000_000,
      ])
    // Only the first turn waited for the reconnect; the second kept its think time.
    #expect(stats.turnsDelayed == 1)
  }
}

@Suite struct EngineTranscriptionTests {
  func run(model: String) -> (Recorder, EngineStats) {
    var scenario = Scenario(name: "t", model: "gpt-realtime", horizon: 30_000_000, seed: 1)
    scenario.session.transcriptionModel = model
    let trace = WorldTrace(
      stimuli: [
        Stimulus(
          time: 0, kind: .userTurn, conversation: 0, index: 0, duration: 2_000_000, responseAudio: 1_000_000)
      ], horizon: 30_000_000, seed: 1)
    return SimulationTests.run(scenario, trace, NeverDisconnectPolicy())
  }

  @Test func whisperIsBilledByTheCommittedDuration() {
    let (recorder, stats) = run(model: "whisper-1")
    // Committed 0.3 + 2 + 0.2 = 2.5 s, reported 300 ms after the commit at 2.2 s.
    let completed = recorder.events.first {
      if case .transcriptionCompleted = $0.event { true } else { false }
    }
    #expect(completed?.time == 2_500_000)
    #expect(completed?.event == .transcriptionCompleted(.duration(microseconds: 2_500_000)))
    #expect(stats.transcribedDuration == 2_500_000)
  }

  @Test func gpt4oTranscribeIsBilledByTokens() {
    let (recorder, stats) = run(model: "gpt-4o-transcribe")
    // 2.5 s → 25 audio tokens in; text out ⌈2.5 × 200 / 60⌉ = ⌈8.33⌉ = 9.
    #expect(
      recorder.events.contains {
        $0.event == .transcriptionCompleted(.tokens(inputTokens: 25, outputTokens: 9, textIn: 0, audioIn: 25))
      })
    #expect(stats.transcriptionAudioTokens == 25)
    #expect(stats.transcriptionTextTokens == 9)
  }
}

@Suite struct EngineCutOffTests {
  @Test func sessionExpiryDuringAToolCallCutsTheTurnOff() {
    var scenario = Scenario(name: "cut", model: "gpt-realtime", horizon: 200_000_000, seed: 1)
    scenario.session.sessionCap = 100_000_000
    let trace = WorldTrace(
      stimuli: [
        // Commit at 96.2 s, arguments done at 96.6 s, tool runs 5 s: expiry at 100 s comes first.
        Stimulus(
          time: 95_000_000, kind: .userTurn, conversation: 0, index: 0, duration: 1_000_000,
          responseAudio: 1_000_000, responseTextTokens: 5,
          functionCall: FunctionCallPlan(duration: 5_000_000, argumentsTokens: 20, outputTokens: 50)),
        Stimulus(
          time: 150_000_000, kind: .userTurn, conversation: 1, index: 0, duration: 1_000_000,
          responseAudio: 1_000_000, responseTextTokens: 5),
      ], horizon: 200_000_000, seed: 1)
    let (_, stats) = run(scenario, trace, NeverDisconnectPolicy())
    #expect(stats.genuineTurns == 2)
    #expect(stats.functionCalls == 1)
    // The call's response was billed; its answer never came.
    #expect(stats.responses(.genuine) == 2)
    #expect(stats.turnsCutOff == 1)
  }

  @Test func answeredTurnsAreNotCutOff() {
    let scenario = Scenario(name: "ok", model: "gpt-realtime", horizon: 60_000_000, seed: 1)
    let trace = WorldTrace(
      stimuli: [
        Stimulus(
          time: 0, kind: .userTurn, conversation: 0, index: 0, duration: 1_000_000, responseAudio: 1_000_000)
      ], horizon: 60_000_000, seed: 1)
    let (_, stats) = run(scenario, trace, NeverDisconnectPolicy())
    #expect(stats.turnsCutOff == 0)
  }
}

@Suite struct EngineBargeInTests {
  /// Turn 0 at 0 s: 2 s speech, a 10 s answer with 40 transcript tokens (committed 2.5 s = 25 tokens).
  /// Created at 2.2 s; deltas of 100 ms every 50 ms from 2.7 s; playback from 2.7 s.
  func trace(noiseAt: Micros) -> WorldTrace {
    WorldTrace(
      stimuli: [
        Stimulus(
          time: 0, kind: .userTurn, conversation: 0, index: 0, duration: 2_000_000, responseAudio: 10_000_000,
          responseTextTokens: 40),
        Stimulus(
          time: noiseAt, kind: .noiseBurst, index: 0, duration: 1_000_000, responseAudio: 1_000_000,
          responseTextTokens: 5),
      ], horizon: 60_000_000, seed: 1)
  }

  @Test func speechWhileGeneratingCancelsAndBillsWhatWasGenerated() throws {
    let scenario = Scenario(
      name: "barge", model: "gpt-realtime", horizon: 60_000_000, seed: 1, worldModel: .beforeCalibration)
    let (recorder, stats) = run(scenario, trace(noiseAt: 3_000_000), NeverDisconnectPolicy())
    let done = recorder.events.compactMap { event -> ResponseDone? in
      if case .responseDone(let done) = event.event { return done }
      return nil
    }
    try #require(done.count == 2)
    // Deltas at 2.70 … 3.00 s (7 × 100 ms; the 3.00 s delta precedes the noise at the same time):
    // 0.7 s generated → 14 audio tokens; transcript 40 × 0.7 / 10 = 2.8 → 2.
    #expect(done[0].status == .cancelled)
    #expect(done[0].reason == "turn_detected")
    #expect(done[0].usage?.output == ResponseUsage.OutputDetails(textTokens: 2, audioTokens: 14))
    #expect(done[0].usage?.input?.textTokens == 1_004)
    #expect(recorder.count { $0 == .conversationItemTruncated(audioEnd: nil) } == 1)
    #expect(stats.bargeIns == 1)
    #expect(stats.cancelledResponses == 1)
    // Played 0.3 s: A1 keeps 6 audio tokens and 40 × 0.3 / 10 = 1 transcript token.
    // Noise response: text 1000 + U1 4 + A1 (4 + 1) + N 4 = 1013; audio 25 + 6 + 15 = 46;
    // cached ⌊1029/64⌋·64 = 1024 (prompt + U1's special + 20 of its audio).
    #expect(done[1].usage?.input?.textTokens == 1_013)
    #expect(done[1].usage?.input?.audioTokens == 46)
    #expect(done[1].usage?.input?.cachedTokens == 1_024)
    // No more deltas of the cancelled answer: 7 + the noise answer's 10.
    #expect(recorder.count { if case .outputAudioDelta = $0 { true } else { false } } == 17)
    #expect(stats.turnsCutOff == 0)
  }

  @Test func speechDuringPlaybackOnlyTruncates() {
    let scenario = Scenario(
      name: "barge", model: "gpt-realtime", horizon: 60_000_000, seed: 1, worldModel: .beforeCalibration)
    // Generation ends at 2.7 + 99 × 0.05 = 7.65 s; playback runs to 12.7 s. Noise at 10.7 s: 8 s played.
    let (recorder, stats) = run(scenario, trace(noiseAt: 10_700_000), NeverDisconnectPolicy())
    #expect(stats.cancelledResponses == 0)
    #expect(stats.bargeIns == 1)
    let usage = recorder.responseDone.map(\.1)
    #expect(usage[0].output?.audioTokens == 200)
    // A1 keeps 8 s = 160 audio tokens and 32 transcript tokens: text 1000 + 4 + 36 + 4 = 1044,
    // audio 25 + 160 + 15 = 200. 10.7 + 1.2 − 2.2 s after R1: cached 1024 as above.
    #expect(usage[1].input?.textTokens == 1_044)
    #expect(usage[1].input?.audioTokens == 200)
  }

  @Test func interruptResponseOffLetsTheAnswerFinish() {
    var scenario = Scenario(
      name: "barge", model: "gpt-realtime", horizon: 60_000_000, seed: 1, worldModel: .beforeCalibration)
    scenario.session.interruptResponse = false
    let (recorder, stats) = run(scenario, trace(noiseAt: 3_000_000), NeverDisconnectPolicy())
    #expect(stats.bargeIns == 0)
    // Both answers run to the end: the noise answer (done 5.15 s) before the 10 s one (done 7.65 s).
    #expect(recorder.responseDone.map { $0.1.output?.audioTokens } == [20, 200])
  }
}
