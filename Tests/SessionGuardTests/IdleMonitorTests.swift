import RealtimeEvents
import SessionGuard
import Testing

@Suite("IdleMonitor")
struct IdleMonitorTests {
  /// A real monitor connected at t = 0.
  func connectedMonitor(timeout: Micros? = s(300), interval: Micros = s(30)) -> IdleMonitor {
    var monitor = IdleMonitor(configuration: .real(timeout: timeout, checkInterval: interval))
    #expect(monitor.connected(at: 0).isEmpty)
    return monitor
  }

  @Test("idle exactly at the timeout is not idle: the disconnect needs idle > timeout")
  func exactlyAtTheBoundary() {
    var monitor = connectedMonitor()
    // Checks at 30, 60, …, 300: at 300 the idle time is exactly 300 s, not > 300 s.
    #expect(monitor.advance(to: s(300)).isEmpty)
    #expect(monitor.counters.checks == 10)
    #expect(monitor.nextCheck == s(330))
    // The next check, at 330 s, sees 330 s > 300 s.
    #expect(monitor.advance(to: s(330)) == [.disconnect(at: s(330), idleFor: s(330))])
    #expect(monitor.nextCheck == nil)
  }

  @Test("activity exactly on a check resets the timer after that check ran")
  func activityOnACheck() {
    var monitor = connectedMonitor()
    // The check at 30 s runs before the event at 30 s (idle 30 s), then the event resets the timer.
    #expect(monitor.handle(.speechStarted(audioStart: nil), at: s(30)).isEmpty)
    #expect(monitor.connection?.lastActivity == s(30))
    // At 330 s idle is exactly 300 s: no disconnect; at 360 s it is 330 s.
    #expect(monitor.advance(to: s(330)).isEmpty)
    #expect(monitor.advance(to: s(360)) == [.disconnect(at: s(360), idleFor: s(330))])
  }

  @Test("a timeout that is not a multiple of the interval disconnects at the first check after it")
  func timeoutNotMultipleOfInterval() {
    var monitor = connectedMonitor(timeout: s(100), interval: s(30))
    // Checks at 30, 60, 90 (idle ≤ 100), then 120 (idle 120 > 100): the disconnect comes 20 s late.
    #expect(monitor.advance(to: s(119)).isEmpty)
    #expect(monitor.nextCheck == s(120))
    #expect(monitor.advance(to: s(120)) == [.disconnect(at: s(120), idleFor: s(120))])
  }

  @Test("events arriving during the disconnect are ignored until user input reconnects")
  func activityDuringTheDisconnect() {
    var monitor = connectedMonitor()
    // An event at 400 s first runs the due check at 330 s, which disconnects; the event itself
    // (a response.done still in flight on the closed socket) is not activity for a closed session.
    #expect(monitor.handle(done(nil), at: s(400)) == [.disconnect(at: s(330), idleFor: s(330))])
    #expect(monitor.handle(.inputAudioAppend(bytes: 4_800), at: s(401)).isEmpty)
    #expect(monitor.handle(.rateLimitsUpdated, at: s(402)).isEmpty)
    #expect(monitor.counters.eventsWhileDisconnected == 3)
    #expect(monitor.state == .disconnected)
    #expect(monitor.nextCheck == nil)
    // The user speaks: reconnect with a 10 s bounded wait; a second utterance during the wait is held too.
    #expect(
      monitor.handle(.speechStarted(audioStart: nil), at: s(500))
        == [.reconnect(at: s(500), reason: .userInput, deadline: s(510))])
    #expect(monitor.nextCheck == s(510))
    #expect(monitor.handle(.userCommand, at: s(501)).isEmpty)
    #expect(
      monitor.connected(at: s(502)) == [.releaseHeldInput(at: s(502), requestedAt: s(500), count: 2)])
    #expect(monitor.counters.reconnects == 1)
    // Checks restart from the new connection: 532, 562, …
    #expect(monitor.nextCheck == s(532))
  }

  @Test("a tool call longer than the timeout pauses the timer; the seed disconnects mid-call")
  func toolCallLongerThanTimeout() {
    var real = connectedMonitor()
    var seed = IdleMonitor(configuration: .seed())
    _ = seed.connected(at: 0)
    let call = RealtimeEvent.functionCallArgumentsDone(callID: "c1", name: "search")
    #expect(real.handle(call, at: s(10)).isEmpty)
    #expect(seed.handle(call, at: s(10)).isEmpty)
    #expect(real.connection?.pausedSince == s(10))
    // The tool runs for 690 s; the real monitor's idle time stays at 0 the whole time.
    #expect(real.advance(to: s(699)).isEmpty)
    #expect(real.idleTime(at: s(699)) == 0)
    // The seed: idle since 10 s, check at 330 s sees 320 s > 300 s.
    #expect(seed.advance(to: s(699)) == [.disconnect(at: s(330), idleFor: s(320))])
    // The app sends the tool output at 700 s: the timer runs again from there.
    let output = RealtimeEvent.conversationItemCreate(
      ConversationItemInfo(type: .functionCallOutput))
    #expect(real.handle(output, at: s(700)).isEmpty)
    #expect(real.connection?.pausedSince == nil)
    // Checks at …990 (idle 290), 1020 (idle 320 > 300).
    #expect(real.advance(to: s(1_019)).isEmpty)
    #expect(real.advance(to: s(1_020)) == [.disconnect(at: s(1_020), idleFor: s(320))])
  }

  @Test("response.create also ends a tool-call pause")
  func responseCreateEndsPause() {
    var monitor = connectedMonitor()
    _ = monitor.handle(.functionCallArgumentsDone(callID: nil, name: nil), at: s(5))
    _ = monitor.handle(.responseCreate, at: s(50))
    #expect(monitor.connection?.pausedSince == nil)
    #expect(monitor.connection?.toolCallsInFlight == 0)
    #expect(monitor.connection?.lastActivity == s(50))
  }

  @Test("a reconnect that times out is reported and the held input dropped")
  func reconnectThatFails() {
    var monitor = connectedMonitor()
    _ = monitor.advance(to: s(330))
    #expect(
      monitor.handle(.userCommand, at: s(400)) == [
        .reconnect(at: s(400), reason: .userInput, deadline: s(410))
      ])
    #expect(monitor.advance(to: s(409)).isEmpty)
    #expect(
      monitor.advance(to: s(410)) == [.reconnectFailed(at: s(410), requestedAt: s(400), droppedInputs: 1)])
    #expect(monitor.counters.failedReconnects == 1)
    #expect(monitor.state == .disconnected)
    // An explicit connection error is reported the same way, at its own time.
    _ = monitor.handle(.speechStarted(audioStart: nil), at: s(500))
    #expect(
      monitor.connectionFailed(at: s(501)) == [
        .reconnectFailed(at: s(501), requestedAt: s(500), droppedInputs: 1)
      ])
    #expect(monitor.counters.failedReconnects == 2)
    #expect(monitor.counters.reconnectAttempts == 2)
  }

  @Test("the session length cap reconnects at once")
  func sessionExpired() {
    var monitor = connectedMonitor()
    let actions = monitor.handle(
      .error(code: .sessionExpired, message: "Your session hit the maximum duration"), at: s(100))
    #expect(actions == [.reconnect(at: s(100), reason: .sessionExpired, deadline: s(110))])
    #expect(monitor.counters.sessionExpiries == 1)
    #expect(monitor.connected(at: s(101)).isEmpty)
    #expect(monitor.isConnected)
    #expect(monitor.counters.reconnects == 1)
  }

  @Test("no timeout: no checks, never a disconnect")
  func timeoutOff() {
    var monitor = connectedMonitor(timeout: nil)
    #expect(monitor.nextCheck == nil)
    #expect(monitor.advance(to: s(86_400)).isEmpty)
  }

  @Test("defect 1: with an always-streaming mic the seed never idles; the real monitor does")
  func defect1AppendsAreActivity() {
    var seed = IdleMonitor(configuration: .seed())
    var real = IdleMonitor(configuration: .real(timeout: s(300)))
    _ = seed.connected(at: 0)
    _ = real.connected(at: 0)
    var seedActions: [IdleMonitor.Action] = []
    var realActions: [IdleMonitor.Action] = []
    // 20 minutes of a quiet room: one 100 ms pcm16 append (4,800 bytes) every 100 ms, nothing else.
    for tenth in 1...12_000 {
      let now = Micros(tenth) * 100_000
      seedActions += seed.handle(.inputAudioAppend(bytes: 4_800), at: now)
      realActions += real.handle(.inputAudioAppend(bytes: 4_800), at: now)
    }
    #expect(seedActions.isEmpty)
    #expect(seed.counters.disconnects == 0)
    #expect(realActions == [.disconnect(at: s(330), idleFor: s(330))])
  }

  @Test("defect 10: the seed gives up after 5 s and runs the command anyway; real reports the failure")
  func defect10ReconnectGivesUp() {
    var seed = IdleMonitor(configuration: .seed())
    var real = IdleMonitor(configuration: .real(timeout: s(300)))
    _ = seed.connected(at: 0)
    _ = real.connected(at: 0)
    _ = seed.advance(to: s(330))
    _ = real.advance(to: s(330))
    #expect(
      seed.handle(.userCommand, at: s(400)) == [.reconnect(at: s(400), reason: .userInput, deadline: s(405))])
    #expect(
      real.handle(.userCommand, at: s(400)) == [.reconnect(at: s(400), reason: .userInput, deadline: s(410))])
    // Nobody reports a connection.
    #expect(
      seed.advance(to: s(420)) == [.ranInputWithoutConnection(at: s(405), requestedAt: s(400), count: 1)])
    #expect(real.advance(to: s(420)) == [.reconnectFailed(at: s(410), requestedAt: s(400), droppedInputs: 1)])
  }

  @Test("classifiers: names, and what the real one ignores")
  func classifiers() {
    #expect(ActivityRule.named("any-event") == .seed)
    #expect(ActivityRule.named("push-to-talk")?.isUserInput(.inputAudioAppend(bytes: 1)) == true)
    #expect(ActivityRule.named("nope") == nil)
    // Ordinals are the case order and fit the classifier's 64-bit masks.
    #expect(EventKind.allCases.enumerated().allSatisfy { $0.offset == $0.element.ordinal })
    #expect(EventKind.allCases.count <= 64)
    var custom = ActivityRule.real
    custom.activity.insert(.rateLimitsUpdated)
    #expect(custom.isActivity(.rateLimitsUpdated))
    #expect(!custom.isUserInput(.rateLimitsUpdated))
    let real = ActivityRule.real
    for event: RealtimeEvent in [
      .inputAudioAppend(bytes: 10), .rateLimitsUpdated, .sessionCreated(SessionConfig()),
      .outputAudioDelta(bytes: 10),
    ] {
      #expect(!real.isActivity(event))
      #expect(ActivityRule.seed.isActivity(event))
    }
    for event: RealtimeEvent in [
      .speechStarted(audioStart: nil), .speechStopped(audioEnd: nil), .inputAudioCommitted,
      .responseCreated(responseID: nil), done(nil),
      .functionCallArgumentsDone(callID: nil, name: nil), .userCommand, .responseCreate,
      .conversationItemCreate(ConversationItemInfo(type: .message, role: .user)),
    ] {
      #expect(real.isActivity(event))
    }
  }
}
