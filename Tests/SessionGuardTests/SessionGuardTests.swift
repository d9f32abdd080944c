import Billing
import RealtimeEvents
import SessionGuard
import TestSupport
import Testing

@Suite("SessionGuard")
struct SessionGuardTests {
  func realConfiguration() -> SessionGuard.Configuration {
    SessionGuard.Configuration(
      idle: .real(timeout: s(300)),
      usage: UsageTracker.Configuration(priceCard: gptRealtime),
      alerts: AlertPolicy.Configuration(
        thresholds: [.init(window: .session, level: .warning, amount: usd("0.01"))], checkInterval: s(60)))
  }

  @Test("one stream through all three: disconnect ends the session, user input opens the next")
  func wiring() {
    var sessionGuard = SessionGuard(configuration: realConfiguration())
    #expect(sessionGuard.connected(at: 0).isEmpty)
    // 3,000 text tokens at $4/1M = $0.012: crosses the $0.01 session warning once.
    let first = sessionGuard.handle(done(usage(textIn: 3_000)), at: s(10))
    #expect(first.count == 2)
    #expect(first.last == .saveStats(at: s(10)))
    if case .alert(.log(let alert)) = first.first {
      #expect(alert.amount == usd("0.012"))
    } else {
      Issue.record("expected a warning first")
    }
    // Silence: the check at 330 s sees 320 s idle; the session ends there and the stats are saved.
    let quiet = sessionGuard.advance(to: s(400))
    #expect(quiet.contains(.idle(.disconnect(at: s(330), idleFor: s(320)))))
    #expect(quiet.contains(.saveStats(at: s(330))))
    #expect(sessionGuard.usage.run.connectedMicros == s(330))
    #expect(sessionGuard.usage.connectedTime(at: s(400)) == s(330))
    // Not metered while disconnected.
    _ = sessionGuard.handle(done(usage(textIn: 1_000_000)), at: s(401))
    #expect(sessionGuard.usage.run.billed == usd("0.012"))
    // The user speaks: reconnect, and the new session has its own window.
    #expect(
      sessionGuard.handle(.speechStarted(audioStart: nil), at: s(500)) == [
        .idle(.reconnect(at: s(500), reason: .userInput, deadline: s(510)))
      ])
    #expect(
      sessionGuard.connected(at: s(501)) == [
        .idle(.releaseHeldInput(at: s(501), requestedAt: s(500), count: 1))
      ])
    #expect(sessionGuard.usage.sessionNumber == 2)
    #expect(sessionGuard.usage.connectedTime(at: s(601)) == s(430))
    let second = sessionGuard.handle(done(usage(textIn: 3_000)), at: s(510))
    #expect(second.filter { if case .alert = $0 { true } else { false } }.count == 1)
    #expect(sessionGuard.nextCheck == s(531))
  }

  @Test("defect 8: seed mode saves only at session reset; real mode after every response")
  func defect8SavesOnlyAtReset() {
    var seed = SessionGuard(configuration: .seed(priceCard: gptRealtime))
    var real = SessionGuard(configuration: realConfiguration())
    var seedSaves: [Micros] = []
    var realSaves: [Micros] = []
    func saves(_ actions: [SessionGuard.Action]) -> [Micros] {
      actions.compactMap { if case .saveStats(let at) = $0 { at } else { nil } }
    }
    seedSaves += saves(seed.connected(at: 0))
    realSaves += saves(real.connected(at: 0))
    for turn in 1...3 {
      let at = s(Int64(turn) * 20)
      seedSaves += saves(seed.handle(done(usage(textIn: 100)), at: at))
      realSaves += saves(real.handle(done(usage(textIn: 100)), at: at))
    }
    // A crash now loses the seed's three responses: nothing was saved yet.
    #expect(seedSaves.isEmpty)
    #expect(realSaves == [s(20), s(40), s(60)])
    // The seed's session reset (its idle disconnect at 390 s: last event at 60 s, 390 − 60 > 300).
    seedSaves += saves(seed.advance(to: s(400)))
    #expect(seedSaves == [s(390)])
  }

  @Test("seed alerts through the guard repeat every 10 s on the lifetime total")
  func seedAlertsRepeat() {
    var seed = SessionGuard(
      configuration: .seed(priceCard: gptRealtime), lifetimeStart: .init(seedEstimate: usd("0.70")))
    _ = seed.connected(at: 0)
    let actions = seed.advance(to: s(60))
    let warnings = actions.filter { if case .alert(.log(let a)) = $0 { a.level == .warning } else { false } }
    #expect(warnings.count == 6)
  }

  @Test("an alert with the disconnect action closes the connection")
  func budgetDisconnect() {
    var config = realConfiguration()
    config.alerts = AlertPolicy.Configuration(
      thresholds: [.init(window: .day, level: .alert, amount: usd("0.01"))], alertActions: [.disconnect])
    var sessionGuard = SessionGuard(configuration: config)
    _ = sessionGuard.connected(at: 0)
    let actions = sessionGuard.handle(done(usage(textIn: 3_000)), at: s(5))
    #expect(actions.contains(.saveStats(at: s(5))))
    #expect(!sessionGuard.idle.isConnected)
    #expect(sessionGuard.usage.sessionOpenSince == nil)
  }
}
