import Billing
import Decisions
import Foundation
import Testing

/// The diff and the gate on crafted snapshots, with the arithmetic by hand.
@Suite struct SnapshotDiffTests {
  static let rates: BreakdownSnapshot.Rates = ["text_out": 2_000_000, "audio_out": 10_000_000]

  /// A 1-day forecast of 3 worlds whose deployed policy bills `deployed` pico-dollars a world
  /// (all text_out tokens at $2 per 1M, 2,000,000 pico a token) and whose baseline bills 10¹².
  static func snapshot(
    deployed: [Int64], label: String = "timeout=5m", rates: BreakdownSnapshot.Rates = rates
  )
    -> BreakdownSnapshot
  {
    func world(_ pico: Int64) -> BreakdownSnapshot.WorldCost {
      .init(totalPico: pico, tokens: [0, 0, 0, 0, 0, 0, pico / 2_000_000, 0])
    }
    let forecast = BreakdownSnapshot.Forecast(
      scenario: "s.yaml", scenarioDigest: "fnv1a64:0", model: "m", priceSource: "test",
      priceEffectiveFrom: "2026-01-01",
      ratesPico: rates, seed: 1, worlds: 3, horizonMicros: 86_400_000_000,
      baseline: .init(
        label: "timeout=off", meanUsdPerDeviceDay: "1",
        perWorld: Array(repeating: world(1_000_000_000_000), count: 3)),
      deployed: .init(label: label, meanUsdPerDeviceDay: "", perWorld: deployed.map(world)))
    return BreakdownSnapshot(recordings: [], forecasts: [forecast])
  }

  @Test func aSnapshotAgainstItselfIsZeroWithAZeroInterval() throws {
    let snapshot = Self.snapshot(deployed: [800_000_000_000, 900_000_000_000, 700_000_000_000])
    let diff = try SnapshotDiff(base: snapshot, head: snapshot)
    let change = try #require(diff.forecasts.first)
    #expect(change.delta.mean == 0 && change.delta.interval == 0...0)
    #expect(change.components.allSatisfy { $0.estimate.mean == 0 && $0.estimate.interval == 0...0 })
    #expect(CostGate(maxIncreasePercent: 0, maxIncreaseUSD: 0).crossings(diff).isEmpty)
  }

  @Test func anIncreaseIsJudgedOnItsLowerBound() throws {
    let base = Self.snapshot(deployed: [800_000_000_000, 900_000_000_000, 700_000_000_000])
    // +$0.09, +$0.10, +$0.11 a world: mean $0.10, s = $0.01, t(2) = 4.303, half-width
    // 4.303 × 0.01 / √3 = $0.024843…, lower bound $0.075157 (9.4 % of the base's $0.80).
    let head = Self.snapshot(deployed: [890_000_000_000, 1_000_000_000_000, 810_000_000_000])
    let diff = try SnapshotDiff(base: base, head: head)
    let change = try #require(diff.forecasts.first)
    #expect(abs(change.delta.mean - 0.10) < 1e-12)
    #expect(abs(change.delta.interval.lowerBound - (0.10 - 4.303 * 0.01 / 3.0.squareRoot())) < 1e-9)
    // Same prices and policy: all of it is workload.
    #expect(abs(change.components[2].estimate.mean - 0.10) < 1e-12)
    #expect(change.components[0].estimate.mean == 0 && change.components[1].estimate.mean == 0)
    #expect(CostGate(maxIncreaseUSD: 0.08).crossings(diff).isEmpty)
    #expect(
      CostGate(maxIncreaseUSD: 0.07).crossings(diff) == [
        "s.yaml: the deployed policy's cost rose by at least $0.075157 per device-day (lower bound of "
          + "the paired 95% interval over 3 worlds), above --max-increase-usd 0.07"
      ])
    #expect(CostGate(maxIncreasePercent: 9.5).crossings(diff).isEmpty)
    #expect(CostGate(maxIncreasePercent: 9).crossings(diff).count == 1)
  }

  @Test func doubledPricesAreAttributedToThePriceBook() throws {
    let base = Self.snapshot(deployed: [800_000_000_000, 900_000_000_000, 700_000_000_000])
    // The same tokens at twice the text_out price: each world bills twice as much, all price book.
    var head = Self.snapshot(
      deployed: [1_600_000_000_000, 1_800_000_000_000, 1_400_000_000_000], rates: ["text_out": 4_000_000])
    for index in head.forecasts[0].deployed.perWorld.indices {
      head.forecasts[0].deployed.perWorld[index].tokens = base.forecasts[0].deployed.perWorld[index].tokens
    }
    let change = try #require(try SnapshotDiff(base: base, head: head).forecasts.first)
    #expect(abs(change.delta.mean - 0.80) < 1e-12)
    #expect(abs(change.components[0].estimate.mean - 0.80) < 1e-12)
    #expect(abs(change.components[2].estimate.mean) < 1e-12)
  }

  @Test func worldsThatCannotBePairedAreOneClearError() throws {
    let base = Self.snapshot(deployed: [1, 2, 3].map { $0 * 2_000_000 })
    var head = base
    head.forecasts[0].seed = 2
    #expect(throws: SnapshotError.self) { try SnapshotDiff(base: base, head: head) }
  }

  @Test(arguments: [
    ("{}", "x.json: not a breakdown snapshot (no \"format\" key)"),
    ("[1]", "x.json: not a breakdown snapshot (not a JSON object)"),
    (
      "{\"format\":\"rtcost-breakdown/9\"}",
      "x.json: unknown snapshot format \"rtcost-breakdown/9\" (this rtcost reads rtcost-breakdown/1)"
    ),
    ("{\"format\":\"rtcost-breakdown/1\",\"recordings\":[]}", "x.json: missing key \"forecasts\""),
  ])
  func badSnapshotsAreOneClearError(text: String, message: String) {
    #expect(throws: SnapshotError(message)) { try BreakdownSnapshot.decode(Data(text.utf8), name: "x.json") }
  }

  @Test func aSnapshotReadsBackUnchanged() throws {
    let snapshot = Self.snapshot(deployed: [1, 2, 3].map { $0 * 2_000_000 })
    let text = try snapshot.encoded()
    #expect(try BreakdownSnapshot.decode(Data(text.utf8), name: "x.json") == snapshot)
    #expect(text.contains("\"format\" : \"rtcost-breakdown/1\""))
  }
}
