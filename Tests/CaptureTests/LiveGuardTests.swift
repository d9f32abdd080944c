import Billing
import Foundation
import RealtimeEvents
import SessionGuard
import TestSupport
import Testing

@testable import Capture

@Suite("Capture: the live guard on a real clock")
struct LiveGuardTests {
  @Test func theIdleTimeoutClosesALiveSessionAtTheConfiguredTime() async throws {
    let harness = try await Harness.start(recording: gaFixture, serveOptions: .init(speed: nil, hold: true)) {
      $0.settings = GuardSettings(idleTimeout: .seconds(1), checkInterval: .seconds(1))
    }
    let clock = ContinuousClock()
    let start = clock.now
    let connection = try await TestClient.connect(port: harness.port)
    let log = await TestClient.run(connection)
    let elapsed = start.duration(to: clock.now)
    await harness.waitForSessions()
    // Every event is served at once, so the last activity is at about 0 s; checks run at 1 s and 2 s
    // (connect + k·1 s) and close strictly after 1 s of idleness: at the 2 s check on an idle machine.
    // Never early; how late depends on the load (the whole suite on two cores can starve the
    // cooperative pool for seconds), so the bound below is on the session's own clock.
    #expect(elapsed >= .seconds(1), "closed after \(elapsed)")
    #expect(log.errorCodes == ["idle_timeout"])
    #expect(log.close == CloseDetail(code: 1000, reason: "idle_timeout"))
    // What the app got before the error is what was served, in order (all of it unless the machine is
    // so loaded that the upstream handshake itself outlasted the timeout).
    let served = harness.serve.script.steps.map(\.message)
    #expect(Array(served.prefix(log.messages.count - 1)) == Array(log.messages.dropLast()))
    let upstream = try #require(await harness.upstreamSessionAfterClose())
    #expect(upstream.clientClose == CloseDetail(code: 1000, reason: "idle_timeout"))
    let events = try harness.recordedEvents()
    #expect(events.last?.event == .sessionClosed(.idleTimeout))
    // The close is recorded on the session's own clock, never before the timeout.
    let closedAt = try #require(events.last?.time)
    #expect(closedAt >= .seconds(1) && closedAt < .seconds(120))
    let last = try #require(log.messages.last)
    let error = try #require(try JSONSerialization.jsonObject(with: Data(last)) as? [String: Any])
    let message = (error["error"] as? [String: Any])?["message"] as? String
    #expect(message?.hasSuffix("(idle timeout 1s)") == true)
    let local = localEvents(try harness.recording().bytes)
    #expect(
      local.contains {
        $0["type"] as? String == "local.proxy_error" && $0["code"] as? String == "idle_timeout"
      })
    #expect(harness.proxy.metrics.exposition().contains("rtcost_idle_closes_total 1\n"))
    await harness.stop()
  }

  @Test func aSessionBudgetAlertFiresOnceClosesTheSessionAndCallsTheWebhook() async throws {
    let receiver = WebhookReceiver()
    let hook = try await WebSocketServer.bind(host: "127.0.0.1", port: 0, handler: receiver)
    let hookTask = Task { await hook.run() }
    let harness = try await Harness.start(recording: gaFixture, serveOptions: .init(speed: nil, hold: true)) {
      // The fixture bills $0.0092512 in two responses; $0.009 is crossed by the second.
      $0.settings = GuardSettings(
        thresholds: [.init(window: .session, level: .alert, amount: Money(usd: "0.009")!)],
        alertAction: .disconnect)
      $0.webhook = WebSocketURL(secure: false, host: "127.0.0.1", port: hook.port, path: "/hook")
    }
    let connection = try await TestClient.connect(port: harness.port)
    let log = await TestClient.run(connection)
    await harness.waitForSessions()
    #expect(log.errorCodes == ["budget_exceeded"])
    #expect(log.close == CloseDetail(code: 1000, reason: "budget_exceeded"))
    let alerts = localEvents(try harness.recording().bytes).filter { $0["type"] as? String == "local.alert" }
    #expect(alerts.map { $0["action"] as? String } == ["log", "disconnect"])
    #expect(
      alerts.allSatisfy {
        $0["amount_usd"] as? String == "0.0092512" && $0["threshold_usd"] as? String == "0.009"
      })
    #expect(try harness.recordedEvents().last?.event == .sessionClosed(.budgetExceeded))
    let metrics = harness.proxy.metrics.exposition()
    #expect(metrics.contains("rtcost_alerts_total{level=\"alert\",window=\"session\"} 1\n"))
    #expect(metrics.contains("close_reason=\"budget_exceeded\"} 1\n"))
    for _ in 0..<6_000 where receiver.received.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
    let body = try #require(receiver.received.first)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
    #expect(json["action"] as? String == "disconnect")
    #expect(json["level"] as? String == "alert")
    #expect(json["amount_usd"] as? String == "0.0092512")
    #expect((json["text"] as? String)?.contains("session cost $0.0092512 reached $0.009") == true)
    #expect(receiver.received.count == 1)
    await harness.stop()
    hook.close()
    await hookTask.value
  }

  @Test func aDailyBudgetOverAllSessionsClosesThemAndRefusesNewOnes() async throws {
    let harness = try await Harness.start(recording: gaFixture, serveOptions: .init(speed: nil, hold: true)) {
      $0.settings = GuardSettings(
        thresholds: [.init(window: .day, level: .alert, amount: Money(usd: "0.009")!)],
        alertAction: .disconnect)
    }
    let first = await TestClient.run(try await TestClient.connect(port: harness.port))
    #expect(first.errorCodes == ["budget_exceeded"])
    #expect(first.close == CloseDetail(code: 1000, reason: "budget_exceeded"))
    await harness.waitForSessions()
    let second = await TestClient.run(try await TestClient.connect(port: harness.port))
    #expect(second.errorCodes == ["budget_exceeded"])
    #expect(second.close == CloseDetail(code: 1008, reason: "budget_exceeded"))
    // The refused session never reached the upstream.
    #expect(harness.serve.sessions.count == 1)
    #expect(
      harness.proxy.metrics.exposition().contains("rtcost_alerts_total{level=\"alert\",window=\"day\"} 1\n"))
    await harness.stop()
  }

  @Test func usageIsAddedToTheStatsFileTheDashboardReads() async throws {
    let folder = try TestPaths.scratchFolder("proxy-stats")
    let stats = folder.appendingPathComponent("usage_stats.json").path
    let harness = try await Harness.start(recording: gaFixture, serveOptions: .init(speed: nil)) {
      $0.statsPath = stats
    }
    for _ in 0..<2 { _ = await TestClient.run(try await TestClient.connect(port: harness.port)) }
    await harness.stop()
    let loaded = try UsageStore(path: stats).load()
    // Two sessions of the fixture: 2 × $0.0092512 = $0.0185024.
    #expect(loaded.meters?.billed == Money(usd: "0.0185024")!)
    #expect(loaded.meters?.sessions == 2)
    let dashboard = await CommandRunner.run(["dashboard", stats, "--format", "json"])
    #expect(dashboard.status == 0)
    #expect(dashboard.stdout.contains("0.0185024"))
  }

  @Test func aModelWithoutAPriceIsRefusedBeforeTheUpstream() async throws {
    let harness = try await Harness.start(recording: gaFixture, serveOptions: .init(speed: nil))
    let log = await TestClient.run(
      try await TestClient.connect(port: harness.port, path: "/v1/realtime?model=no-such-model"))
    #expect(log.errorCodes == ["model_not_priced"])
    #expect(log.close == CloseDetail(code: 1008, reason: "model_not_priced"))
    #expect(harness.serve.sessions.isEmpty)
    await harness.stop()
  }
}
