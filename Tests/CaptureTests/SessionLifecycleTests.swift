import Capture
import Testing

@Suite("Capture: how a session closes (the state machine)")
struct SessionLifecycleTests {
  @Test func theAppsCloseIsAnsweredAndMirroredUpstream() {
    var lifecycle = SessionLifecycle()
    let detail = CloseDetail(code: 4000, reason: "bye")
    #expect(
      lifecycle.receive(.closeFrame(.client, detail)) == [
        .farewell(.client, event: nil, close: CloseDetail(code: 4000), thenClose: true),
        .farewell(.upstream, event: nil, close: detail, thenClose: false),
        .startCloseTimer,
      ])
    // A second close (the app's reply, a guard decision) changes nothing; the upstream's reply ends it.
    #expect(lifecycle.receive(.guardClose(.idleTimeout, detail: "x")) == [])
    #expect(
      lifecycle.receive(.closeFrame(.upstream, CloseDetail(code: 4000))) == [
        .closeChannel(.upstream), .finished(.clientClosed(detail)),
      ])
    #expect(lifecycle.receive(.closeTimeout) == [])
  }

  @Test func theAPIsCloseIsMirroredToTheAppAndAnExpiryIsNamed() {
    var lifecycle = SessionLifecycle()
    #expect(lifecycle.receive(.expiryNotice) == [])
    let detail = CloseDetail(code: 1000)
    let effects = lifecycle.receive(.closeFrame(.upstream, detail))
    #expect(
      effects == [
        .farewell(.upstream, event: nil, close: detail.reply, thenClose: true),
        .farewell(.client, event: nil, close: detail, thenClose: false),
        .startCloseTimer,
      ])
    #expect(lifecycle.ending?.closeReason == .sessionExpired)
    // The app's reply ends it at once; nothing waits for the timer.
    #expect(
      lifecycle.receive(.closeFrame(.client, detail)) == [
        .closeChannel(.client), .finished(.upstreamClosed(detail, expired: true)),
      ])
    #expect(lifecycle.receive(.closeTimeout) == [])
  }

  @Test func theGuardsCloseTellsTheAppWhyThenCloses1000() {
    var lifecycle = SessionLifecycle()
    let effects = lifecycle.receive(.guardClose(.idleTimeout, detail: "idle for 2s"))
    #expect(
      effects == [
        .farewell(
          .client,
          event: ProxyErrorEvent(type: "invalid_request_error", code: "idle_timeout", message: "idle for 2s"),
          close: CloseDetail(code: 1000, reason: "idle_timeout"), thenClose: false),
        .farewell(
          .upstream, event: nil, close: CloseDetail(code: 1000, reason: "idle_timeout"), thenClose: false),
        .startCloseTimer,
      ])
    #expect(lifecycle.receive(.closeFrame(.client, CloseDetail(code: 1000))) == [.closeChannel(.client)])
    #expect(
      lifecycle.receive(.ended(.upstream, "eof")) == [
        .finished(.guardClosed(.idleTimeout, detail: "idle for 2s"))
      ])
  }

  @Test func aLostUpstreamIsAnErrorAnd1011ForTheApp() {
    var lifecycle = SessionLifecycle()
    let effects = lifecycle.receive(.ended(.upstream, "reset"))
    guard case .farewell(.client, let event?, let close, false) = effects.first else {
      Issue.record("expected a farewell to the app, got \(effects)")
      return
    }
    #expect(event.code == "upstream_connection_lost")
    #expect(close == CloseDetail(code: 1011, reason: "upstream connection lost"))
  }

  @Test func shutdownIs1001BothWays() {
    var lifecycle = SessionLifecycle()
    let effects = lifecycle.receive(.shutdown)
    #expect(
      effects.contains(
        .farewell(.upstream, event: nil, close: CloseDetail(code: 1001, reason: "shutdown"), thenClose: false)
      ))
    #expect(lifecycle.ending?.closeReason == .shutdown)
  }

  @Test func refusalsMapToDocumentedCloseCodes() {
    #expect(SessionEnding.closeCode(forRefusal: 401) == 1008)
    #expect(SessionEnding.closeCode(forRefusal: 404) == 1008)
    #expect(SessionEnding.closeCode(forRefusal: 429) == 1013)
    #expect(SessionEnding.closeCode(forRefusal: 500) == 1011)
  }

  @Test func closeFramesNeverCarryReservedCodes() {
    let frame = CloseDetail(code: 1006, reason: "abnormal").frame(masked: false)
    #expect(frame.data.readableBytes == 0)
    let long = CloseDetail(code: 1000, reason: String(repeating: "é", count: 100)).frame(masked: false)
    #expect(long.data.readableBytes <= 125)
  }
}
