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

  /// A recording billed 100 text_out tokens (2,000,000 pico each: 200,000,000 pico) and 30 s of
  /// whisper-1 audio at `perMinute` pico-dollars a minute.
  static func transcribed(perMinute: Int64) -> BreakdownSnapshot.Recording {
    // 30 s at $0.006/min (6,000,000,000 pico a minute) = 3,000,000,000 pico; at $0.012/min twice it.
    let transcription = Int64(30) * perMinute / 60
    let total = 200_000_000 + transcription
    return .init(
      name: "r.jsonl", model: "m", priceSource: "test", priceEffectiveFrom: "2026-01-01",
      tokens: ["text_out": 100], costPico: ["text_out": 200_000_000, "transcription": transcription],
      ratesPico: ["text_out": 2_000_000], totalPico: total, totalUsd: "",
      meters: ["transcription_micros": 30_000_000], meterRatesPico: ["transcription_micros": perMinute])
  }

  @Test func aTranscriptionPriceChangeIsPriceBookNotWorkload() throws {
    let base = BreakdownSnapshot(recordings: [Self.transcribed(perMinute: 6_000_000_000)], forecasts: [])
    let head = BreakdownSnapshot(recordings: [Self.transcribed(perMinute: 12_000_000_000)], forecasts: [])
    let change = try #require(try SnapshotDiff(base: base, head: head).recordings.first)
    // 3,200,000,000 → 6,200,000,000 pico: +3,000,000,000, all of it the transcription price.
    #expect(change.deltaPico == 3_000_000_000)
    #expect(change.components.map(\.pico) == [3_000_000_000, 0, 0, 0])
    // More audio at the same price is workload: 45 s instead of 30 s adds 1,500,000,000 pico.
    var longer = Self.transcribed(perMinute: 6_000_000_000)
    longer.meters = ["transcription_micros": 45_000_000]
    longer.totalPico += 1_500_000_000
    let more = try #require(
      try SnapshotDiff(base: base, head: BreakdownSnapshot(recordings: [longer], forecasts: [])).recordings
        .first)
    #expect(more.components.map(\.pico) == [0, 0, 1_500_000_000, 0])
  }

  @Test func aRecordingWithoutMetersKeepsItsChangeAsWorkload() throws {
    // A snapshot written before meters were kept (no meters, no meter rates) against one with them:
    // the transcription cannot be re-priced, so the whole change is workload, and still adds up.
    var old = Self.transcribed(perMinute: 6_000_000_000)
    old.meters = nil
    old.meterRatesPico = nil
    let base = BreakdownSnapshot(recordings: [old], forecasts: [])
    let head = BreakdownSnapshot(recordings: [Self.transcribed(perMinute: 12_000_000_000)], forecasts: [])
    let change = try #require(try SnapshotDiff(base: base, head: head).recordings.first)
    #expect(change.components.map(\.pico) == [0, 0, 3_000_000_000, 0])
  }

  /// A 1-day GPT-Live forecast of 2 worlds: 120 s active and 60 s standby a world, at `active`
  /// and 10,000,000,000 (standby) pico-dollars a minute.
  static func live(active: Int64, label: String = "timeout=5m") -> BreakdownSnapshot {
    // 120 s × active / 60 + 60 s × $0.01/min: at $0.05/min 100,000,000,000 + 10,000,000,000.
    let total = 2 * active + 10_000_000_000
    let meters = BreakdownSnapshot.meters(
      transcription: .init(), live: LiveUsage(activeMicros: 120_000_000, standbyMicros: 60_000_000),
      initializationMicros: 0, backend: BackendUsage(inputTokens: 0, outputTokens: 0))
    let world = BreakdownSnapshot.WorldCost(
      totalPico: total, tokens: Array(repeating: 0, count: 8), meters: meters)
    let rates = BreakdownSnapshot.meterRates(
      transcription: nil,
      live: LivePriceCard(
        model: "live", effectiveFrom: CalendarDay(year: 2026, month: 1, day: 1),
        activePerMinute: Money(picoUSD: active), standbyPerMinute: Money(picoUSD: 10_000_000_000),
        source: "test"),
      backend: nil)
    let policy = BreakdownSnapshot.Policy(label: label, meanUsdPerDeviceDay: "", perWorld: [world, world])
    return BreakdownSnapshot(
      recordings: [],
      forecasts: [
        .init(
          scenario: "live.yaml", scenarioDigest: "fnv1a64:0", model: "live", priceSource: "test",
          priceEffectiveFrom: "2026-01-01", ratesPico: [:], seed: 1, worlds: 2, horizonMicros: 86_400_000_000,
          baseline: policy, deployed: policy, meterRatesPico: rates)
      ])
  }

  @Test func aSessionTimePriceChangeIsPriceBook() throws {
    let base = Self.live(active: 50_000_000_000)
    let head = Self.live(active: 100_000_000_000)
    let change = try #require(try SnapshotDiff(base: base, head: head).forecasts.first)
    // 110,000,000,000 → 210,000,000,000 pico a world: +$0.10 a device-day, all of it price book.
    #expect(abs(change.delta.mean - 0.10) < 1e-12)
    #expect(abs(change.components[0].estimate.mean - 0.10) < 1e-12)
    #expect(change.components[2].estimate.mean == 0)
    let itself = try #require(try SnapshotDiff(base: head, head: head).forecasts.first)
    #expect(itself.components.allSatisfy { $0.estimate.mean == 0 && $0.estimate.interval == 0...0 })
  }

  @Test func metersPriceTimePerMinuteAndTokensPerToken() {
    // 45.8 s at $0.05/min: 45,800,000 µs × 50,000,000,000 / 60,000,000 = 38,166,666,666.67 → ...667.
    #expect(SnapshotMeter.liveActiveMicros.cost(45_800_000, rate: 50_000_000_000) == 38_166_666_667)
    // 1,000 backend output tokens at $8 per 1M (8,000,000 pico a token).
    #expect(SnapshotMeter.backendTextOutTokens.cost(1_000, rate: 8_000_000) == 8_000_000_000)
  }
}
