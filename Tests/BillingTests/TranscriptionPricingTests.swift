import Foundation
import Testing

@testable import Billing

@Suite struct TranscriptionPricingTests {
  let book = PriceBook.bundled

  @Test func whisperIsBilledByTheExactSecond() throws {
    // $0.006/min = 6e9 pico per 60e6 µs = 100 pico per µs; 2.5 s = 2.5e6 µs → 250e6 pico = $0.00025
    let usage = try JSONDecoder().decode(
      TranscriptionUsage.self, from: Data(#"{"type":"duration","seconds":2.5}"#.utf8))
    #expect(usage == .duration(microseconds: 2_500_000))
    #expect(try book.transcriptionCard(for: "whisper-1").cost(of: usage) == Money(usd: "0.00025"))
  }

  @Test func aWeekOfWhisperAudioDoesNotOverflow() throws {
    // 7 days = 604,800 s = 10,080 min × $0.006 = $60.48
    let week = TranscriptionUsage.duration(microseconds: 604_800_000_000)
    #expect(try book.transcriptionCard(for: "whisper-1").cost(of: week) == Money(usd: "60.48"))
    // 61.5 s = 1 min × 6e9 + 1.5e6 µs × 100 pico = 6e9 + 150e6
    #expect(
      try book.transcriptionCard(for: "whisper-1").cost(of: .duration(microseconds: 61_500_000)).picoUSD
        == 6_150_000_000)
  }

  @Test func tokenUsageWithoutDetailsCountsInputAsAudio() throws {
    // gpt-4o-transcribe: 50×6e6 + 7×10e6 = 300e6 + 70e6
    let usage = TranscriptionUsage.tokens(inputTokens: 50, outputTokens: 7, textIn: nil, audioIn: nil)
    #expect(try book.transcriptionCard(for: "gpt-4o-transcribe").cost(of: usage).picoUSD == 370_000_000)
  }

  @Test func aUsageKindThatDoesNotMatchTheRateIsAnError() {
    #expect(throws: TranscriptionPricingError.self) {
      try book.transcriptionCard(for: "whisper-1").cost(
        of: .tokens(inputTokens: 1, outputTokens: 1, textIn: nil, audioIn: nil))
    }
    #expect(throws: TranscriptionPricingError.self) {
      try book.transcriptionCard(for: "gpt-4o-transcribe").cost(of: .duration(microseconds: 1))
    }
  }

  @Test func badTranscriptionUsageIsADecodingError() {
    for json in [
      #"{"type":"duration","seconds":-1}"#, #"{"type":"bytes"}"#, #"{"type":"tokens","input_tokens":-3}"#,
    ] {
      #expect(throws: DecodingError.self, "\(json)") {
        try JSONDecoder().decode(TranscriptionUsage.self, from: Data(json.utf8))
      }
    }
  }

  @Test func implausibleTranscriptionUsageIsAClearDecodingError() {
    func message(_ json: String) -> String {
      do {
        _ = try JSONDecoder().decode(TranscriptionUsage.self, from: Data(json.utf8))
        return "no error"
      } catch {
        return String(describing: error)
      }
    }
    // The same cap as response usage: 10⁹ tokens.
    #expect(
      message(#"{"type":"tokens","input_tokens":2000000000000,"output_tokens":3}"#)
        .contains("a transcription usage count of 2000000000000 tokens is not plausible (at most 1000000000)")
    )
    #expect(
      message(
        #"{"type":"tokens","input_tokens":5,"output_tokens":5,"input_token_details":{"audio_tokens":2000000000000}}"#
      )
      .contains("not plausible"))
    #expect(message(#"{"type":"tokens","input_tokens":1000000000,"output_tokens":3}"#) == "no error")
    // A duration cap: one transcribed item of more than a day is a corrupt log.
    #expect(message(#"{"type":"duration","seconds":86401}"#).contains("at most 86400 s"))
    #expect(message(#"{"type":"duration","seconds":86400}"#) == "no error")
  }

  @Test func absurdBlocksBuiltInCodeAreErrorsNotTraps() throws {
    let card = try book.transcriptionCard(for: "gpt-4o-transcribe")
    #expect(throws: TranscriptionPricingError.implausible(model: "gpt-4o-transcribe")) {
      try card.cost(
        of: .tokens(inputTokens: Int64.max, outputTokens: Int64.max, textIn: 0, audioIn: Int64.max))
    }
    #expect(throws: TranscriptionPricingError.implausible(model: "gpt-4o-transcribe")) {
      try card.cost(of: .tokens(inputTokens: -1, outputTokens: 0, textIn: nil, audioIn: nil))
    }
    #expect(throws: TranscriptionPricingError.implausible(model: "whisper-1")) {
      try book.transcriptionCard(for: "whisper-1").cost(of: .duration(microseconds: -1))
    }
  }

  @Test func seedRatesAreTheOriginalTable() {
    #expect(SeedPricing.audioInputPerSecond.picoUSD == 11_110_000)
    #expect(SeedPricing.audioOutputPerSecond.picoUSD == 22_220_000)
    #expect(SeedPricing.textInputPerToken.picoUSD == 5_000_000)
    #expect(SeedPricing.textOutputPerToken.picoUSD == 20_000_000)
    // One second of 24 kHz PCM16 (48,000 bytes) at the seed's output rate.
    #expect(
      SeedPricing.audioCost(bytes: 48_000, perSecond: SeedPricing.audioOutputPerSecond).picoUSD == 22_220_000)
  }
}
