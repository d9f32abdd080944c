import Billing
import Foundation
import TestSupport
import Testing

@testable import RTCostCLI

@Suite struct PricesCommandTests {
  @Test func aliasShowsTheDatedSnapshotAndAllItsPricesAsJSON() async throws {
    let result = await CommandRunner.run(["prices", "--model", "gpt-realtime", "--format", "json"])
    #expect(result.status == 0)
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
    #expect(object["model"] as? String == "gpt-realtime-2025-08-28")
    #expect(object["resolved_from_alias"] as? Bool == true)
    let prices = object["usd_per_1m_tokens"] as! [String: NSNumber]
    #expect(prices.count == 8)
    #expect(prices["text_in"] == 4)
    #expect(prices["text_in_cached"] == 0.4)
    #expect(prices["audio_in"] == 32)
    #expect(prices["audio_in_cached"] == 0.4)
    #expect(prices["image_in"] == 5)
    #expect(prices["image_in_cached"] == 0.5)
    #expect(prices["text_out"] == 16)
    #expect(prices["audio_out"] == 64)
  }

  @Test func unknownModelExitsNonZeroNamingCloseModels() async throws {
    let result = await CommandRunner.run(["prices", "--model", "no-such-model"])
    #expect(result.status != 0)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("unknown model 'no-such-model'"))
    #expect(result.stderr.contains("closest known models: "))
  }

  @Test func aliasOnADateBeforeTheNextSnapshot() async throws {
    let result = await CommandRunner.run([
      "prices", "--model", "gpt-4o-realtime-preview", "--at", "2024-10-15",
    ])
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("gpt-4o-realtime-preview → gpt-4o-realtime-preview-2024-10-01\n"))
    #expect(result.stdout.contains("effective from 2024-10-01"))
  }

  @Test func tableListsEveryRow() async throws {
    let result = await CommandRunner.run(["prices"])
    #expect(result.status == 0)
    for model in [
      "gpt-realtime-2025-08-28", "gpt-realtime-mini-2025-12-15", "gpt-realtime-1.5", "whisper-1",
      "gpt-realtime-2",
      "gpt-realtime-2.1-mini", "gpt-realtime-whisper", "gpt-transcribe", "gpt-4o-mini-transcribe-2025-12-15",
    ] {
      #expect(result.stdout.contains(model), "\(model)")
    }
    #expect(result.stdout.contains("Model facts"))
    #expect(result.stdout.contains("128,000"))
  }

  @Test func theWholeBookAsJSONIsAPriceFileThatRoundTripsThroughPrices() async throws {
    let first = await CommandRunner.run(["prices", "--format", "json"])
    #expect(first.status == 0, "\(first.stderr)")
    let file = try JSONDecoder().decode(PriceFile.self, from: Data(first.stdout.utf8))
    #expect(file.cards == PriceBook.bundled.cards)
    #expect(file.aliases == PriceBook.bundled.aliases)
    #expect(file.transcription == PriceBook.bundled.transcription)
    #expect(file.transcriptionAliases == PriceBook.bundled.transcriptionAliases)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rtcost-book-\(UUID().uuidString).json")
    defer { try? FileManager.default.removeItem(at: path) }
    try first.stdout.write(to: path, atomically: true, encoding: .utf8)
    // Given back with --prices (read as YAML, of which JSON is a subset), the book is the same.
    let second = await CommandRunner.run(["prices", "--prices", path.path, "--format", "json"])
    #expect(second.status == 0, "\(second.stderr)")
    #expect(second.stdout == first.stdout)
  }

  @Test func aReasoningModelShowsItsFactsAndSources() async throws {
    let result = await CommandRunner.run(["prices", "--model", "gpt-realtime-2", "--format", "json"])
    #expect(result.status == 0)
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
    #expect(object["resolved_from_alias"] as? Bool == false)
    #expect((object["usd_per_1m_tokens"] as! [String: NSNumber])["text_out"] == 24)
    let facts = object["facts"] as! [String: Any]
    #expect(facts["context_window"] as? Int == 128_000)
    #expect(facts["max_output_tokens"] as? Int == 32_000)
    #expect(facts["reasoning_efforts"] as? [String] == ["minimal", "low", "medium", "high", "xhigh"])
    #expect(facts["residency_uplift_percent"] as? Int == 10)
    #expect((object["source"] as? String)?.contains("OpenAI model page gpt-realtime-2") == true)
  }

  @Test func residencyShowsTheUpliftOnlyWhereItApplies() async throws {
    let mini = await CommandRunner.run(["prices", "--model", "gpt-realtime-2.1-mini", "--residency"])
    #expect(mini.status == 0)
    #expect(mini.stdout.contains("data residency: +10 % applied"))
    #expect(mini.stdout.contains("text_in                       0.66"))
    let realtime = await CommandRunner.run(["prices", "--model", "gpt-realtime", "--residency"])
    #expect(realtime.stdout.contains("no uplift for this model"))
    #expect(realtime.stdout.contains("text_in                       4.00"))
  }

  @Test func transcriptionModelsAndSnapshotsCanBeShown() async throws {
    let whisper = await CommandRunner.run(["prices", "--model", "gpt-realtime-whisper"])
    #expect(whisper.status == 0, "\(whisper.stderr)")
    #expect(whisper.stdout.contains("rate: $0.017 per minute"))
    let snapshot = await CommandRunner.run([
      "prices", "--model", "gpt-4o-mini-transcribe-2025-12-15", "--format", "json",
    ])
    let object = try JSONSerialization.jsonObject(with: Data(snapshot.stdout.utf8)) as! [String: Any]
    #expect(object["transcription_model"] as? String == "gpt-4o-mini-transcribe")
    #expect(object["resolved_from_alias"] as? Bool == true)
  }

  @Test func aDayAfterAShutdownWarns() async throws {
    let result = await CommandRunner.run(["prices", "--model", "gpt-realtime", "--at", "2027-02-01"])
    #expect(result.status == 0)
    #expect(
      result.stdout.contains("warning: gpt-realtime (gpt-realtime-2025-08-28) is shut down from 2027-01-20"))
    let before = await CommandRunner.run(["prices", "--model", "gpt-realtime", "--at", "2026-12-01"])
    #expect(!before.stdout.contains("warning:"))
  }

  @Test func userPriceFileInYAMLOverridesAndErrorsNameTheKey() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rtcost-prices-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let good = folder.appendingPathComponent("prices.yaml")
    try """
    models:
      - model: acme-voice-2026-01-01
        from: 2026-01-01
        text_in: 1.25
        text_out: 5
        audio_in: 20
        audio_out: 40
    aliases:
      - { alias: acme-voice, model: acme-voice-2026-01-01, from: 2026-01-01 }
    """.write(to: good, atomically: true, encoding: .utf8)
    let result = await CommandRunner.run([
      "prices", "--prices", good.path, "--model", "acme-voice", "--format", "json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("\"model\": \"acme-voice-2026-01-01\""))
    #expect(result.stdout.contains("\"text_in\": 1.25"))
    // No cached price in the file: cached input is billed at the full price.
    #expect(result.stdout.contains("\"text_in_cached\": 1.25"))

    let bad = folder.appendingPathComponent("bad.yaml")
    try
      "models:\n  - model: x\n    from: 2026-01-01\n    text_in: 1\n    text_out: 1\n    audio_in: 1\n    audio_out: 1\n    audio_cached: 1\n"
      .write(to: bad, atomically: true, encoding: .utf8)
    let empty = folder.appendingPathComponent("empty.yaml")
    try "\n".write(to: empty, atomically: true, encoding: .utf8)
    let emptyResult = await CommandRunner.run(["prices", "--prices", empty.path])
    #expect(emptyResult.status != 0)
    #expect(emptyResult.stderr.contains("empty.yaml: the price file is empty"))

    let failure = await CommandRunner.run(["prices", "--prices", bad.path])
    #expect(failure.status != 0)
    #expect(failure.stderr.contains("bad.yaml"))
    #expect(failure.stderr.contains("unknown key 'audio_cached'"))
    #expect(failure.stderr.contains("models[0]"))
  }

  @Test func formatsOtherThanTableAndJSONAreRefused() async throws {
    let result = await CommandRunner.run(["prices", "--format", "csv"])
    #expect(result.status != 0)
    #expect(result.stderr.contains("The value 'csv' is invalid for '--format <format>'"), "\(result.stderr)")
    #expect(result.stdout.isEmpty)
  }

  @Test func parsesInProcess() async throws {
    let command = try PricesCommand.parse(["--model", "gpt-realtime-mini", "--at", "2025-11-01"])
    #expect(command.model == "gpt-realtime-mini")
    #expect(throws: (any Error).self) { try PricesCommand.parse(["--at", "yesterday"]) }
  }
}
