import Foundation
import Testing

@testable import Billing

/// Hand-computed bills for the rows of DESIGN §7.1, reasoning and image tokens included. Prices are
/// USD per 1M tokens = micro-dollars per token, i.e. `price × 10⁶` pico-dollars per token.
@Suite struct NewRowsPricingTests {
  let book = PriceBook.bundled

  /// A reasoning response with an image: text 1000 (256 cached), audio 2000 (640 cached), image 500
  /// (128 cached); output text 300 (of which 120 reasoning, already inside text_tokens), audio 400.
  func block() throws -> ResponseUsage {
    let json = #"""
      {"total_tokens": 4200, "input_tokens": 3500, "output_tokens": 700,
       "input_token_details": {"text_tokens": 1000, "audio_tokens": 2000, "image_tokens": 500,
         "cached_tokens": 1024,
         "cached_tokens_details": {"text_tokens": 256, "audio_tokens": 640, "image_tokens": 128}},
       "output_token_details": {"text_tokens": 300, "audio_tokens": 400, "reasoning_tokens": 120},
       "reasoning_tokens": 120}
      """#
    return try JSONDecoder().decode(ResponseUsage.self, from: Data(json.utf8))
  }

  @Test func gptRealtime2() throws {
    // 744 text_in × $4 = 2976e6; 256 cached text × $0.40 = 102.4e6; 1360 audio_in × $32 = 43520e6;
    // 640 cached audio × $0.40 = 256e6; 372 image_in × $5 = 1860e6; 128 cached image × $0.50 = 64e6;
    // 300 text_out (reasoning included) × $24 = 7200e6; 400 audio_out × $64 = 25600e6
    // total 81578.4e6 pico = $0.0815784
    let priced = try book.card(for: "gpt-realtime-2", on: CalendarDay("2026-06-01")).price(try block())
    #expect(priced.total.picoUSD == 81_578_400_000)
    #expect(priced.costs.textOut.picoUSD == 7_200_000_000)
    #expect(priced.warnings.isEmpty && priced.isExact)
  }

  @Test func reasoningTokensAreNeverAddedAgain() throws {
    let priced = try book.card(for: "gpt-realtime-2").price(try block())
    // 300 text tokens billed, not 300 + 120: the reasoning keys are ignored.
    #expect(priced.tokens.textOut == 300)
    #expect(priced.tokens.total == 3500 + 700)
    // The same block without the reasoning keys bills the same.
    let plain = ResponseUsage(
      totalTokens: 4200, inputTokens: 3500, outputTokens: 700,
      input: .init(
        textTokens: 1000, audioTokens: 2000, imageTokens: 500, cachedTokens: 1024,
        cached: .init(textTokens: 256, audioTokens: 640, imageTokens: 128)),
      output: .init(textTokens: 300, audioTokens: 400))
    #expect(try block() == plain)
  }

  @Test func gptRealtime21HasTheSamePricesAsTwo() throws {
    // Same rates as gpt-realtime-2: 81578.4e6 pico.
    #expect(try book.card(for: "gpt-realtime-2.1").price(try block()).total.picoUSD == 81_578_400_000)
    #expect(throws: PriceBookError.self) {
      try book.card(for: "gpt-realtime-2.1", on: CalendarDay("2026-07-06"))
    }
  }

  @Test func gptRealtime21Mini() throws {
    // 744 × $0.60 = 446.4e6; 256 × $0.06 = 15.36e6; 1360 × $10 = 13600e6; 640 × $0.30 = 192e6;
    // 372 × $0.80 = 297.6e6; 128 × $0.08 = 10.24e6; 300 × $2.40 = 720e6; 400 × $20 = 8000e6
    // total 23281.6e6 pico = $0.0232816
    #expect(try book.card(for: "gpt-realtime-2.1-mini").price(try block()).total.picoUSD == 23_281_600_000)
  }

  @Test func gptRealtime15OnItsCorrectedDate() throws {
    // text out $16 instead of $24: 81578.4e6 − 300 × $8 (2400e6) = 79178.4e6
    let card = try book.card(for: "gpt-realtime-1.5", on: CalendarDay("2026-02-23"))
    #expect(try card.price(try block()).total.picoUSD == 79_178_400_000)
  }

  @Test func durationBilledTranscription() throws {
    let usage = try JSONDecoder().decode(
      TranscriptionUsage.self, from: Data(#"{"type": "duration", "seconds": 90}"#.utf8))
    // 90 s = 1.5 min. gpt-realtime-whisper / gpt-live-transcribe $0.017/min: 1 min 17e9 pico + 30 s
    // × 17e9/60e6 pico per µs = 8.5e9 → 25.5e9 pico = $0.0255
    #expect(try book.transcriptionCard(for: "gpt-realtime-whisper").cost(of: usage) == Money(usd: "0.0255"))
    #expect(try book.transcriptionCard(for: "gpt-live-transcribe").cost(of: usage) == Money(usd: "0.0255"))
    // gpt-transcribe $0.0045/min: 1.5 × 4.5e9 = 6.75e9 pico = $0.00675
    #expect(try book.transcriptionCard(for: "gpt-transcribe").cost(of: usage) == Money(usd: "0.00675"))
    // One second at $0.017/min: 17e9 / 60 = 283,333,333.3 pico, rounded half up once.
    #expect(
      try book.transcriptionCard(for: "gpt-realtime-whisper").cost(of: .duration(microseconds: 1_000_000))
        .picoUSD
        == 283_333_333)
  }

  @Test func aTokenBlockOnADurationModelIsAnError() {
    #expect(
      throws: TranscriptionPricingError.rateKindMismatch(
        model: "gpt-transcribe", usage: "tokens", rate: "per-minute")
    ) {
      try book.transcriptionCard(for: "gpt-transcribe").cost(
        of: .tokens(inputTokens: 10, outputTokens: 2, textIn: nil, audioIn: nil))
    }
  }
}
