import ArgumentParser
import Foundation
import Testing

@testable import RTCostCLI

/// `rtcost audio`, run in-process on the project's generated WAV fixtures.
@Suite struct AudioCommandTests {
  /// The package root (the folder above this file that holds Package.swift) and its WAV fixtures.
  private static let packageRoot: URL = {
    var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
      url.deleteLastPathComponent()
    }
    return url
  }()

  private static func fixture(_ name: String) -> String {
    packageRoot.appendingPathComponent("fixtures/wav/\(name)").path
  }

  private static let realData: URL? = [
    packageRoot.appendingPathComponent("../shared/realdata").standardizedFileURL,
    URL(fileURLWithPath: "/work/shared/realdata"),
  ].first { FileManager.default.fileExists(atPath: $0.path) }

  /// Runs `rtcost audio ARGS --output <scratch file>` and returns the report text.
  private func run(_ arguments: [String]) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rtcost-audio-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = folder.appendingPathComponent("report.out").path
    let command = try AudioCommand.parse(arguments + ["--output", output])
    try command.run()
    return try String(contentsOfFile: output, encoding: .utf8)
  }

  private func json(_ arguments: [String]) throws -> [String: Any] {
    let text = try run(arguments + ["--format", "json"])
    return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  /// The number at `key` of `object`, as its exact JSON text.
  private func number(_ object: Any?, _ key: String) -> String? {
    guard let dictionary = object as? [String: Any], let value = dictionary[key] as? NSNumber else {
      return nil
    }
    return value.stringValue
  }

  @Test func jsonReportsSegmentsTokensAndBothMeters() throws {
    let report = try json([AudioCommandTests.fixture("speech-like-8k.wav")])
    #expect(report["model"] as? String == "gpt-realtime-2025-08-28")
    let file = try #require((report["files"] as? [[String: Any]])?.first)
    #expect(number(file, "frames") == "32000")
    #expect(number(file, "duration_s") == "4")
    #expect((file["segments"] as? [Any])?.count == 3)
    #expect(number(file, "committed_turns") == "3")
    // 11 + 7 + 7 tokens (worked out in VADFixtureTests).
    #expect(number(file, "input_audio_tokens") == "25")
    let cost = file["cost_usd"] as? [String: Any]
    // 25 tokens × $32 / 1M = $0.0008.
    #expect(number(cost, "input_audio") == "0.0008")
    // The seed never tracked input audio.
    #expect(number(cost, "seed_tracked") == "0")
    // 4 s × $0.00001111 = $0.00004444.
    let text = try run([AudioCommandTests.fixture("speech-like-8k.wav"), "--format", "json"])
    #expect(text.contains("\"seed_rate_if_tracked\": 0.00004444"))
    #expect(text.contains("\"input_audio\": 0.0008,"))
  }

  @Test func firstSegmentInJSON() throws {
    let text = try run([AudioCommandTests.fixture("speech-like-8k.wav"), "--format", "json"])
    let expected = [
      "\"start_s\": 0.4,", "\"end_s\": 1.2,", "\"prefix_padding_s\": 0.3,", "\"committed_at_s\": 1.4,",
      "\"billed_s\": 1.1,", "\"audio_tokens\": 11",
    ].map { String(repeating: " ", count: 10) + $0 }.joined(separator: "\n")
    #expect(text.contains(expected))
  }

  @Test func documentedSilenceDurationAndAnotherModel() throws {
    // 500 ms: 20 + 6 = 26 tokens; gpt-realtime-mini audio in $10 / 1M → 26 × $0.00001 = $0.00026.
    let report = try json([
      AudioCommandTests.fixture("speech-like-8k.wav"), "--silence-duration-ms", "500", "--model",
      "gpt-realtime-mini",
    ])
    let file = try #require((report["files"] as? [[String: Any]])?.first)
    #expect(number(file, "input_audio_tokens") == "26")
    #expect(number(file["cost_usd"], "input_audio") == "0.00026")
    #expect((report["model"] as? String)?.hasPrefix("gpt-realtime-mini-") == true)
    #expect(number(report["vad"], "silence_duration_ms") == "500")
  }

  @Test func totalsOverSeveralFiles() throws {
    // 25 + 15 tokens = 40 → 40 × $32 / 1M = $0.00128. Seed rate: 4 s and 2.6 s × $0.00001111
    // = $0.00004444 + $0.000028886 = $0.000073326.
    let text = try run([
      AudioCommandTests.fixture("speech-like-8k.wav"), AudioCommandTests.fixture("tone-bursts-24k.wav"),
      "--format", "json",
    ])
    let report = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    let total = report["total"] as? [String: Any]
    #expect(number(total, "files") == "2")
    #expect(number(total, "input_audio_tokens") == "40")
    #expect(number(total, "committed_turns") == "5")
    #expect(text.contains("\"input_audio\": 0.00128,"))
    #expect(text.contains("\"seed_rate_if_tracked\": 0.000073326"))
  }

  @Test func tableShowsTheSegmentsAndTheNotes() throws {
    let text = try run([
      AudioCommandTests.fixture("tone-bursts-24k.wav"), AudioCommandTests.fixture("noise-low-8k.wav"),
    ])
    #expect(text.contains("threshold 0.50 (≥ 15.0 dB over the noise floor and ≥ -50.0 dBFS)"))
    #expect(text.contains("Model gpt-realtime-2025-08-28: audio in $32.00 per 1M tokens"))
    #expect(text.contains("noise-low-8k.wav: WAV, 16-bit PCM, 8000 Hz, mono\n  no speech found"))
    #expect(text.contains("1      0.5      1       0.3             1.2       0.8       8"))
    #expect(text.contains("seed USD: the seed design never tracked input audio (defect 4)"))
    #expect(text.contains("\ntotal "))
  }

  @Test func warningsAreReported() throws {
    let text = try run([AudioCommandTests.fixture("truncated-data-8k.wav")])
    #expect(
      text.contains("warning: the data chunk claims 16000 bytes (8000 frames, 1 s) but the file holds 8001"))
  }

  @Test func sameInputSameBytes() throws {
    let arguments = [AudioCommandTests.fixture("speech-like-left-stereo-16k.wav"), "--format", "json"]
    #expect(try run(arguments) == run(arguments))
  }

  @Test func aRefusedFileFailsTheRunWithOneLineAndNoOutput() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rtcost-audio-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = folder.appendingPathComponent("report.json").path
    let bad = AudioCommandTests.fixture("invalid-float32.wav")
    let command = try AudioCommand.parse([
      AudioCommandTests.fixture("speech-like-8k.wav"), bad, "--format", "json", "--output", output,
    ])
    let error = #expect(throws: CLIError.self) { try command.run() }
    #expect(error?.message == "\(bad): WAV with 32-bit float samples; rtcost reads 16-bit PCM WAV only")
    #expect(!FileManager.default.fileExists(atPath: output))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
  }

  @Test(arguments: [
    ("invalid-pcm8.wav", "WAV with 8-bit PCM samples"), ("invalid-ulaw.wav", "WAV with G.711 μ-law samples"),
    ("invalid-text.wav", "not a WAV file"), ("invalid-truncated-header.wav", "truncated WAV"),
    ("invalid-empty.wav", "empty file (0 bytes)"), ("no-such-file.wav", "cannot open the file"),
  ])
  func everyRefusalNamesTheFileAndFormat(name: String, reason: String) throws {
    let path = AudioCommandTests.fixture(name)
    let command = try AudioCommand.parse([path])
    let error = #expect(throws: CLIError.self) { try command.run() }
    #expect(error?.message.hasPrefix("\(path): \(reason)") == true, "\(error?.message ?? "")")
  }

  @Test(.enabled(if: AudioCommandTests.realData != nil, "needs ../shared/realdata"))
  func fuzzerCrashFilesAreRefusedNotCrashed() throws {
    let folder = AudioCommandTests.realData!.appendingPathComponent("wav-invalid")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
      $0.contains("fuzz")
    }.sorted()
    #expect(names.count == 3)
    for name in names {
      let command = try AudioCommand.parse([folder.appendingPathComponent(name).path])
      let error = #expect(throws: CLIError.self) { try command.run() }
      #expect(error?.message.contains("WAV") == true)
    }
  }

  @Test func badOptionsAreRefusedBeforeAnyWork() {
    let file = AudioCommandTests.fixture("speech-like-8k.wav")
    for (arguments, message) in [
      ([file, "--threshold", "1.5"], "--threshold must be between 0 and 1, got 1.5"),
      ([file, "--silence-duration-ms", "0"], "--silence-duration-ms must be between 1 and 3600000, got 0"),
      ([file, "--prefix-padding-ms=-5"], "--prefix-padding-ms must be between 0 and 3600000, got -5"),
      (
        [file, "--format", "csv"],
        "The value 'csv' is invalid for '--format <format>'. Please provide one of 'table' and 'json'."
      ),
      ([], "give at least one WAV file"),
    ] {
      do {
        _ = try AudioCommand.parse(arguments)
        Issue.record("\(arguments) parsed")
      } catch {
        #expect(AudioCommand.message(for: error) == message, "\(arguments)")
      }
    }
  }

  @Test func unknownModelNamesCloseOnes() throws {
    let command = try AudioCommand.parse([
      AudioCommandTests.fixture("speech-like-8k.wav"), "--model", "gpt-realtme",
    ])
    let error = #expect(throws: CLIError.self) { try command.run() }
    #expect(error?.message.contains("gpt-realtime") == true)
  }

  @Test func helpHasExamples() {
    let help = AudioCommand.helpMessage()
    #expect(help.contains("Examples:"))
    #expect(help.contains("rtcost audio room.wav"))
    #expect(help.contains("--silence-duration-ms"))
  }
}
