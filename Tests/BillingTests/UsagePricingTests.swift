import Foundation
import TestSupport
import Testing

@testable import Billing

/// Hand-computed costs, one usage block per price-book row. Prices are USD per 1M tokens, which is
/// micro-dollars per token, i.e. `price × 10⁶` pico-dollars per token.
@Suite struct UsagePricingTests {
  let book = PriceBook.bundled

  /// text 1000 (256 cached), audio 2000 (640 cached), text out 100, audio out 500; optionally
  /// image 1000 (128 cached).
  func sample(image: Bool = false) -> ResponseUsage {
    ResponseUsage(
      totalTokens: image ? 4600 : 3600, inputTokens: image ? 4000 : 3000, outputTokens: 600,
      input: .init(
        textTokens: 1000, audioTokens: 2000, imageTokens: image ? 1000 : nil,
        cachedTokens: image ? 1024 : 896,
        cached: .init(textTokens: 256, audioTokens: 640, imageTokens: image ? 128 : nil)),
      output: .init(textTokens: 100, audioTokens: 500))
  }

  func total(_ model: String, on day: String? = nil, image: Bool = false) throws -> Int64 {
    try book.card(for: model, on: day.flatMap { CalendarDay($0) }).price(sample(image: image)).total.picoUSD
  }

  @Test func launchRowBillsCachedInputAtFullPrice() throws {
    // 1000×5e6 + 2000×100e6 + 100×20e6 + 500×200e6 = 5e9 + 200e9 + 2e9 + 100e9 = 307e9 → $0.307
    #expect(try total("gpt-4o-realtime-preview-2024-10-01", on: "2024-10-01") == 307_000_000_000)
  }

  @Test func launchSnapshotAfterCachingArrived() throws {
    // 744×5e6 + 256×2.5e6 + 1360×100e6 + 640×20e6 + 100×20e6 + 500×200e6
    // = 3.72e9 + 0.64e9 + 136e9 + 12.8e9 + 2e9 + 100e9 = 255.16e9 → $0.25516
    #expect(try total("gpt-4o-realtime-preview-2024-10-01", on: "2024-10-30") == 255_160_000_000)
  }

  @Test func december2024AndJune2025Previews() throws {
    // 744×5e6 + 256×2.5e6 + 1360×40e6 + 640×2.5e6 + 100×20e6 + 500×80e6
    // = 3.72e9 + 0.64e9 + 54.4e9 + 1.6e9 + 2e9 + 40e9 = 102.36e9 → $0.10236
    #expect(try total("gpt-4o-realtime-preview-2024-12-17") == 102_360_000_000)
    #expect(try total("gpt-4o-realtime-preview-2025-06-03") == 102_360_000_000)
  }

  @Test func miniPreview() throws {
    // 744×0.6e6 + 256×0.3e6 + 1360×10e6 + 640×0.3e6 + 100×2.4e6 + 500×20e6
    // = 446.4e6 + 76.8e6 + 13600e6 + 192e6 + 240e6 + 10000e6 = 24555.2e6 → $0.0245552
    #expect(try total("gpt-4o-mini-realtime-preview-2024-12-17") == 24_555_200_000)
  }

  @Test func gptRealtimeWithImagesAndCachedAudio() throws {
    // 744×4e6 + 256×0.4e6 + 1360×32e6 + 640×0.4e6 + 872×5e6 + 128×0.5e6 + 100×16e6 + 500×64e6
    // = 2976e6 + 102.4e6 + 43520e6 + 256e6 + 4360e6 + 64e6 + 1600e6 + 32000e6 = 84878.4e6 → $0.0848784
    #expect(try total("gpt-realtime-2025-08-28", image: true) == 84_878_400_000)
    #expect(try total("gpt-realtime-1.5", image: true) == 84_878_400_000)
    let priced = try book.card(for: "gpt-realtime").price(sample(image: true))
    #expect(priced.isExact && priced.bounds == priced.total...priced.total)
    #expect(priced.tokens.imageIn == 872)
    #expect(priced.tokens.imageInCached == 128)
    #expect(priced.costs.audioInCached == Money(picoUSD: 256_000_000))
    #expect(priced.warnings.isEmpty)
  }

  @Test func gptRealtimeMiniBothSnapshots() throws {
    // 744×0.6e6 + 256×0.06e6 + 1360×10e6 + 640×0.3e6 + 872×0.8e6 + 128×0.08e6 + 100×2.4e6 + 500×20e6
    // = 446.4e6 + 15.36e6 + 13600e6 + 192e6 + 697.6e6 + 10.24e6 + 240e6 + 10000e6 = 25201.6e6 → $0.0252016
    #expect(try total("gpt-realtime-mini-2025-10-06", image: true) == 25_201_600_000)
    #expect(try total("gpt-realtime-mini-2025-12-15", image: true) == 25_201_600_000)
  }

  @Test func imageTokensOnAModelWithoutImagePricesAreAnError() {
    #expect(
      throws: UsageError.categoryNotPriced(
        model: "gpt-4o-realtime-preview-2024-12-17", category: .imageIn, tokens: 872)
    ) {
      try book.card(for: "gpt-4o-realtime-preview-2024-12-17").price(sample(image: true))
    }
  }

  @Test func allZeroUsageOfACancelledResponseCostsNothing() throws {
    let usage = ResponseUsage(
      totalTokens: 0, inputTokens: 0, outputTokens: 0,
      input: .init(
        textTokens: 0, audioTokens: 0, cachedTokens: 0, cached: .init(textTokens: 0, audioTokens: 0)),
      output: .init(textTokens: 0, audioTokens: 0))
    let priced = try book.card(for: "gpt-realtime").price(usage)
    #expect(priced.total == .zero)
    #expect(priced.warnings.isEmpty)
  }

  @Test func cachedTokensWithoutDetailsAreBilledAtTheUpperBoundWithTheLowerBoundGiven() throws {
    // cached 300 of text 200 + audio 500, no cached_tokens_details.
    let usage = ResponseUsage(
      inputTokens: 700, outputTokens: 0, input: .init(textTokens: 200, audioTokens: 500, cachedTokens: 300))
    let priced = try book.card(for: "gpt-realtime").price(usage)
    // Billed text first (caching text saves least): text takes 200, audio the remaining 100.
    #expect(priced.tokens.textInCached == 200)
    #expect(priced.tokens.textIn == 0)
    #expect(priced.tokens.audioInCached == 100)
    #expect(priced.tokens.audioIn == 400)
    // upper: 200×0.4e6 + 100×0.4e6 + 400×32e6 = 80e6 + 40e6 + 12800e6 = 12920e6
    #expect(priced.total.picoUSD == 12_920_000_000)
    // lower (audio first): 200×4e6 + 300×0.4e6 + 200×32e6 = 800e6 + 120e6 + 6400e6 = 7320e6
    #expect(priced.lowerBound.picoUSD == 7_320_000_000)
    #expect(priced.upperBound == priced.total)
    #expect(priced.bounds == Money(picoUSD: 7_320_000_000)...Money(picoUSD: 12_920_000_000))
    #expect(!priced.isExact)
    // The assumption is flagged as before; the bounds warning says the bill is the upper bound.
    #expect(priced.warnings == [.cachedSplitAssumed(cached: 300, text: 200, audio: 100, image: 0)])
    let bounded = UsageWarning.cachedSplitBounded(
      cached: 300, text: 200, audio: 100, image: 0, first: "text", lower: Money(picoUSD: 7_320_000_000),
      upper: Money(picoUSD: 12_920_000_000))
    #expect(priced.boundsWarning == bounded)
    #expect(priced.warningsWithBounds == [bounded])
    #expect(bounded.description.contains("attributed to text first"))
    #expect(bounded.description.contains("billed $0.01292 as the upper bound"))
    #expect(bounded.description.contains("$0.00732, the lower bound"))
    // The card-independent split keeps the old warning.
    #expect(
      try usage.tokenCounts().warnings == [.cachedSplitAssumed(cached: 300, text: 200, audio: 100, image: 0)])
  }

  @Test func withoutCachedPricesEverySplitCostsTheSame() throws {
    // The launch row bills cached input at the full price: the split does not matter.
    let usage = ResponseUsage(
      inputTokens: 700, outputTokens: 0, input: .init(textTokens: 200, audioTokens: 500, cachedTokens: 300))
    let priced = try book.card(for: "gpt-4o-realtime-preview-2024-10-01", on: CalendarDay("2024-10-02"))
      .price(usage)
    // 200×5e6 + 500×100e6 = 1000e6 + 50000e6
    #expect(priced.total.picoUSD == 51_000_000_000)
    #expect(priced.isExact)
    #expect(priced.boundsWarning?.description.contains("every split costs the same") == true)
  }

  @Test func onACardWithoutImagePricesTheUnpricedKindComesLast() throws {
    // gpt-4o-realtime-preview-2024-12-17 has no image prices: text (saving $2.50) before audio ($37.50).
    let card = try book.card(for: "gpt-4o-realtime-preview-2024-12-17")
    #expect(card.cachedAttribution(savingLeastFirst: true) == [.text, .audio, .image])
    #expect(card.cachedAttribution(savingLeastFirst: false) == [.audio, .text, .image])
    // gpt-realtime: text saves $3.60, image $4.50, audio $31.60 per 1M.
    let realtime = try book.card(for: "gpt-realtime")
    #expect(realtime.cachedAttribution(savingLeastFirst: true) == [.text, .image, .audio])
  }

  @Test func aCardWhereAudioCachingSavesLeastNamesAudioFirst() throws {
    var card = try book.card(for: "gpt-realtime")
    card.audioInCached = Money(picoUSD: 31_000_000)  // audio saves $1 per 1M, text $3.60
    let usage = ResponseUsage(
      inputTokens: 700, outputTokens: 0, input: .init(textTokens: 200, audioTokens: 500, cachedTokens: 300))
    let priced = try card.price(usage)
    // upper: audio first: 200×4e6 + 300×31e6 + 200×32e6 = 800e6 + 9300e6 + 6400e6 = 16500e6
    #expect(priced.total.picoUSD == 16_500_000_000)
    // lower: text first: 200×0.4e6 + 100×31e6 + 400×32e6 = 80e6 + 3100e6 + 12800e6 = 15980e6
    #expect(priced.lowerBound.picoUSD == 15_980_000_000)
    #expect(priced.warnings == [priced.boundsWarning!])
    #expect(priced.warnings[0].description.contains("attributed to audio first"))
  }

  @Test func cachedMoreThanInputIsAnError() {
    let usage = ResponseUsage(
      inputTokens: 100, input: .init(textTokens: 100, audioTokens: 0, cachedTokens: 128))
    #expect(throws: UsageError.cachedExceedsInput(kind: "input", cached: 128, input: 100)) {
      try book.card(for: "gpt-realtime").price(usage)
    }
    let detailed = ResponseUsage(
      inputTokens: 100,
      input: .init(
        textTokens: 100, audioTokens: 0, cachedTokens: 64, cached: .init(textTokens: 0, audioTokens: 64)))
    #expect(throws: UsageError.cachedExceedsInput(kind: "audio", cached: 64, input: 0)) {
      try book.card(for: "gpt-realtime").price(detailed)
    }
  }

  @Test func absurdCountsAreAnErrorNotATrap() throws {
    // 10^14 audio tokens: beyond the plausibility cap (10^9), whether decoded or built in code.
    let usage = ResponseUsage(
      inputTokens: 100_000_000_000_000, input: .init(textTokens: 0, audioTokens: 100_000_000_000_000))
    #expect(throws: UsageError.implausibleCount(field: "input_tokens", value: 100_000_000_000_000)) {
      try book.card(for: "gpt-realtime").price(usage)
    }
    let big = ResponseUsage(
      inputTokens: Int64.max, input: .init(textTokens: Int64.max, audioTokens: Int64.max))
    #expect(throws: UsageError.self) { try book.card(for: "gpt-realtime").price(big) }
    // Plausible counts at an absurd (user file) price overflow the money range: an error, not a trap.
    var card = try book.card(for: "gpt-realtime")
    card.audioIn = Money(picoUSD: Int64.max / 2)
    let plausible = ResponseUsage(inputTokens: 1_000, input: .init(textTokens: 0, audioTokens: 1_000))
    #expect(throws: UsageError.overflow(category: .audioIn, tokens: 1_000)) { try card.price(plausible) }
  }

  @Test func negativeCountsAreAnError() {
    let usage = ResponseUsage(inputTokens: -1)
    #expect(throws: UsageError.negative(field: "input_tokens", value: -1)) {
      try book.card(for: "gpt-realtime").price(usage)
    }
  }

  @Test func detailsBelowTheTotalsNeverBillLessThanTheTotals() throws {
    let usage = ResponseUsage(
      totalTokens: 999, inputTokens: 150, outputTokens: 10,
      input: .init(
        textTokens: 100, audioTokens: 40, cachedTokens: 64, cached: .init(textTokens: 0, audioTokens: 0)),
      output: .init(textTokens: 5, audioTokens: 0))
    let priced = try book.card(for: "gpt-realtime").price(usage)
    #expect(
      priced.warnings == [
        .inputResidual(detailsSum: 140, inputTokens: 150),
        .cachedPartsMismatch(detailsSum: 0, cachedTokens: 64),
        .outputResidual(detailsSum: 5, outputTokens: 10),
        .totalMismatch(sum: 160, totalTokens: 999),
      ])
    // The 10 missing input tokens are uncached text, the 5 missing output tokens text output:
    // (100 + 10)×4e6 + 40×32e6 + (5 + 5)×16e6 = 440e6 + 1280e6 + 160e6 = 1880e6
    #expect(priced.tokens.textIn == 110)
    #expect(priced.tokens.textOut == 10)
    #expect(priced.total.picoUSD == 1_880_000_000)
    // Billing the details alone (the old rule) gave 1760e6: less than the totals say.
    #expect(priced.total.picoUSD > 1_760_000_000)
    // The missing tokens might have been audio: the bill is a lower bound, unbounded above.
    #expect(priced.upperBound == nil && priced.bounds == nil)
    #expect(priced.lowerBound == priced.total)
    #expect(priced.warnings[0].description.contains("10 missing tokens were billed as uncached text"))
  }

  @Test func detailsAboveTheTotalsAreBilledAsTheDetails() throws {
    let usage = ResponseUsage(
      inputTokens: 100, outputTokens: 5, input: .init(textTokens: 100, audioTokens: 40),
      output: .init(textTokens: 3, audioTokens: 4))
    let priced = try book.card(for: "gpt-realtime").price(usage)
    #expect(
      priced.warnings == [
        .inputPartsMismatch(detailsSum: 140, inputTokens: 100),
        .outputPartsMismatch(detailsSum: 7, outputTokens: 5),
      ])
    // 100×4e6 + 40×32e6 + 3×16e6 + 4×64e6 = 400e6 + 1280e6 + 48e6 + 256e6 = 1984e6
    #expect(priced.total.picoUSD == 1_984_000_000)
    #expect(priced.isExact)
  }

  @Test func malformedDetailObjectsGiveATotalsOnlyPriceWithAWarning() throws {
    let json = #"""
      {"total_tokens": 243, "input_tokens": 120, "output_tokens": 123,
       "input_token_details": "[Object]", "output_token_details": "[Object]"}
      """#
    let usage = try JSONDecoder().decode(ResponseUsage.self, from: Data(json.utf8))
    #expect(usage.malformedFields == ["input_token_details", "output_token_details"])
    let priced = try book.card(for: "gpt-4o-realtime-preview-2024-12-17").price(usage)
    #expect(
      priced.warnings == [.totalsOnly(malformedFields: ["input_token_details", "output_token_details"])])
    // 120×5e6 + 123×20e6 = 600e6 + 2460e6
    #expect(priced.total.picoUSD == 3_060_000_000)
    // A totals-only block is a flagged lower bound: its tokens may have been audio.
    #expect(priced.lowerBound == priced.total && priced.upperBound == nil)
    #expect(priced.warnings[0].leavesCostUnboundedAbove)
  }

  @Test func wrongTypesOnCountsAreDecodingErrors() {
    let json = #"{"input_tokens": "twelve"}"#
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(ResponseUsage.self, from: Data(json.utf8))
    }
  }

  @Test func countsRoundTripThroughAUsageBlock() throws {
    var counts = TokenCounts.zero
    counts.textIn = 700
    counts.textInCached = 320
    counts.audioIn = 90
    counts.audioInCached = 64
    counts.textOut = 12
    counts.audioOut = 240
    let (back, warnings) = try ResponseUsage(counts: counts).tokenCounts()
    #expect(back == counts)
    #expect(warnings.isEmpty)
  }
}
