import Billing
import Foundation
import TestSupport
import Testing

@testable import Reconcile

/// The reconcile fixtures of fixtures/traffic/ (worked out in its README), priced by hand.
/// Prices, µ$ per token: gpt-realtime-2025-08-28 text 4, cached 0.4, out 16, audio 32, cached 0.4,
/// out 64; gpt-realtime-2 the same with text out 24; gpt-realtime-mini-2025-10-06 text 0.6, cached
/// 0.06, out 2.4, audio 10, cached 0.3, out 20.
@Suite struct ReconcileTests {
  static func fixture(_ name: String) -> String {
    TestPaths.packageRoot.appendingPathComponent("fixtures/traffic").appendingPathComponent(name).path
  }

  static func dashboard() throws -> UsageReconciliation {
    try UsageReconciliation.reconcile(
      try UsageExportReader.read(path: fixture("usage-dashboard.csv")), book: .bundled)
  }

  @Test func theDashboardCSVWithFloatsRepeatedRowsAndAnEmptyDay() throws {
    let records = try UsageExportReader.read(path: Self.fixture("usage-dashboard.csv"))
    #expect(records.count == 5)
    #expect(records[2].isEmpty)
    #expect(records[4].projectID == "proj, main")
    #expect(records[0][.inputTokens] == 59_200)
    let usage = try Self.dashboard()
    #expect(usage.coveredDays.map(\.description) == ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"])
    #expect(usage.days.count == 3)
    // 2026-03-02: two rows summed. Row 1 (inclusive: 47,200 + 12,000 = 59,200; cached 36,000 text +
    // 4,000 audio): 11,200×4 + 36,000×0.4 + 8,000×32 + 4,000×0.4 + 2,000×16 + 7,000×64 = 796,800;
    // row 2 (nothing cached): 6,000×4 + 2,000×32 + 500×16 + 1,000×64 = 160,000. 956,800 µ$.
    let march2 = usage.days[0]
    #expect(march2.rows == 2)
    #expect(march2.requests == 50)
    #expect(march2.cost == usd("0.9568"))
    #expect(march2.tokens.textIn == 17_200)
    #expect(march2.tokens.audioInCached == 4_000)
    #expect(march2.meanings == [.inclusive, .either])
    // 2026-03-04 (mini): 7,200×0.6 + 12,800×0.06 + 10,000×10 + 1,000×2.4 + 3,000×20 = 167,488.
    #expect(usage.days[1].cost == usd("0.167488"))
    // 2026-03-05: 1,000×4 + 100×16 = 5,600.
    #expect(usage.days[2].cost == usd("0.0056"))
    #expect(usage.total.picoUSD == Int128(usd("1.129888").picoUSD))
    #expect(usage.meanings == [.inclusive: 2, .either: 2])
  }

  @Test func theAPIPagesAfterTheChangeCountUncachedTokens() throws {
    let records = try UsageExportReader.read(path: Self.fixture("usage-api-pages.json"))
    #expect(records.count == 2)
    #expect(records[0].location.hasSuffix("usage-api-pages.json: [0].data[0].results[0]"))
    // 8,000 uncached = 5,000 text + 3,000 audio, and 20,000 = 12,000 cached + 8,000 uncached: the new
    // meaning; read the old way its 9,000 cached text tokens would exceed its 5,000 text tokens.
    #expect(try AudioTokenMeaning.of(records[0]) == .uncached)
    #expect(try AudioTokenMeaning.of(records[1]) == .either)
    let usage = try UsageReconciliation.reconcile(records, book: .bundled)
    // Aug 3: 5,000×4 + 9,000×0.4 + 3,000×32 + 3,000×0.4 + 600×16 + 2,400×64 = 284,000 µ$.
    #expect(usage.days[0].cost == usd("0.284"))
    #expect(usage.days[0].tokens.textInCached == 9_000)
    // Aug 4 (gpt-realtime-2): 6,000×4 + 4,000×32 + 800×24 + 1,200×64 = 248,000 µ$.
    #expect(usage.days[1].cost == usd("0.248"))
    #expect(usage.days[1].card?.model == "gpt-realtime-2")
    let inclusive = AudioTokenMeaning.usage(records[0], meaning: .inclusive)
    #expect(throws: ReconcileError.self) {
      try UsageReconciliation.split(inclusive, card: bundledCard("gpt-realtime-2025-08-28"), location: "x")
    }
  }

  /// A model no book prices is never $0: it is listed as not priced, and its requests and tokens
  /// still count (the table's totals and the cached share say what the export said).
  @Test func anUnpricedModelKeepsItsTokens() throws {
    let header =
      "start_time_iso,num_model_requests,model,input_tokens,input_cached_tokens,input_audio_tokens,"
      + "input_text_tokens,output_tokens,output_text_tokens,output_audio_tokens"
    // 1,000 text + 3,000 audio in, 400 cached of no stated modality; 500 text + 1,500 audio out.
    let row = "2026-03-02T00:00:00+00:00,7,gpt-voice-imaginary,4000,400,3000,1000,2000,500,1500"
    let records = try UsageExportReader.csv(header + "\n" + row + "\n", file: "usage.csv")
    let usage = try UsageReconciliation.reconcile(records, book: .bundled)
    #expect(usage.days.count == 1)
    let day = usage.days[0]
    #expect(day.card == nil && day.cost == .zero)
    #expect(usage.total.picoUSD == 0)
    #expect(usage.unpriced.count == 1 && usage.unpriced[0].contains("gpt-voice-imaginary"))
    #expect(day.requests == 7)
    // The 400 undetailed cached tokens are counted against text first: 600 + 400 cached text.
    #expect(day.tokens.textIn == 600 && day.tokens.textInCached == 400)
    #expect(day.tokens.audioIn == 3_000 && day.tokens.audioInCached == 0)
    #expect(day.tokens.textOut == 500 && day.tokens.audioOut == 1_500)
    #expect(day.cachedShare == 0.1)  // 400 of 4,000
    #expect(day.notes.contains { $0.contains("400 cached tokens of no stated modality") })
  }

  @Test func aRowNeitherMeaningFitsIsRefusedByLocation() throws {
    let record = UsageRecord(
      location: "u.csv:7", day: CalendarDay("2026-03-02")!, model: "gpt-realtime", projectID: nil,
      fields: [.inputTokens: 1_000, .inputCachedTokens: 100, .inputTextTokens: 500, .inputAudioTokens: 200])
    #expect {
      try AudioTokenMeaning.of(record)
    } throws: { error in
      "\(error)".hasPrefix(
        "u.csv:7: neither meaning of the modality counts fits: input_tokens 1000, cached 100")
    }
    var ungrouped = record
    ungrouped.model = nil
    ungrouped.fields = [.inputTokens: 10, .inputTextTokens: 10]
    #expect {
      try UsageReconciliation.reconcile([ungrouped], book: .bundled)
    } throws: { error in
      "\(error)".contains("u.csv:7: model: the export is not grouped by model")
    }
    var unknown = ungrouped
    unknown.model = "gpt-4o-mini-2024-07-18"
    let result = try UsageReconciliation.reconcile([unknown], book: .bundled)
    #expect(result.days[0].card == nil)
    #expect(result.total.picoUSD == 0)
    #expect(result.unpriced.count == 1)
  }

  @Test func theCostsExportsComparePerDayModelAndLineItem() throws {
    let usage = try Self.dashboard()
    let costs = try CostsExportReader.read(path: Self.fixture("costs-dashboard.csv"))
    let comparison = try CostComparison.compare(usage, costs, book: .bundled)
    // The export bills 2026-03-02's audio output $0.52; rtcost's price of the usage is
    // (7,000 + 1,000) × 64 µ$ = $0.512.
    let audioOut = comparison.rows.first { $0.day.description == "2026-03-02" && $0.category == .audioOut }
    #expect(audioOut?.ours == usd("0.512"))
    #expect(audioOut?.export == usd("0.52"))
    #expect(audioOut?.delta == Money.zero - usd("0.008"))
    // A gpt-4o-mini line the usage export (Realtime models) does not hold: the export's alone.
    let other = comparison.rows.first { $0.model == "gpt-4o-mini-2024-07-18" }
    #expect(other?.ours == .zero)
    #expect(other?.export == usd("0.0123"))
    #expect(
      comparison.days.map(\.day.description) == ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"])
    #expect(comparison.days[2].export == usd("0.179788"))
    #expect(comparison.rows.filter { $0.delta != .zero }.count == 2)
    let api = try CostComparison.compare(
      try UsageReconciliation.reconcile(
        try UsageExportReader.read(path: Self.fixture("usage-api-pages.json")), book: .bundled),
      try CostsExportReader.read(path: Self.fixture("costs-api-pages.json")), book: .bundled)
    #expect(api.rows.count == 10)
    #expect(api.rows.allSatisfy { $0.delta == .zero })
  }

  /// The forecast fixture (baseline: 2 requests and 400/1200/300/100/0/0/60/250 tokens a device-day)
  /// over March's 31 days against the dashboard month.
  @Test func theMonthGapSplitsIntoWorkloadContextCacheAndPrice() throws {
    let figures = try ForecastFigures.read(path: Self.fixture("forecast-march.json"), policy: nil)
    #expect(figures.policy == "timeout=off activity=real")
    let month = try MonthComparison.compare(
      figures, usage: try Self.dashboard(), month: CalendarDay("2026-03-01")!, devices: 1, book: .bundled)
    #expect(month.forecast.requests == 62)
    #expect(month.actual.requests == 71)
    // Forecast: 12,400×4 + 37,200×0.4 + 9,300×32 + 3,100×0.4 + 1,860×16 + 7,750×64 = 889,080 µ$.
    #expect(month.forecast.cost == usd("0.88908"))
    #expect(month.actual.cost == usd("1.129888"))
    // Workload: ×71/62 (14,200 / 42,600 / 10,650 / 3,550 / 2,130 / 8,875) = 1,018,140: +129,060.
    #expect(month.workload == usd("0.12906"))
    // Context: actual text 74,200 (75 % cached as forecast: 55,650) and audio 24,000 (25 %: 6,000),
    // outputs 3,600 and 11,000: 1,436,460: +418,320.
    #expect(month.context == usd("0.41832"))
    // Cache: the actual split (48,800 of text and 4,000 of audio cached) at the forecast's card:
    // 1,524,320: +87,860.
    #expect(month.cache == usd("0.08786"))
    // Price: as billed (a day of gpt-realtime-mini): 1,129,888: −394,432.
    #expect(month.price == Money.zero - usd("0.394432"))
    #expect(month.workload + month.context + month.cache + month.price == month.gap)
    let other = try ForecastFigures.read(
      path: Self.fixture("forecast-march.json"), policy: "timeout=5m check=30s activity=real")
    #expect(other.requestsPerDay == 1.5)
    #expect(throws: ReconcileError.self) {
      try ForecastFigures.read(path: Self.fixture("forecast-march.json"), policy: "timeout=9m")
    }
  }

  @Test func csvExportsNameTheLineOfWhatTheyRefuse() throws {
    let folder = try TestPaths.scratchFolder("reconcile")
    func export(_ text: String) throws -> String {
      let path = folder.appendingPathComponent("e\(UUID().uuidString).csv").path
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      return path
    }
    let fraction = try export("start_time,model,input_tokens\n1772409600,gpt-realtime,12.5\n")
    #expect(throws: ReconcileError("\(fraction):2: input_tokens: must be a whole count >= 0, got '12.5'")) {
      try UsageExportReader.read(path: fraction)
    }
    // The shared CSV reader's errors come through as the export's, naming the file and line.
    let unclosed = try export("date,model\n\"open\n")
    #expect(throws: ReconcileError("\(unclosed):2: a quoted field is never closed")) {
      try UsageExportReader.read(path: unclosed)
    }
    let noTime = try export("model,input_tokens\ngpt-realtime,1\n")
    #expect {
      try UsageExportReader.read(path: noTime)
    } throws: { error in
      "\(error)".hasPrefix("\(noTime):1: no start_time, start_time_iso or date column")
    }
    let badDay = try export("date,model,input_tokens\nMonday,gpt-realtime,1\n")
    #expect(throws: ReconcileError("\(badDay):2: date: not a Unix time or a date, got 'Monday'")) {
      try UsageExportReader.read(path: badDay)
    }
    let euro = try export("date,line_item,amount,currency\n2026-03-02,\"gpt-realtime, input\",0.5,EUR\n")
    let euroRecords = try CostsExportReader.read(path: euro)
    #expect(euroRecords[0].amount == usd("0.5"))
    #expect(throws: ReconcileError("\(euro):2: currency eur: rtcost prices in USD")) {
      try CostComparison.compare(try Self.dashboard(), euroRecords, book: .bundled)
    }
  }

  @Test(.enabled(if: TestPaths.hasRealData)) func theDocumentedExamplesTellTheirMeaningsApart() throws {
    let folder = "docs-examples/"
    func records(_ name: String) throws -> [UsageRecord] {
      let text = String(decoding: try TestPaths.realDataBytes(folder + name), as: UTF8.self)
      return try UsageExportReader.json(text, file: name)
    }
    // openai-openapi @ f85dbe2 (2026-08-21): 1,000 = 400 cached + 100 cache writes + 500 uncached,
    // 500 = 400 text + 50 audio + 50 image: the uncached meaning.
    let new = try records("openai-openapi@f85dbe2__usage-completions__documented-response.json")
    #expect(try AudioTokenMeaning.of(new[0]) == .uncached)
    // @ 5162af9 (2026-05-13): no modality split, 800 of 1,000 cached: audio included its cached part.
    let old = try records("openai-openapi@5162af9__usage-completions__documented-response.json")
    #expect(try AudioTokenMeaning.of(old[0]) == .inclusive)
    // Priced as gpt-4o-realtime-preview-2024-10-01 on its day, 2024-11-01 (text 5, cached 2.5, out
    // 20): 200×5 + 800×2.5 + 500×20 = 13,000 µ$.
    let priced = try UsageReconciliation.reconcile(
      old, book: .bundled, model: "gpt-4o-realtime-preview-2024-10-01")
    #expect(priced.days[0].cost == usd("0.013"))
  }
}
