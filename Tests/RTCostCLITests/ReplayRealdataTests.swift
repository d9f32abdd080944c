import Foundation
import TestSupport
import Testing

@testable import RTCostCLI

/// `rtcost replay` on the real captures in ../shared/realdata/streams (skipped when absent).
@Suite(.enabled(if: ReplayHarness.realData != nil)) struct ReplayRealdataTests {
  typealias H = ReplayHarness

  @Test func banyanLog1ExactBilledTotal() throws {
    let path = try #require(H.stream("banyan-log1.server-events.jsonl"))
    let r = try H.json([path])
    #expect(r["model"] as? String == "gpt-4o-realtime-preview-2024-12-17")
    #expect(H.number(r, "responses.total") == "12")
    #expect(H.number(r, "responses.completed") == "4")
    #expect(H.number(r, "responses.cancelled") == "8")
    #expect(H.number(r, "responses.cancelled_billed") == "4")
    #expect(H.number(r, "function_calls") == "1")
    // The 12 usage blocks (uncached text in, cached text, uncached audio in, cached audio, text out, audio out):
    //   853,0,0,0,38,119:      853×5 + 38×20 + 119×80                        = 4,265 + 760 + 9,520 = 14,545 µ$
    //   869,0,85,0,25,61:      869×5 + 85×40 + 25×20 + 61×80                 = 4,345 + 3,400 + 500 + 4,880 = 13,125
    //   72,832,152,0,37,123:   72×5 + 832×2.5 + 152×40 + 37×20 + 123×80      = 360 + 2,080 + 6,080 + 740 + 9,840 = 19,100
    //   959,0,298,0,47,175:    959×5 + 298×40 + 47×20 + 175×80               = 4,795 + 11,920 + 940 + 14,000 = 31,655
    //   991,0,369,0,37,89:     991×5 + 369×40 + 37×20 + 89×80                = 4,955 + 14,760 + 740 + 7,120 = 27,575
    //   1007,0,407,0,8,9:      1,007×5 + 407×40 + 8×20 + 9×80                = 5,035 + 16,280 + 160 + 720 = 22,195
    //   1031,0,460,0,9,15:     1,031×5 + 460×40 + 9×20 + 15×80               = 5,155 + 18,400 + 180 + 1,200 = 24,935
    //   23,1024,82,384,135,189: 23×5 + 1,024×2.5 + 82×40 + 384×2.5 + 135×20 + 189×80
    //                                                  = 115 + 2,560 + 3,280 + 960 + 2,700 + 15,120 = 24,735
    //   four cancelled responses with all-zero usage: 0.
    // Sum: 14,545 + 13,125 + 19,100 + 31,655 + 27,575 + 22,195 + 24,935 + 24,735 = 177,865 µ$.
    #expect(H.number(r, "cost_usd.total") == "0.177865")
    #expect(H.number(r, "tokens.text_in") == "5805")
    #expect(H.number(r, "tokens.text_in_cached") == "1856")
    #expect(H.number(r, "tokens.audio_in") == "1853")
    #expect(H.number(r, "tokens.audio_in_cached") == "384")
    #expect(H.number(r, "tokens.text_out") == "336")
    #expect(H.number(r, "tokens.audio_out") == "780")
    // Per category: 5,805×5 = 29,025; 1,856×2.5 = 4,640; 1,853×40 = 74,120; 384×2.5 = 960; 336×20 = 6,720;
    // 780×80 = 62,400 µ$.
    #expect(H.number(r, "cost_usd.audio_in") == "0.07412")
    #expect(H.number(r, "cost_usd.audio_out") == "0.0624")
    // A bare capture: the time sections carry the note.
    #expect(H.value(r, "idle.disconnects") is NSNull)
  }

  @Test func liusidaObjectBlocksWarnAndPriceFromTotals() throws {
    let path = try #require(H.stream("liusida-text-response.events.jsonl"))
    let r = try H.json([path, "--model", "gpt-4o-realtime-preview-2024-12-17"])
    #expect(r["model_source"] as? String == "--model")
    // Totals only, as uncached text: 72×5 + 79×20 = 360 + 1,580 = 1,940 µ$ (a lower bound).
    #expect(H.number(r, "cost_usd.total") == "0.00194")
    #expect(H.number(r, "tokens.text_in") == "72")
    #expect(H.number(r, "tokens.text_out") == "79")
    let messages = try #require(r["warnings"] as? [[String: Any]]).compactMap { $0["message"] as? String }
    #expect(messages.contains { $0.contains("malformed detail blocks") })
    #expect(messages.contains { $0.contains("priced from totals as uncached text") })
  }

  @Test func liusidaWithoutAModelFailsClearly() throws {
    let path = try #require(H.stream("liusida-text-response.events.jsonl"))
    #expect {
      _ = try H.run([path])
    } throws: { error in
      (error as? CLIError)?.message.hasPrefix("\(path): no model known") == true
    }
  }
}
