import Clocks
import RealtimeEvents
import SessionGuard
import Synchronization
import Testing

/// A settable wall clock in Unix microseconds, shared with the driver.
final class FakeWallClock: Sendable {
  private let value = Mutex<Micros>(1_795_217_400 * Micros.perSecond)

  func read() -> Micros { value.withLock { $0 } }
  func advance(_ micros: Micros) { value.withLock { $0 += micros } }

  var source: LiveTimeSource { .wallClock { [self] in self.read() } }
}

/// Lets tasks resumed by the test clock run to completion.
func settle() async {
  for _ in 0..<100 { await Task.yield() }
}

/// Advances the test clock (and the fake wall clock with it) one second at a time.
func advance(_ clock: TestClock<Duration>, _ wall: FakeWallClock?, seconds: Int) async {
  for _ in 0..<seconds {
    wall?.advance(Micros.perSecond)
    await clock.advance(by: .seconds(1))
    await settle()
  }
}

/// The composite guard on its idle monitor's configuration, metering at gpt-realtime prices.
func live(_ idle: IdleMonitor.Configuration) -> SessionGuard.Configuration {
  SessionGuard.Configuration(
    idle: idle, usage: UsageTracker.Configuration(mode: idle.mode, priceCard: gptRealtime),
    alerts: AlertPolicy.Configuration(mode: idle.mode, thresholds: []))
}

/// The idle monitor's actions among the guard's.
func idleActions(_ log: [SessionGuard.Action]) -> [IdleMonitor.Action] {
  log.compactMap { if case .idle(let action) = $0 { action } else { nil } }
}

@Suite("LiveSessionGuard", .serialized)
struct LiveSessionGuardTests {
  @Test("the driver sleeps on the clock until the state machine's next check")
  func disconnectsOnTheClock() async {
    let clock = TestClock()
    let driver = LiveSessionGuard(configuration: live(.real(timeout: s(300))), clock: clock)
    await driver.connected()
    await settle()
    await advance(clock, nil, seconds: 300)
    #expect(idleActions(await driver.log).isEmpty)
    await advance(clock, nil, seconds: 30)
    #expect(idleActions(await driver.log) == [.disconnect(at: s(330), idleFor: s(330))])
    // User input reconnects; the wait's deadline is a timer too.
    await driver.handle(.userCommand)
    await advance(clock, nil, seconds: 10)
    #expect(
      idleActions(await driver.log).last
        == .reconnectFailed(at: s(340), requestedAt: s(330), droppedInputs: 1))
    await driver.stop()
  }

  @Test("activity through the driver resets the timer")
  func activityResets() async {
    let clock = TestClock()
    let driver = LiveSessionGuard(
      configuration: live(.real(timeout: s(60), checkInterval: s(30))), clock: clock)
    await driver.connected()
    await settle()
    await advance(clock, nil, seconds: 50)
    await driver.handle(.speechStarted(audioStart: nil))
    await advance(clock, nil, seconds: 60)
    // Checks at 60 and 90 see idle 10 s and 40 s; the check at 120 sees 70 s > 60 s.
    #expect(idleActions(await driver.log).isEmpty)
    await advance(clock, nil, seconds: 10)
    #expect(idleActions(await driver.log) == [.disconnect(at: s(120), idleFor: s(70))])
    await driver.stop()
  }

  @Test(
    "defect 11: a wall-clock jump makes the seed disconnect a session idle for 60 s; monotonic time does not")
  func defect11WallClock() async {
    let clock = TestClock()
    let wall = FakeWallClock()
    let seed = LiveSessionGuard(configuration: live(.seed()), clock: clock, timeSource: wall.source)
    let real = LiveSessionGuard(configuration: live(.real(timeout: s(300))), clock: clock)
    await seed.connected()
    await real.connected()
    await settle()
    await advance(clock, wall, seconds: 30)
    // NTP steps the system time forward by an hour.
    wall.advance(3_600 * Micros.perSecond)
    await advance(clock, wall, seconds: 30)
    // The seed's check at (wall) 330 s found 330 s of "idle" after 60 real seconds.
    #expect(idleActions(await seed.log) == [.disconnect(at: s(330), idleFor: s(330))])
    #expect(idleActions(await real.log).isEmpty)
    #expect(await real.now() == s(60))
    await seed.stop()
    await real.stop()
  }
}
