import Foundation
import TestSupport
import Testing

@testable import Billing

/// The usage samples in `../shared/realdata/usage/`, priced exactly by hand.
@Suite(.enabled(if: TestPaths.hasRealData, "../shared/realdata is absent"))
struct RealDataUsageTests {
  let book = PriceBook.bundled

  func usage(_ name: String) throws -> ResponseUsage {
    let object =
      try JSONSerialization.jsonObject(with: try TestPaths.realDataBytes("usage/\(name)")) as! [String: Any]
    let usage = object["usage"] ?? ["input_token_details": object["input_token_details"]!]
    return try JSONDecoder().decode(ResponseUsage.self, from: JSONSerialization.data(withJSONObject: usage))
  }

  @Test func webRTCBlockWithCachedAudio() throws {
    // gpt-4o-realtime-preview-2024-12-17: text 313 (256 cached), audio 476 (384 cached), out text 9, audio 23.
    // 57×5e6 + 256×2.5e6 + 92×40e6 + 384×2.5e6 + 9×20e6 + 23×80e6
    // = 285e6 + 640e6 + 3680e6 + 960e6 + 180e6 + 1840e6 = 7585e6 → $0.007585
    let priced = try book.card(for: "gpt-4o-realtime-preview-2024-12-17")
      .price(usage("page__community.openai.com__1060242__webrtc-usage.json"))
    #expect(priced.total == Money(usd: "0.007585"))
    #expect(priced.tokens.audioInCached == 384)
    #expect(priced.warnings.isEmpty)
  }

  @Test func azureOldSchemaWithoutCachedDetails() throws {
    // Resolved on the thread's date 2024-12-18 → gpt-4o-realtime-preview-2024-12-17.
    // 5404×5e6 + 21×20e6 = 27020e6 + 420e6 = 27440e6 → $0.02744
    let card = try book.card(for: "gpt-4o-realtime-preview", on: CalendarDay("2024-12-18"))
    let priced = try card.price(usage("issue__Azure-Samples__aoai-realtime-audio-sdk__109__usage.json"))
    #expect(card.model == "gpt-4o-realtime-preview-2024-12-17")
    #expect(priced.total == Money(usd: "0.02744"))
    #expect(priced.warnings.isEmpty)
  }

  @Test func inputDetailsOnly() throws {
    // Alias on 2025-05-14 → 2024-12-17. text 239 of which 192 cached: 47×5e6 + 192×2.5e6 = 235e6 + 480e6
    let card = try book.card(for: "gpt-4o-realtime-preview", on: CalendarDay("2025-05-14"))
    let priced = try card.price(usage("issue__openai__openai-python__2355__input_token_details.json"))
    #expect(priced.total.picoUSD == 715_000_000)
    #expect(priced.tokens.textInCached == 192)
  }

  @Test func consoleTurnsAtLaunchPricesMatchTheReporter() throws {
    // Launch prices (2024-10-01 row): audio in $100, audio out $200, text in $5, text out $20 per 1M.
    // turn 22: 4180×100e6 + 188×200e6 + 1208×5e6 + 52×20e6 = 418e9 + 37.6e9 + 6.04e9 + 1.04e9 = 462.68e9
    // turn 23: 4385×100e6 + 176×200e6 + 1270×5e6 + 48×20e6 = 438.5e9 + 35.2e9 + 6.35e9 + 0.96e9 = 481.01e9
    // turn 24: 4579×100e6 + 164×200e6 + 1328×5e6 + 44×20e6 = 457.9e9 + 32.8e9 + 6.64e9 + 0.88e9 = 498.22e9
    let object =
      try JSONSerialization.jsonObject(
        with: try TestPaths.realDataBytes(
          "usage/issue__openai__openai-realtime-console__50__per-turn-token-tables.json"))
      as! [String: Any]
    let turns = object["turns"] as! [[String: Any]]
    let card = try book.card(for: "gpt-4o-realtime-preview", on: CalendarDay("2024-10-01"))
    var computed: [Int64] = []
    var reporterCents: [String] = []
    for turn in turns {
      let row = (turn["current"] as! [NSNumber]).map(\.int64Value)
      let usage = ResponseUsage(
        inputTokens: row[0] + row[2], outputTokens: row[1] + row[3],
        input: .init(textTokens: row[2], audioTokens: row[0], cachedTokens: 0),
        output: .init(textTokens: row[3], audioTokens: row[1]))
      let priced = try card.price(usage)
      computed.append(priced.total.picoUSD)
      reporterCents.append(priced.total.rounded(toDecimals: 2))
      #expect(
        priced.total.rounded(toDecimals: 2)
          == Money(usd: "\((turn["current"] as! [NSNumber])[4])")!.rounded(toDecimals: 2))
    }
    #expect(computed == [462_680_000_000, 481_010_000_000, 498_220_000_000])
    #expect(reporterCents == ["0.46", "0.48", "0.50"])
  }

  @Test func transcriptionTokensUsage() throws {
    let object =
      try JSONSerialization.jsonObject(
        with: try TestPaths.realDataBytes(
          "usage/issue__openai__openai-agents-js__724__transcription-completed-usage.json"))
      as! [String: Any]
    let event = object["event"] as! [String: Any]
    let usage = try JSONDecoder().decode(
      TranscriptionUsage.self, from: JSONSerialization.data(withJSONObject: event["usage"]!))
    #expect(usage == .tokens(inputTokens: 13, outputTokens: 9, textIn: 0, audioIn: 13))
    // gpt-4o-transcribe: 13×6e6 + 9×10e6 = 78e6 + 90e6 = 168e6 → $0.000168
    #expect(try book.transcriptionCard(for: "gpt-4o-transcribe").cost(of: usage).picoUSD == 168_000_000)
    // gpt-4o-mini-transcribe: 13×3e6 + 9×5e6 = 39e6 + 45e6 = 84e6
    #expect(try book.transcriptionCard(for: "gpt-4o-mini-transcribe").cost(of: usage).picoUSD == 84_000_000)
  }
}
