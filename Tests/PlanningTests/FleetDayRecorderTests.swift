import Billing
import Foundation
import RealtimeEvents
import Simulation
import Testing

@testable import Planning

/// Events fed by hand to the recorder that cuts worlds into device-days.
@Suite struct FleetDayRecorderTests {
  static let day: Micros = 86_400_000_000
  static let second: Micros = 1_000_000

  static func event(_ time: Micros, _ event: RealtimeEvent) -> TimedEvent {
    TimedEvent(time: time, direction: .server, event: event)
  }

  @Test func cutsSessionsRequestsTokensAndCostsByLocalDay() throws {
    let card = try PriceBook.bundled.card(for: "gpt-realtime-2025-08-28")
    var counts = TokenCounts.zero
    counts.textIn = 1_000
    let usage = ResponseUsage(counts: counts)
    // 1,000 text input tokens at $4.00 per 1M = $0.004.
    #expect(try card.price(usage).total == Money(usd: "0.004")!)
    let done = RealtimeEvent.responseDone(ResponseDone(status: .completed, usage: usage))
    let closed = RealtimeEvent.sessionClosed(.hangup)
    let config = SessionConfig()
    var recorder = FleetDayRecorder(warmupDays: 1, days: 2, cards: Scenario.PriceCards(model: card))
    let start = Self.day  // recorded minute 0
    for item in [
      // In the warm-up day: dropped.
      Self.event(10 * 3_600 * Self.second, .responseCreated(responseID: nil)),
      Self.event(10 * 3_600 * Self.second + 5 * Self.second, done),
      // Opened 30 s before the recorded day, closed at 00:02:00 exactly → minutes 0 and 1.
      Self.event(start - 30 * Self.second, .sessionCreated(config)),
      Self.event(start + 120 * Self.second, closed),
      // 00:02:30 – 00:03:10 → minutes 2 and 3.
      Self.event(start + 150 * Self.second, .sessionCreated(config)),
      Self.event(start + 190 * Self.second, closed),
      // Created at 23:59:50 of day 0 (minute 1,439), done at 00:00:05 of day 1: the request and
      // its tokens count in minute 1,439, the cost on day 1.
      Self.event(start + Self.day - 10 * Self.second, .responseCreated(responseID: nil)),
      Self.event(start + Self.day + 5 * Self.second, done),
      // Opened at 23:00 of day 1 and never closed: minutes 2,820 … 2,879 at the end of the world.
      Self.event(start + Self.day + 23 * 3_600 * Self.second, .sessionCreated(config)),
    ] {
      recorder.observe(item)
    }
    recorder.finish(at: 3 * Self.day)
    #expect(recorder.failure == nil)
    #expect(Array(recorder.sessions[0..<5]) == [1, 1, 1, 1, 0])
    // 4 minutes on day 0 + 60 minutes at the end of day 1.
    #expect(recorder.sessions.reduce(0) { $0 + Int($1) } == 64)
    #expect(recorder.sessions[2_819] == 0 && recorder.sessions[2_820] == 1 && recorder.sessions[2_879] == 1)
    #expect(recorder.requests[1_439] == 1 && recorder.requests.reduce(0) { $0 + Int($1) } == 1)
    #expect(recorder.tokens[1_439] == 1_000 && recorder.tokens[1_440] == 0)
    // $0.004 = 4 × 10⁹ pico-dollars, on day 1 only.
    #expect(recorder.costPico == [0, 4_000_000_000])
    let library = recorder.deviceDays
    #expect(library.count == 2 && library.requestsOfDay(0) == 1 && library.requestsOfDay(1) == 0)
    // One world of 2 days costing $0 and $0.004: mean $0.002 per device-day.
    #expect(library.worldMeansUSD == [0.002])
  }

  @Test func simulatedDaysAreDeterministicAndPriced() throws {
    let scenario = try ScenarioLoader.load(path: FleetPaths.scenario("kiosk-push-to-talk.yaml"))
    let first = try FleetSimulation.simulate(
      scenario: scenario, policy: scenario.policy, days: 2, seed: 11, priceBook: .bundled)
    let again = try FleetSimulation.simulate(
      scenario: scenario, policy: scenario.policy, days: 2, seed: 11, priceBook: .bundled)
    #expect(first == again)
    #expect(first.count == 2 && first.sessions.count == 2 * 1_440)
    // A kiosk answers questions every day: some requests and some cost on each day.
    #expect(first.costPico.allSatisfy { $0 > 0 })
    #expect(first.requestsOfDay(0) > 0 && first.requestsOfDay(1) > 0)
    #expect(first.sessions.allSatisfy { $0 <= 1 })
  }
}

/// Paths of the bundled scenarios, found by walking up from this file to the package root.
enum FleetPaths {
  static func scenario(_ name: String) -> String {
    var folder = #filePath
    while folder != "/" {
      folder = (folder as NSString).deletingLastPathComponent
      let candidate = (folder as NSString).appendingPathComponent("scenarios/" + name)
      if FileManager.default.fileExists(atPath: candidate) { return candidate }
    }
    return name
  }
}
