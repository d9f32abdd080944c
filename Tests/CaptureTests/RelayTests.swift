import Billing
import Foundation
import RealtimeEvents
import Replay
import SessionGuard
import TestSupport
import Testing

@testable import Capture

@Suite("Capture: the proxy in front of rtcost serve")
struct RelayTests {
  @Test func framesPassUnchangedAndTheRecordingBillsWhatWasServed() async throws {
    let harness = try await Harness.start(recording: gaFixture)
    let script = harness.serve.script
    let connection = try await TestClient.connect(port: harness.port)
    let log = await TestClient.run(connection, sending: script.clientEvents)
    await harness.waitForSessions()

    // The app got every server event of the recording, byte for byte, in order, and serve's close mirrored.
    #expect(log.messages == script.steps.map(\.message))
    #expect(log.close == CloseDetail(code: 1000, reason: "end of recording"))
    // The upstream got every client message byte for byte, with the app's own credentials.
    let served = try #require(harness.serve.sessions.first)
    #expect(served.received == script.clientEvents)
    #expect(served.headers["authorization"] == "Bearer sk-test-client-key")
    #expect(served.requestURI == "/v1/realtime?model=gpt-realtime")

    // The recording holds exactly what passed, each way, with the proxy's close as a local event.
    let (name, bytes) = try harness.recording()
    #expect(name.hasSuffix(".jsonl") && !name.contains("incomplete"))
    let events = try harness.recordedEvents()
    let recordedLines = lines(bytes)
    var clientSent: [[UInt8]] = []
    var serverSent: [[UInt8]] = []
    for event in events where event.direction != .local {
      let slice = try #require(RecordingLineSlicer.event(in: recordedLines[event.line - 1]))
      if event.direction == .client {
        clientSent.append(Array(slice))
      } else {
        serverSent.append(Array(slice))
      }
    }
    #expect(clientSent == script.clientEvents)
    #expect(serverSent == script.steps.map(\.message))
    #expect(events.last?.event == .sessionClosed(.upstreamClosed))
    let times = events.compactMap(\.time)
    #expect(times == times.sorted())
    // The close handshake ends the session without waiting for the close timer (the harness sets
    // 30 s; a loaded two-core CI run has taken 18 s to finish the handshake).
    #expect(times[times.count - 1] - times[times.count - 2] < .seconds(29))

    // Replaying the proxy's recording bills exactly what the served response.done events carried:
    // the fixture's two responses, $0.0092512 (the same figure `rtcost replay` prints for the fixture).
    let replay = try Replay.run(RecordingReader(bytes: bytes, name: name), options: ReplayOptions())
    let original = try Replay.run(RecordingReader(path: gaFixture), options: ReplayOptions())
    #expect(replay.billed.billed == Money(usd: "0.0092512")!)
    #expect(replay.billed.billed == original.billed.billed)
    #expect(replay.billed.tokens == original.billed.tokens)
    #expect(replay.billed.responses.total == 2)

    // The live meter saw the same: the metrics text carries the exact total.
    let metrics = harness.proxy.metrics.exposition()
    #expect(metrics.contains("rtcost_cost_usd_total{model=\"gpt-realtime-2025-08-28\"} 0.0092512\n"))
    #expect(
      metrics.contains("rtcost_responses_total{model=\"gpt-realtime-2025-08-28\",status=\"completed\"} 2\n"))
    // 1236 uncached text input tokens, as the replay above prices them.
    #expect(
      metrics.contains(
        "rtcost_tokens_total{model=\"gpt-realtime-2025-08-28\",modality=\"text\",kind=\"input\"} 1236\n"))
    #expect(
      metrics.contains("rtcost_sessions_total{route=\"/v1/realtime\",close_reason=\"upstream_closed\"} 1\n"))
    #expect(metrics.contains("rtcost_frames_total{direction=\"upstream_to_client\"} \(script.steps.count)\n"))
    #expect(
      metrics.contains("rtcost_frames_total{direction=\"client_to_upstream\"} \(script.clientEvents.count)\n")
    )
    await harness.stop()
  }

  @Test func transcriptionIsMeteredWithTheModelTheSessionNames() async throws {
    // A bare recording (no times): session.created names gpt-realtime-2025-08-28 and whisper-1.
    let fixture = TestPaths.fixture("transcription.jsonl")
    let harness = try await Harness.start(
      recording: fixture, serveOptions: .init(speed: nil, waitForClient: true))
    let script = harness.serve.script
    let log = await TestClient.run(
      try await TestClient.connect(port: harness.port), sending: script.clientEvents,
      after: script.serverEventsBeforeClientMessages)
    await harness.waitForSessions()
    #expect(log.messages == script.steps.map(\.message))
    // `rtcost replay` bills the fixture $0.0021125: responses $0.00152 + transcription $0.0005925
    // (2.5 s of whisper-1 at $0.006/min = $0.00025, then, after a session.update to gpt-4o-transcribe,
    // 5 text + 35 audio in and 12 out = 5×2.5 + 35×6 + 12×10 = 342.5 µ$ = $0.0003425).
    let original = try Replay.run(RecordingReader(path: fixture), options: ReplayOptions())
    #expect(original.total == Money(usd: "0.0021125")!)
    let (name, bytes) = try harness.recording()
    let replay = try Replay.run(RecordingReader(bytes: bytes, name: name), options: ReplayOptions())
    #expect(replay.total == original.total)
    #expect(replay.transcriptionCost == Money(usd: "0.0005925")!)
    // The live meter took whisper-1 from session.created; the change to gpt-4o-transcribe came after a
    // transcription was metered, and a tracker's card is fixed once it meters (the token block is
    // counted unpriced live; the recording's replay above bills it): $0.00152 + $0.00025 = $0.00177.
    #expect(harness.proxy.metrics.billedByModel == ["gpt-realtime-2025-08-28": Money(usd: "0.00177")!])
    await harness.stop()
  }

  @Test func browserSubprotocolsAreForwardedAndRealtimeIsEchoed() async throws {
    let harness = try await Harness.start(recording: gaFixture, serveOptions: .init(speed: nil))
    let connection = try await TestClient.connect(
      port: harness.port,
      headers: [
        (
          "Sec-WebSocket-Protocol",
          "realtime, openai-insecure-api-key.sk-browser-key, openai-beta.realtime-v1"
        )
      ])
    let log = await TestClient.run(connection)
    await harness.waitForSessions()
    #expect(log.selectedSubprotocol == "realtime")
    let served = try #require(harness.serve.sessions.first)
    #expect(
      served.headers["sec-websocket-protocol"]
        == "realtime, openai-insecure-api-key.sk-browser-key, openai-beta.realtime-v1")
    #expect(served.headers["openai-beta"] == nil)
    #expect(served.headers["authorization"] == nil)
    // The key is in no recorded line.
    let (_, bytes) = try harness.recording()
    #expect(!String(decoding: bytes, as: UTF8.self).contains("sk-browser-key"))
    await harness.stop()
  }

  @Test func anInjectedKeyReplacesTheClientsAndIsNeverRecorded() async throws {
    let harness = try await Harness.start(recording: gaFixture, serveOptions: .init(speed: nil)) {
      $0.keyInjection = KeyInjection(key: "sk-injected-secret")
    }
    let connection = try await TestClient.connect(
      port: harness.port, headers: [("Authorization", "Bearer sk-app"), ("OpenAI-Beta", "realtime=v1")])
    _ = await TestClient.run(connection)
    await harness.waitForSessions()
    let served = try #require(harness.serve.sessions.first)
    #expect(served.headers["authorization"] == "Bearer sk-injected-secret")
    #expect(served.headers["openai-beta"] == "realtime=v1")
    let (_, bytes) = try harness.recording()
    #expect(!String(decoding: bytes, as: UTF8.self).contains("sk-injected-secret"))
    await harness.stop()
  }

  @Test func healthAndMetricsAnswerOverHTTP() async throws {
    let harness = try await Harness.start(recording: gaFixture, serveOptions: .init(speed: nil))
    let health = try await HTTPGet.get(port: harness.port, path: "/healthz")
    #expect(health.status == 200 && health.body == "ok\n")
    let metrics = try await HTTPGet.get(port: harness.port, path: "/metrics")
    #expect(metrics.status == 200)
    #expect(metrics.body.contains("# TYPE rtcost_sessions_active gauge"))
    #expect(metrics.body.contains("# TYPE rtcost_cost_usd_total counter"))
    let missing = try await HTTPGet.get(port: harness.port, path: "/nothing")
    #expect(missing.status == 404)
    let plain = try await HTTPGet.get(port: harness.port, path: "/v1/realtime")
    #expect(plain.status == 426)
    harness.proxy.shutdown()
    let draining = try await HTTPGet.get(port: harness.port, path: "/healthz")
    #expect(draining.status == 503)
    await harness.stop()
  }

  @Test func theProxyPingsTheUpstreamEveryPingInterval() async throws {
    // A held session that sends nothing after the recording: only the proxy's pings reach the upstream.
    let harness = try await Harness.start(recording: gaFixture, serveOptions: .init(speed: nil, hold: true)) {
      $0.limits.upstreamPingInterval = .seconds(1)
    }
    let client = Task { await TestClient.run(try await TestClient.connect(port: harness.port)) }
    // The default interval is 20 s: within 15 s only the configured 1 s can have pinged.
    for _ in 0..<1_500 where (harness.serve.sessions.first?.pingsReceived ?? 0) < 2 {
      try await Task.sleep(for: .milliseconds(10))
    }
    let served = try #require(harness.serve.sessions.first)
    #expect(served.pingsReceived >= 2)
    // Pings are the proxy's own: not messages to the upstream, not in the recording.
    #expect(served.received.isEmpty)
    harness.proxy.shutdown()
    let log = try await client.value
    #expect(log.close == CloseDetail(code: 1001, reason: "shutdown"))
    await harness.waitForSessions()
    #expect(try harness.recordedEvents().allSatisfy { $0.direction != .client })
    await harness.stop()
  }

  @Test func rateLimitsUpdatedSetsTheRemainingGaugesOnMetrics() async throws {
    // Written here, not a fixture: two rate_limits.updated events; the gauges keep the last one's counts.
    let recording = """
      {"rtcost_recording":1,"model":"gpt-realtime","started_at":"2026-12-01T10:00:00Z"}
      {"t":0.0,"dir":"server","event":{"type":"rate_limits.updated","event_id":"event_1","rate_limits":[\
      {"name":"requests","limit":5000,"remaining":4999,"reset_seconds":0.012},\
      {"name":"tokens","limit":40000,"remaining":38765,"reset_seconds":1.8}]}}
      {"t":0.5,"dir":"server","event":{"type":"rate_limits.updated","event_id":"event_2","rate_limits":[\
      {"name":"requests","limit":5000,"remaining":4998,"reset_seconds":0.024},\
      {"name":"tokens","limit":40000,"remaining":37000,"reset_seconds":3.5},\
      {"name":"no_count","limit":10}]}}

      """
    let script = try ServeScript.make(bytes: Array(recording.utf8), name: "rate-limits.jsonl")
    #expect(script.steps.count == 2)
    let harness = try await Harness.start(script: script, serveOptions: .init(speed: nil))
    let before = try await HTTPGet.get(port: harness.port, path: "/metrics")
    #expect(!before.body.contains("rtcost_rate_limit_remaining{"))
    let log = await TestClient.run(try await TestClient.connect(port: harness.port))
    #expect(log.messages.count == 2)
    await harness.waitForSessions()
    let metrics = try await HTTPGet.get(port: harness.port, path: "/metrics")
    #expect(metrics.status == 200)
    let gauges = metrics.body.split(separator: "\n").filter { $0.hasPrefix("rtcost_rate_limit_remaining{") }
    #expect(metrics.body.contains("# TYPE rtcost_rate_limit_remaining gauge"))
    #expect(
      Set(gauges) == [
        #"rtcost_rate_limit_remaining{name="requests"} 4998.0"#,
        #"rtcost_rate_limit_remaining{name="tokens"} 37000.0"#,
      ])
    await harness.stop()
  }
}
