import Billing
import Foundation
import RealtimeEvents
import Replay
import TestSupport
import Testing

@testable import Capture

/// GPT-Live sessions through the proxy (`/v1/live/sessions`): relayed, recorded and metered by
/// session time with the model's GPT-Live card.
@Suite("Capture: GPT-Live sessions")
struct LiveRouteTests {
  static let liveFixture = TestPaths.fixture("live-idle-robot.jsonl")

  @Test func aLiveSessionIsMeteredBySessionTimeAsItsReplayIs() async throws {
    let harness = try await Harness.start(recording: Self.liveFixture, serveOptions: .init(speed: nil))
    let connection = try await TestClient.connect(port: harness.port, path: "/v1/live/sessions")
    _ = await TestClient.run(connection)
    await harness.waitForSessions()
    // The served session reports 640 s cumulative and closes with 640 s: billed once, at gpt-live-1.1's
    // $0.05/min = 533,333,333,333 pico-dollars; the backend (gpt-6-astra) is not in the book.
    let metrics = harness.proxy.metrics.exposition()
    #expect(metrics.contains("rtcost_cost_usd_total{model=\"gpt-live-1.1\"} 0.533333333333\n"), "\(metrics)")
    // The recording bills the same when replayed.
    let (name, bytes) = try harness.recording()
    let replayed = try Replay.run(RecordingReader(bytes: bytes, name: name), options: ReplayOptions())
    #expect(replayed.billed.live.bill.total.picoUSD == 533_333_333_333)
    await harness.stop()
  }
}
