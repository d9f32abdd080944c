import Foundation
import Testing

@testable import Billing

@Suite struct PriceFileTests {
  @Test func decodesModelsAliasesAndTranscription() throws {
    let json = #"""
      {"models": [{"model": "acme-1", "from": "2026-01-01", "text_in": 4, "text_in_cached": "0.40",
                   "text_out": 16.5, "audio_in": 32, "audio_out": 64, "image_in": 5, "image_in_cached": 0.5}],
       "aliases": [{"alias": "acme", "model": "acme-1", "from": "2026-01-01"}],
       "transcription": [{"model": "w", "from": "2026-01-01", "per_minute": 0.006},
                         {"model": "t", "from": "2026-01-01", "text_in": 2.5, "audio_in": 6, "text_out": 10}]}
      """#
    let file = try JSONDecoder().decode(PriceFile.self, from: Data(json.utf8))
    #expect(file.cards.count == 1)
    #expect(file.cards[0].textInCached == Money(picoUSD: 400_000))
    #expect(file.cards[0].textOut == Money(picoUSD: 16_500_000))
    #expect(file.cards[0].audioInCached == nil)
    #expect(file.cards[0].imageInCached == Money(picoUSD: 500_000))
    #expect(file.aliases == [ModelAlias("acme", "acme-1", from: "2026-01-01")])
    #expect(file.transcription[0].rate == .perMinute(Money(usd: "0.006")!))
    #expect(
      file.transcription[1].rate
        == .perToken(
          textIn: Money(picoUSD: 2_500_000), audioIn: Money(picoUSD: 6_000_000),
          textOut: Money(picoUSD: 10_000_000)))
  }

  func error(_ json: String) -> String {
    do {
      _ = try JSONDecoder().decode(PriceFile.self, from: Data(json.utf8))
      return "no error"
    } catch {
      return String(describing: error)
    }
  }

  @Test func unknownKeysAreErrorsNamingTheKey() {
    #expect(error(#"{"modles": []}"#).contains("unknown key 'modles'"))
    #expect(
      error(
        #"{"models": [{"model": "a", "from": "2026-01-01", "text_in": 1, "text_out": 1, "audio_in": 1, "audio_out": 1, "txt_in_cached": 1}]}"#
      )
      .contains("unknown key 'txt_in_cached'"))
  }

  @Test func badValuesAreErrors() {
    let base = #""model": "a", "from": "2026-01-01", "text_out": 1, "audio_in": 1, "audio_out": 1"#
    #expect(error(#"{"models": [{\#(base), "text_in": -1}]}"#).contains("non-negative decimal"))
    #expect(error(#"{"models": [{\#(base), "text_in": "0.0000001"}]}"#).contains("at most 6 decimal places"))
    for huge in ["1e9223372036854775807", "1e-9223372036854775807", "1e100000000", "1e400"] {
      #expect(error(#"{"models": [{\#(base), "text_in": "\#(huge)"}]}"#).contains("text_in"), "\(huge)")
    }
    #expect(
      error(
        #"{"models": [{"model": "a", "from": "01/02/2026", "text_in": 1, "text_out": 1, "audio_in": 1, "audio_out": 1}]}"#
      ).contains("YYYY-MM-DD"))
    #expect(error(#"{"models": [{\#(base)}]}"#).contains("text_in"))
    #expect(
      error(#"{"models": [{\#(base), "text_in": 1, "image_in_cached": 1}]}"#).contains("image_in is not"))
  }
}
