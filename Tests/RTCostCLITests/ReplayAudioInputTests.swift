import Foundation
import TestSupport
import Testing

/// `local.audio` markers in a recording: the WAV is analysed with the server-VAD emulation and
/// reported beside the as-billed numbers (fixtures/recordings/README.md, "local-audio.jsonl").
@Suite struct ReplayAudioInputTests {
  @Test func markersAreAnalysedWithTheSessionsVAD() async throws {
    let result = await CommandRunner.run([
      "replay", "fixtures/recordings/local-audio.jsonl", "--format", "json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
    let inputs = object["audio_inputs"] as! [[String: Any]]
    #expect(inputs.count == 2)
    // speech-like-8k.wav as ambient input: 3 committed turns, 11 + 7 + 7 = 25 tokens
    // (fixtures/wav/README.md); at gpt-realtime's $32/1M: 25 × 32e6 pico = $0.0008.
    #expect(inputs[0]["use"] as? String == "ambient")
    #expect(inputs[0]["genuine"] as? Bool == false)
    #expect(inputs[0]["committed_turns"] as? Int == 3)
    #expect(inputs[0]["audio_tokens"] as? Int == 25)
    #expect((inputs[0]["first_billing_usd"] as? NSNumber)?.stringValue == "0.0008")
    // tone-bursts-24k.wav as one utterance: 2.6 s → 26 tokens → 26 × 32e6 = $0.000832.
    #expect(inputs[1]["use"] as? String == "utterance")
    #expect(inputs[1]["committed_turns"] as? Int == 1)
    #expect(inputs[1]["audio_tokens"] as? Int == 26)
    #expect((inputs[1]["first_billing_usd"] as? NSNumber)?.stringValue == "0.000832")
    #expect(inputs[1]["line"] as? Int == 4)
    // The markers are not billed usage: the as-billed total stays that of the recorded responses.
    #expect(((object["cost_usd"] as! [String: Any])["total"] as? NSNumber) == 0)
  }

  @Test(arguments: [
    (
      "local-audio-missing-wav.jsonl", "local-audio-missing-wav.jsonl:2: local.audio: ",
      "cannot open the file"
    ),
    ("local-audio-float-wav.jsonl", "local-audio-float-wav.jsonl:2: local.audio: ", "32-bit float"),
  ])
  func aBadWAVIsOneErrorNamingTheRecordingLine(file: String, prefix: String, reason: String) async throws {
    let result = await CommandRunner.run(["replay", "fixtures/recordings/replay-errors/\(file)"])
    #expect(result.status != 0)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains(prefix), "\(result.stderr)")
    #expect(result.stderr.contains(reason), "\(result.stderr)")
  }
}
