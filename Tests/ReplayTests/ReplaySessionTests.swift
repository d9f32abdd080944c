import Billing
import RealtimeEvents
import Replay
import SessionGuard
import Testing

/// A replay fed events from memory: model resolution, the bounded buffer, and policy edge cases.
@Suite struct ReplaySessionTests {
  private func run(_ events: [TimedEvent], model: String? = nil, policy: GuardSettings = .seedNumbers) throws
    -> ReplayResult
  {
    try Replay.run(
      EventArraySource(events, name: "test.jsonl"), options: ReplayOptions(model: model, settings: policy))
  }

  private static let usage = ResponseUsage(
    totalTokens: 30, inputTokens: 20, outputTokens: 10,
    input: .init(textTokens: 20, audioTokens: 0, imageTokens: 0, cachedTokens: 0),
    output: .init(textTokens: 10, audioTokens: 0))

  @Test func theBufferIsBoundedAndThenTheOptionDecides() throws {
    // 5,000 appends with no session event: the model is resolved from --model after 4,096 buffered events,
    // so a session.created arriving later no longer changes it.
    var events = (0..<5_000).map {
      TimedEvent(
        time: .milliseconds(Int64($0) * 100), direction: .client, event: .inputAudioAppend(bytes: 4_800))
    }
    events.append(
      TimedEvent(
        time: .seconds(500), direction: .server,
        event: .sessionCreated(SessionConfig(model: "gpt-realtime-2025-08-28"))))
    let result = try run(events, model: "gpt-realtime-mini")
    #expect(result.model.hasPrefix("gpt-realtime-mini-"))  // the alias, resolved to its newest snapshot
    #expect(result.modelSource == .option)
    // 5,000 × 4,800 B / 48,000 B/s = 500 s of pcm16 in.
    #expect(result.summary.audioIn.micros(.pcm16) == .seconds(500))
  }

  @Test func aSessionEventBeforeTheBufferFillsWins() throws {
    let result = try run(
      [
        TimedEvent(time: 0, direction: .client, event: .inputAudioAppend(bytes: 4_800)),
        TimedEvent(
          time: 1, direction: .server, event: .sessionCreated(SessionConfig(model: "gpt-realtime-2025-08-28"))
        ),
        TimedEvent(
          time: 2, direction: .server,
          event: .responseDone(ResponseDone(status: .completed, usage: Self.usage))),
      ], model: "gpt-realtime-mini")
    #expect(result.modelSource == .session)
    // 20×4 + 10×16 = 80 + 160 = 240 µ$ at gpt-realtime-2025-08-28.
    #expect(result.total == Money(picoUSD: 240_000_000))
  }

  @Test func idleTimeoutOffNeverDisconnects() throws {
    var policy = GuardSettings.seedNumbers
    policy.idleTimeout = nil
    let result = try run(
      [
        TimedEvent(time: 0, direction: .server, event: .sessionCreated(SessionConfig(model: "gpt-realtime"))),
        TimedEvent(time: .hours(2), direction: .server, event: .rateLimitsUpdated),
      ], policy: policy)
    let outcome = try #require(result.guardOutcome)
    #expect(outcome.counters.disconnects == 0)
    #expect(outcome.connected == .hours(2))
  }

  @Test func sessionExpiryReconnectsAtOnce() throws {
    let result = try run([
      TimedEvent(time: 0, direction: .server, event: .sessionCreated(SessionConfig(model: "gpt-realtime"))),
      TimedEvent(time: .seconds(10), direction: .server, event: .error(code: .sessionExpired, message: nil)),
      TimedEvent(
        time: .seconds(11), direction: .server,
        event: .responseDone(ResponseDone(status: .completed, usage: Self.usage))),
    ])
    let outcome = try #require(result.guardOutcome)
    #expect(
      outcome.timeline == [
        ReplayTimelineEntry(time: .seconds(10), kind: .reconnect, detail: "session_expired")
      ]
    )
    #expect(outcome.responsesNotBilled == 0)
    #expect(outcome.notBilled == .zero)
  }
}
