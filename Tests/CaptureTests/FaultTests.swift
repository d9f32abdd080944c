import Billing
import Foundation
import RealtimeEvents
import Replay
import SessionGuard
import TestSupport
import Testing

@testable import Capture

@Suite("Capture: faults, and what the app saw and what was kept")
struct FaultTests {
  @Test func theUpstreamDropsMidSession() async throws {
    // Paced as recorded, the fifth event goes out about a second in: well inside the session.
    let harness = try await Harness.start(recording: gaFixture, serveOptions: .init(speed: 1, dropAfter: 5))
    let log = await TestClient.run(try await TestClient.connect(port: harness.port))
    await harness.waitForSessions()
    #expect(Array(log.messages.prefix(5)) == harness.serve.script.steps.prefix(5).map(\.message))
    #expect(log.errorCodes == ["upstream_connection_lost"])
    #expect(log.close == CloseDetail(code: 1011, reason: "upstream connection lost"))
    let events = try harness.recordedEvents()
    #expect(events.filter { $0.direction == .server }.count == 5)
    #expect(events.last?.event == .sessionClosed(.upstreamClosed))
    await harness.stop()
  }

  @Test func theClientDrops() async throws {
    let harness = try await Harness.start(recording: gaFixture, serveOptions: .init(speed: nil, hold: true))
    _ = await TestClient.run(try await TestClient.connect(port: harness.port), dropAfter: 3)
    await harness.waitForSessions()
    let served = try #require(await harness.upstreamSessionAfterClose())
    #expect(served.clientClose == CloseDetail(code: 1001, reason: "client went away"))
    #expect(try harness.recordedEvents().last?.event == .sessionClosed(.clientClosed))
    await harness.stop()
  }

  @Test func theClientsCloseCodeIsMirroredUpstream() async throws {
    let harness = try await Harness.start(recording: gaFixture, serveOptions: .init(speed: nil, hold: true))
    let log = await TestClient.run(
      try await TestClient.connect(port: harness.port),
      closeAfter: (3, CloseDetail(code: 4000, reason: "user hung up")))
    await harness.waitForSessions()
    #expect(log.close?.code == 4000)
    let served = try #require(await harness.upstreamSessionAfterClose())
    #expect(served.clientClose == CloseDetail(code: 4000, reason: "user hung up"))
    #expect(try harness.recordedEvents().last?.event == .sessionClosed(.clientClosed))
    await harness.stop()
  }

  @Test(arguments: [
    (401, "invalid_api_key", 1008), (404, "call_id_not_found", 1008), (429, "rate_limit_exceeded", 1013),
  ])
  func theUpstreamRefuses(status: Int, code: String, closeCode: Int) async throws {
    let refusal = FakeRealtimeServer.Options.Refusal.api(
      status: status, code: code, message: "refused for the test")
    let harness = try await Harness.start(recording: gaFixture, serveOptions: .init(refusal: refusal))
    let log = await TestClient.run(try await TestClient.connect(port: harness.port))
    await harness.waitForSessions()
    #expect(log.errorCodes == [code])
    let message = try #require(log.messages.first).description
    _ = message
    let json = try #require(try JSONSerialization.jsonObject(with: Data(log.messages[0])) as? [String: Any])
    let error = try #require(json["error"] as? [String: Any])
    #expect((error["message"] as? String)?.contains("HTTP \(status)") == true)
    #expect((error["message"] as? String)?.contains("refused for the test") == true)
    #expect(log.close == CloseDetail(code: closeCode, reason: "upstream refused: HTTP \(status)"))
    let local = localEvents(try harness.recording().bytes)
    #expect(
      local.contains { $0["type"] as? String == "local.upstream_refused" && $0["status"] as? Int == status })
    #expect(try harness.recordedEvents().last?.event == .sessionClosed(.other("upstream_refused")))
    #expect(
      harness.proxy.metrics.exposition().contains("rtcost_upstream_refusals_total{status=\"\(status)\"} 1\n"))
    await harness.stop()
  }

  @Test func anUnreachableUpstream() async throws {
    let harness = try await Harness.start(recording: gaFixture) {
      $0.upstream = UpstreamEndpoint(
        base: WebSocketURL(secure: false, host: "127.0.0.1", port: 1, path: "/v1"))
    }
    let log = await TestClient.run(try await TestClient.connect(port: harness.port))
    #expect(log.errorCodes == ["upstream_unreachable"])
    #expect(log.close == CloseDetail(code: 1011, reason: "upstream unreachable"))
    await harness.stop()
  }

  @Test func aSlowClientGetsEverythingInOrder() async throws {
    let harness = try await Harness.start(recording: gaFixture, serveOptions: .init(speed: nil))
    let log = await TestClient.run(
      try await TestClient.connect(port: harness.port), readDelay: .milliseconds(30))
    await harness.waitForSessions()
    #expect(log.messages == harness.serve.script.steps.map(\.message))
    #expect(log.close == CloseDetail(code: 1000, reason: "end of recording"))
    #expect(
      try harness.recordedEvents().filter { $0.direction == .server }.count
        == harness.serve.script.steps.count)
    await harness.stop()
  }

  @Test func shutdownWithSessionsOpenClosesThemWith1001AndKeepsTheirRecordings() async throws {
    let harness = try await Harness.start(recording: gaFixture, serveOptions: .init(speed: nil, hold: true))
    let clients = (0..<3).map { _ in
      Task { await TestClient.run(try await TestClient.connect(port: harness.port)) }
    }
    for _ in 0..<12_000 where harness.proxy.openSessions < 3 { try await Task.sleep(for: .milliseconds(10)) }
    try await Task.sleep(for: .milliseconds(200))
    harness.proxy.shutdown()
    for client in clients {
      let log = try await client.value
      #expect(log.errorCodes == ["proxy_shutdown"])
      #expect(log.close == CloseDetail(code: 1001, reason: "shutdown"))
    }
    await harness.waitForSessions()
    #expect(harness.storage.names.count == 3)
    for name in harness.storage.names {
      let reader = RecordingReader(bytes: harness.storage.contents(name)!, name: name)
      var last: TimedEvent?
      while let event = try reader.next() { last = event }
      #expect(last?.event == .sessionClosed(.shutdown))
    }
    for _ in 0..<6_000 where harness.serve.sessions.contains(where: { $0.clientClose == nil }) {
      try await Task.sleep(for: .milliseconds(10))
    }
    #expect(
      harness.serve.sessions.allSatisfy { $0.clientClose == CloseDetail(code: 1001, reason: "shutdown") })
    await harness.stop()
  }

  @Test func aFullDiskMarksTheRecordingIncompleteAndTheRelayGoesOn() async throws {
    let storage = MemoryRecordingStorage(capacity: 3_000)
    let harness = try await Harness.start(
      recording: gaFixture, serveOptions: .init(speed: nil), storage: storage)
    let log = await TestClient.run(try await TestClient.connect(port: harness.port))
    await harness.waitForSessions()
    #expect(log.messages == harness.serve.script.steps.map(\.message))
    let name = try #require(storage.names.first)
    #expect(name.hasSuffix(".incomplete.jsonl"))
    let bytes = try #require(storage.contents(name))
    #expect(bytes.count <= 3_000)
    // What was kept is a valid recording prefix.
    let reader = RecordingReader(bytes: bytes, name: name)
    var events = 0
    while try reader.next() != nil { events += 1 }
    #expect(events > 0)
    #expect(harness.proxy.metrics.exposition().contains("rtcost_recordings_incomplete_total 1\n"))
    await harness.stop()
  }
}
