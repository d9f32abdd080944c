import Foundation
import TestSupport
import Testing

/// `rtcost import --from helicone|litellm|livekit`: the fixtures of fixtures/traffic/ imported,
/// written and replayed to their worked-out bills (fixtures/traffic/README.md).
@Suite struct ImportCommandTests {
  static func fixture(_ name: String) -> String {
    TestPaths.packageRoot.appendingPathComponent("fixtures/traffic").appendingPathComponent(name).path
  }

  @Test(arguments: [
    ("helicone", "helicone-session.json", "0.0103192"),
    ("litellm", "litellm-realtime-payload.json", "0.00475856"),
    ("livekit", "livekit/session_report.json", "0.102432"),
  ])
  func eachSourceImportsAndReplaysToItsBill(tool: String, name: String, bill: String) async throws {
    let folder = try TestPaths.scratchFolder("import-\(tool)")
    let output = folder.appendingPathComponent("\(tool).jsonl").path
    let result = await CommandRunner.run([
      "import", "--from", tool, Self.fixture(name), "-o", output, "--format", "json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("\"from\": \"\(tool)\""))
    #expect(result.stdout.contains("\"billed_usd\": \(bill)"))
    #expect(result.stdout.contains("\"limitations\": ["))
    let replay = await CommandRunner.run(["replay", output, "--format", "json"])
    #expect(replay.status == 0, "\(replay.stderr)")
    #expect(replay.stdout.contains(bill))
  }

  @Test func theTableSaysWhatTheSourceCouldNotSay() async throws {
    let folder = try TestPaths.scratchFolder("import-table")
    let output = folder.appendingPathComponent("bare.jsonl").path
    let result = await CommandRunner.run([
      "import", "--from", "litellm", Self.fixture("litellm-realtime-payload.json"), "-o", output,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("7 events, bare (no times), model gpt-realtime-mini-2025-10-06"))
    #expect(result.stdout.contains("billed $0.00475856"))
    #expect(result.stdout.contains("- no per-event times: pricing only"))
  }

  @Test func errorsAreOneLineAndLeaveNoFile() async throws {
    let folder = try TestPaths.scratchFolder("import-errors")
    let output = folder.appendingPathComponent("out.jsonl").path
    let audio = await CommandRunner.run([
      "import", "--from", "helicone", Self.fixture("helicone-session.json"), "-o", output, "--audio", "x.ogg",
    ])
    #expect(audio.status != 0)
    #expect(audio.stderr.contains("--audio is for --from livekit"))
    let suffix = await CommandRunner.run([
      "import", "--from", "helicone", Self.fixture("helicone-session.json"), "-o",
      folder.appendingPathComponent("x.json").path,
    ])
    #expect(suffix.stderr.contains("a recording ends in .jsonl"))
    let unknown = await CommandRunner.run(["import", "--from", "langfuse", "x.json", "-o", output])
    #expect(unknown.status != 0)
    #expect(unknown.stderr.contains("'helicone', 'litellm' or 'livekit'"))
    let wrongKind = await CommandRunner.run([
      "import", "--from", "livekit", Self.fixture("helicone-session.json"), "-o", output,
    ])
    #expect(wrongKind.status != 0)
    #expect(wrongKind.stderr.contains("helicone-session.json"))
    #expect(!FileManager.default.fileExists(atPath: output))
  }
}
