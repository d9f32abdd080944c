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
}
