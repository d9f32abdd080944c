import Billing
import SessionGuard
import Testing

/// GPT-Live money in the stats file: `rtcost_meters.live_cost_usd`, part of the billed total.
@Suite struct StatsLiveMeterTests {
  /// 640 s of session time priced $0.533333333333 (a GPT-Live tracker's bill).
  static func liveSession() -> UsageTotals {
    var totals = UsageTotals()
    totals.sessions = 1
    totals.live.bill = LiveBill(
      active: Money(picoUSD: 533_333_333_333), total: Money(picoUSD: 533_333_333_333))
    return totals
  }

  @Test func liveMoneyIsRecordedBilledAndReadBack() throws {
    let memory = InMemoryStatsFileSystem()
    let store = UsageStore(path: "/s.json", fileSystem: memory)
    _ = try store.record(Self.liveSession())
    let text = memory.text("/s.json")!
    #expect(text.contains("\"billed_cost_usd\": 0.533333333333,"))
    #expect(text.contains("\"live_cost_usd\": 0.533333333333,"))
    // Twice: $1.066666666666 billed, all of it session time.
    _ = try store.record(Self.liveSession())
    let meters = try #require(try store.load().meters)
    #expect(meters.liveCost == Money(picoUSD: 1_066_666_666_666))
    #expect(meters.billed == Money(picoUSD: 1_066_666_666_666))
  }

  @Test func aBilledTotalWithoutTheLiveMoneyIsRefused() throws {
    let memory = InMemoryStatsFileSystem()
    let store = UsageStore(path: "/s.json", fileSystem: memory)
    _ = try store.record(Self.liveSession())
    let tampered = memory.text("/s.json")!.replacingOccurrences(
      of: "\"billed_cost_usd\": 0.533333333333", with: "\"billed_cost_usd\": 0")
    memory.setContents("/s.json", Array(tampered.utf8))
    #expect(
      throws: UsageStoreError.invalidKey(
        path: "/s.json", key: "rtcost_meters.billed_cost_usd",
        message: "0 does not equal the categories plus transcription and live (0.533333333333)")
    ) { try store.load() }
  }
}
