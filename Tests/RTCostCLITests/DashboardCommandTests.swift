import ArgumentParser
import Billing
import Foundation
import RTCostCLI
import RealtimeEvents
import SessionGuard
import Testing

@Suite("rtcost dashboard")
struct DashboardCommandTests {
  func folder() -> String {
    let path = NSTemporaryDirectory() + "rtcost-dashboard-\(UUID().uuidString)"
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// A stats file written by rtcost's store: one gpt-realtime response with 10 s of audio.
  func rtcostFile() throws -> String {
    let path = folder() + "/usage_stats.json"
    let card = try PriceBook.bundled.card(for: "gpt-realtime-2025-08-28")
    var tracker = UsageTracker(configuration: UsageTracker.Configuration(priceCard: card))
    tracker.startSession(at: 0)
    tracker.handle(.outputAudioDelta(bytes: 480_000), at: 1_000_000)
    var counts = TokenCounts.zero
    counts.textIn = 100
    counts.textOut = 10
    counts.audioOut = 200
    tracker.handle(
      .responseDone(ResponseDone(status: .completed, usage: ResponseUsage(counts: counts))), at: 11_000_000)
    tracker.endSession(at: 65_000_000)
    _ = try UsageStore(path: path).record(tracker.takeUnsaved())
    return path
  }

  func write(_ text: String) -> String {
    let path = folder() + "/usage_stats.json"
    FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    return path
  }

  @Test("JSON: seed fields, real meters and the discrepancy (hand-computed)")
  func jsonReport() throws {
    let path = try rtcostFile()
    let text = try DashboardCommand.parse([path, "--format", "json"]).report()
    // Billed: 100 × $4/1M + 10 × $16/1M + 200 × $64/1M = 0.0004 + 0.00016 + 0.0128 = $0.01336.
    // Seed: 10 s × $0.00002222 + 100 × $0.000005 + 210 × $0.00002 = 0.0002222 + 0.0005 + 0.0042 = $0.0049222.
    // Difference 0.01336 − 0.0049222 = $0.0084378; ratio 0.01336 / 0.0049222 = 2.71423…
    #expect(text.contains(#""billed_usd": 0.01336"#))
    #expect(text.contains(#""seed_estimate_usd": 0.0049222"#))
    #expect(text.contains(#""difference_usd": 0.0084378"#))
    #expect(text.contains(#""ratio": 2.7142"#))
    #expect(text.contains(#""total_sessions": 1"#))
    #expect(text.contains(#""total_duration_seconds": 65"#))
    #expect(text.contains(#""audio_output_seconds": 10"#))
    #expect(text.contains(#""connected_seconds": 65"#))
    #expect(text.contains("seed-compatible"))
    #expect(text.contains(#""written_by": "rtcost (stats version 1)""#))
    // Same input, same bytes.
    #expect(try DashboardCommand.parse([path, "--format", "json"]).report() == text)
  }

  @Test("table: the seed's fields and, for a seed-written file, no real meters")
  func tableReports() throws {
    let rtcost = try DashboardCommand.parse([try rtcostFile()]).report()
    #expect(rtcost.contains("Real meters [real]"))
    #expect(rtcost.contains("audio_out           200  $0.012800"))
    #expect(rtcost.contains("Discrepancy: billed $0.013360 vs seed estimate $0.004922"))
    #expect(rtcost.contains("billed is 2.71× the estimate"))
    #expect(rtcost.contains("total duration         1m 05s"))
    let seedPath = write(
      #"{"audio_input_seconds": 0, "audio_output_seconds": 12.5, "text_input_tokens": 4000, "text_output_tokens": 900, "total_sessions": 3, "total_duration_seconds": 0, "function_calls": 2, "estimated_cost_usd": 0.0123}"#
    )
    let seed = try DashboardCommand.parse([seedPath]).report()
    #expect(seed.contains("written by the seed design (no rtcost meters)"))
    #expect(seed.contains("estimated cost      $0.012300"))
    #expect(seed.contains("No real meters"))
    let seedJSON = try DashboardCommand.parse([seedPath, "--format", "json"]).report()
    #expect(seedJSON.contains(#""real": null"#))
    #expect(seedJSON.contains(#""discrepancy": null"#))
    #expect(seedJSON.contains(#""audio_output_seconds": 12.5"#))
  }

  @Test("errors: missing, corrupt, unknown version, wrong type, bad format")
  func errors() throws {
    let missing = folder() + "/nope.json"
    #expect(
      throws: CLIError(
        "\(missing): no such stats file (pass the path of the usage_stats.json your app writes)")
    ) {
      try DashboardCommand.parse([missing]).report()
    }
    let corrupt = write("{\n  \"total_sessions\": 3,\n  oops\n}")
    do {
      _ = try DashboardCommand.parse([corrupt]).report()
      Issue.record("a corrupt file was accepted")
    } catch let error as CLIError {
      #expect(error.message.hasPrefix("\(corrupt): not a valid stats file (line 3, column 3"))
    }
    #expect(try String(contentsOfFile: corrupt, encoding: .utf8) == "{\n  \"total_sessions\": 3,\n  oops\n}")
    let future = write(#"{"rtcost_stats_version": 9, "rtcost_meters": {}}"#)
    do {
      _ = try DashboardCommand.parse([future]).report()
      Issue.record("an unknown version was accepted")
    } catch let error as CLIError {
      #expect(error.message.contains("key rtcost_stats_version: unknown version 9"))
    }
    let wrongType = write(#"{"function_calls": "two"}"#)
    do {
      _ = try DashboardCommand.parse([wrongType]).report()
      Issue.record("a wrong type was accepted")
    } catch let error as CLIError {
      #expect(error.message.hasPrefix("\(wrongType): key function_calls: expected a whole number"))
    }
    #expect(throws: (any Error).self) { try DashboardCommand.parse(["x.json", "--format", "csv"]) }
    let directory = folder()
    do {
      _ = try DashboardCommand.parse([directory]).report()
      Issue.record("a directory was accepted")
    } catch let error as CLIError {
      #expect(error.message.hasPrefix("\(directory): cannot read"))
    }
  }

  @Test("--help documents the default file and has examples")
  func help() {
    let help = DashboardCommand.helpMessage()
    #expect(help.contains("./usage_stats.json"))
    #expect(help.contains("Examples:"))
    #expect(help.contains("rtcost dashboard usage_stats.json --format json"))
  }
}
