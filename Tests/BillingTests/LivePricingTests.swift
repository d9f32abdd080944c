import Foundation
import TestSupport
import Testing

@testable import Billing

/// GPT-Live bills session time: $0.05 per active minute, $0.02 per standby minute on gpt-live-1.1,
/// 15 s for an abandoned WebRTC creation (DESIGN §7.4). $0.05/min = 50,000,000,000 pico-dollars per
/// 60,000,000 µs = 833⅓ pico-dollars per µs.
@Suite struct LivePricingTests {
  let book = PriceBook.bundled

  @Test func ninetySecondsAtFiveCentsAMinuteIs7Point5Cents() throws {
    // 90 s = 1.5 min × $0.05 = $0.075 (the docs' worked example).
    let card = try book.liveCard(for: "gpt-live-1")
    let bill = try card.cost(of: LiveUsage(activeMicros: 90_000_000))
    #expect(bill.total == usd("0.075"))
    #expect(bill.active == usd("0.075") && bill.standby == .zero && bill.initialization == .zero)
  }

  @Test func billingIsPerSecondNotRoundedToMinutes() throws {
    // 61 s: 1 min × 50e9 + 1e6 µs × 50e9 / 60e6 = 50e9 + 833,333,333.3 → 50,833,333,333 pico.
    let card = try book.liveCard(for: "gpt-live-1")
    #expect(try card.cost(of: LiveUsage(activeMicros: 61_000_000)).total.picoUSD == 50_833_333_333)
    // 45.8 s (the reference's session.closed): 45.8e6 × 50e9 / 60e6 = 38,166,666,666.7 → rounds up.
    #expect(try card.cost(of: LiveUsage(activeMicros: 45_800_000)).total.picoUSD == 38_166_666_667)
  }

  @Test func standbyTimeIsBilledAtTheStandbyRate() throws {
    // gpt-live-1.1: 2 min active × $0.05 + 10 min standby × $0.02 = $0.10 + $0.20 = $0.30.
    let card = try book.liveCard(for: "gpt-live-1.1")
    let bill = try card.cost(of: LiveUsage(activeMicros: 120_000_000, standbyMicros: 600_000_000))
    #expect(bill.active == usd("0.1") && bill.standby == usd("0.2") && bill.total == usd("0.3"))
    #expect(!bill.standbyBilledAsActive)
  }

  @Test func aModelWithoutStandbyBillsPausedTimeAsActiveAndSaysSo() throws {
    // gpt-live-1 has one rate: 10 min "standby" × $0.05 = $0.50.
    let bill = try book.liveCard(for: "gpt-live-1").cost(of: LiveUsage(standbyMicros: 600_000_000))
    #expect(bill.standby == usd("0.5") && bill.standbyBilledAsActive)
  }

  @Test func anAbandonedWebRTCCreationPaysFifteenSeconds() throws {
    // 15 s × $0.05/60 s = $0.0125 per abandoned creation; three of them: $0.0375.
    let card = try book.liveCard(for: "gpt-live-1.1")
    #expect(card.initializationCharge == 15_000_000)
    let bill = try card.cost(of: LiveUsage(abandonedCreations: 3))
    #expect(bill.initialization == usd("0.0375") && bill.total == usd("0.0375"))
  }

  @Test func theInitialisationChargeIsCreditedOnceASessionRuns() throws {
    let card = try book.liveCard(for: "gpt-live-1.1")
    // A WebRTC session that ran 90 s is billed 90 s (not 105); one that ran 5 s still pays 15 s.
    #expect(card.billedSessionTime(running: 90_000_000, webRTC: true) == 90_000_000)
    #expect(card.billedSessionTime(running: 5_000_000, webRTC: true) == 15_000_000)
    #expect(card.billedSessionTime(running: 5_000_000, webRTC: false) == 5_000_000)
  }

  @Test func backendTokensAreBilledAtTheBackendModelsTextPrices() throws {
    // gpt-realtime-2 text: $4 in, $0.40 cached, $24 out. 1,200 in of which 1,000 cached, 300 out:
    // 200 × 4 + 1,000 × 0.40 + 300 × 24 = 800 + 400 + 7,200 µ$ = $0.0084.
    let card = try book.card(for: "gpt-realtime-2")
    let usage = BackendUsage(
      inputTokens: 1_200, cachedInputTokens: 1_000, outputTokens: 300, reasoningTokens: 100)
    #expect(try card.cost(ofBackend: usage) == usd("0.0084"))
    // A 90 s session plus $0.02 of backend is $0.095 (the docs' example).
    let session = try book.liveCard(for: "gpt-live-1").cost(of: LiveUsage(activeMicros: 90_000_000))
    #expect(try session.total.adding(usd("0.02")) == usd("0.095"))
  }

  @Test func badBackendUsageIsAnErrorNotAPrice() throws {
    let card = try book.card(for: "gpt-realtime-2")
    #expect(throws: UsageError.cachedExceedsInput(kind: "text", cached: 5, input: 4)) {
      try card.cost(ofBackend: BackendUsage(inputTokens: 4, cachedInputTokens: 5, outputTokens: 0))
    }
    #expect(throws: UsageError.negative(field: "output_tokens", value: -1)) {
      try card.cost(ofBackend: BackendUsage(inputTokens: 0, outputTokens: -1))
    }
  }

  @Test func negativeOrAbsurdSessionTimeIsAnError() throws {
    let card = try book.liveCard(for: "gpt-live-1")
    #expect(throws: LivePricingError.implausible(model: "gpt-live-1")) {
      try card.cost(of: LiveUsage(activeMicros: -1))
    }
    // Int64.max µs at 833⅓ pico/µs is far beyond the money range.
    #expect(throws: LivePricingError.implausible(model: "gpt-live-1")) {
      try card.cost(of: LiveUsage(activeMicros: .max))
    }
    #expect(throws: LivePricingError.implausible(model: "gpt-live-1")) {
      try card.cost(of: LiveUsage(abandonedCreations: .max))
    }
  }

  @Test func theBookKnowsBothModelsWithSourcesAndDates() throws {
    #expect(book.liveModelNames == ["gpt-live-1", "gpt-live-1.1"])
    #expect(book.isLiveModel("gpt-live-1.1") && !book.isLiveModel("gpt-realtime-2"))
    let first = try book.liveCard(for: "gpt-live-1")
    #expect(first.effectiveFrom == CalendarDay(year: 2026, month: 9, day: 10))
    #expect(first.standbyPerMinute == nil && first.source.contains("UNCERTAIN"))
    let second = try book.liveCard(for: "gpt-live-1.1")
    #expect(second.effectiveFrom == CalendarDay(year: 2026, month: 11, day: 20))
    #expect(second.standbyPerMinute == usd("0.02") && second.activePerMinute == usd("0.05"))
    #expect(throws: PriceBookError.self) {
      try book.liveCard(for: "gpt-live-1.1", on: CalendarDay(year: 2026, month: 11, day: 1))
    }
    #expect(throws: PriceBookError.self) { try book.liveCard(for: "gpt-live-9") }
  }

  @Test func dataResidencyRaisesBothRatesByTenPercent() throws {
    // $0.05 × 1.1 = $0.055; $0.02 × 1.1 = $0.022.
    let card = try book.liveCard(for: "gpt-live-1.1", on: nil, residency: true)
    #expect(card.activePerMinute == usd("0.055") && card.standbyPerMinute == usd("0.022"))
  }

  @Test func aPriceFileAddsAndRoundTripsLiveRows() throws {
    let yaml = #"""
      {"live": [{"model": "my-live", "from": "2026-12-01", "active_per_minute": 0.04,
                 "standby_per_minute": 0.01, "webrtc_initialization_seconds": 10, "source": "contract"}]}
      """#
    let file = try JSONDecoder().decode(PriceFile.self, from: Data(yaml.utf8))
    let merged = book.overlaid(with: file)
    let card = try merged.liveCard(for: "my-live")
    #expect(card.activePerMinute == usd("0.04") && card.initializationCharge == 10_000_000)
    let written = PriceFileWriter.json(merged)
    let reread = PriceBook(try JSONDecoder().decode(PriceFile.self, from: Data(written.utf8)))
    #expect(reread.live == merged.live)
  }

  @Test func aTypoInALiveRowIsAnErrorNamingTheKey() {
    let json = #"{"live": [{"model": "x", "from": "2026-12-01", "active_per_minit": 0.04}]}"#
    #expect {
      try JSONDecoder().decode(PriceFile.self, from: Data(json.utf8))
    } throws: { error in
      String(describing: error).contains("active_per_minit")
    }
  }
}
