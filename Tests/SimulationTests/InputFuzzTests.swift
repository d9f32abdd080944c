import Billing
import Foundation
import RealtimeEvents
import SessionGuard
import Testing

@testable import Simulation

/// Issue 11, "a fuzz target over recordings, scenarios and stats files that finds no trap": the
/// project's own inputs mutated with a fixed-seed SplitMix64, a bounded number of times. Every
/// mutant either loads or throws the loader's typed error (the throwing functions are typed, so
/// "no other error" is checked by the compiler); a trap would end the test process. A scenario
/// that loads is also generated and simulated for an hour under the real guard, where the
/// overflow traps of the issue were.
@Suite struct InputFuzzTests {
  static let iterations = 400

  /// Values that broke loaders and engines before (huge, negative, fractional, not numbers).
  static let hostile = [
    "1e12", "-1", "9223372036854775807", "-9223372036854775808", "18446744073709551616", "0", "1e308",
    "nan", ".inf", "0.000001", "1e-300", "4.5e15", "100000", "1us", "0s", "~", "&a", "*a", "? [a]",
    "{a: 1}", "[1, [2]]", "\"\\u0000\"", "\u{7}",
  ]

  /// One mutation of `text`: a hostile value in place of a token, a deleted or inserted byte, a
  /// duplicated line or a truncation.
  static func mutate(_ text: String, _ random: inout SplitMix64) -> String {
    var bytes = Array(text.utf8)
    guard !bytes.isEmpty else { return text }
    let at = Int(random.next() % UInt64(bytes.count))
    switch random.next() % 6 {
    case 0, 1:
      // Replace the token (digits, letters, dots) around `at` with a hostile value.
      func isToken(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte) || byte == 46
          || byte == 95
      }
      var start = at
      var end = at
      while start > 0, isToken(bytes[start - 1]) { start -= 1 }
      while end < bytes.count, isToken(bytes[end]) { end += 1 }
      let value = hostile[Int(random.next() % UInt64(hostile.count))]
      bytes.replaceSubrange(start..<end, with: Array(value.utf8))
    case 2:
      bytes.remove(at: at)
    case 3:
      let inserts: [UInt8] = Array("{}[]:,&*?!-\n \"'#|>".utf8) + [0, 0xFF, 0x0D]
      bytes.insert(inserts[Int(random.next() % UInt64(inserts.count))], at: at)
    case 4:
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      let line = lines[Int(random.next() % UInt64(lines.count))]
      return text + "\n" + line
    default:
      bytes.removeSubrange(at...)
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  static func packageRoot() -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
  }

  @Test func mutatedScenariosLoadOrThrowAndLoadedOnesSimulate() throws {
    let root = Self.packageRoot().appendingPathComponent("scenarios")
    let corpus = try ["home-robot.yaml", "phone-agent.yaml", "kiosk-push-to-talk.yaml"].map { name in
      try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)
    }
    var random = SplitMix64(seed: 0x11_2026)
    var loaded = 0
    var refused = 0
    for iteration in 0..<Self.iterations {
      var text = corpus[iteration % corpus.count]
      for _ in 0..<(1 + random.next() % 3) { text = Self.mutate(text, &random) }
      do throws(ScenarioError) {
        var scenario = try ScenarioLoader.parse(text, file: "fuzz.yaml")
        loaded += 1
        scenario.horizon = min(scenario.horizon, 3_600_000_000)
        guard loaded % 8 == 0, let cards = try? scenario.priceCards(over: PriceBook.bundled) else { continue }
        let trace = WorldGenerator(scenario: scenario).generate()
        let stats = Simulator.run(
          scenario: scenario, trace: trace, policy: Simulator.Policy(settings: scenario.policy), cards: cards
        ) { _ in }
        #expect(stats.sessions >= 0)
      } catch {
        refused += 1
        #expect(
          !error.description.isEmpty && error.description.count < 600, "\(error.description.prefix(200))")
      }
    }
    #expect(loaded + refused == Self.iterations)
    #expect(loaded > 0 && refused > 0)
  }

  @Test func mutatedRecordingsReadOrThrowATypedError() throws {
    let folder = Self.packageRoot().appendingPathComponent("fixtures/recordings")
    let corpus = try [
      "function-call.jsonl", "barge-in.jsonl", "transcription.jsonl", "beta-bare-g711.jsonl",
      "bounds-cached-split.jsonl",
    ].map { name in try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) }
    var random = SplitMix64(seed: 0x11_2027)
    var read = 0
    var refused = 0
    for iteration in 0..<Self.iterations {
      var text = corpus[iteration % corpus.count]
      for _ in 0..<(1 + random.next() % 3) { text = Self.mutate(text, &random) }
      let reader = RecordingReader(bytes: Array(text.utf8), name: "fuzz.jsonl")
      do throws(RecordingError) {
        var summary = RecordingSummary()
        while let event = try reader.next() { summary.add(event) }
        read += 1
      } catch {
        refused += 1
        #expect(error.description.hasPrefix("fuzz.jsonl"))
      }
    }
    #expect(read + refused == Self.iterations)
    #expect(read > 0 && refused > 0)
  }

  @Test func mutatedStatsFilesDecodeOrThrowATypedError() {
    var totals = UsageStats()
    totals.textInputTokens = 1_234
    totals.estimatedCostUSD = 0.5
    let corpus = [totals.encoded(mode: .real), totals.encoded(mode: .seed)]
    // A large run (a thousand day-long sessions), added to every file that decodes.
    var run = UsageTotals()
    run.sessions = 1_000
    run.functionCalls = 1_000
    run.connectedMicros = 1_000 * 86_400_000_000
    run.inputAudioMicros = 1_000 * 86_400_000_000
    var random = SplitMix64(seed: 0x11_2028)
    var decoded = 0
    var refused = 0
    for iteration in 0..<Self.iterations {
      var text = corpus[iteration % corpus.count]
      for _ in 0..<(1 + random.next() % 3) { text = Self.mutate(text, &random) }
      let mode: GuardMode = iteration % 2 == 0 ? .real : .seed
      do throws(StatsJSON.ParseError) {
        let json = try StatsJSON.parse(Array(text.utf8))
        do throws(UsageStats.DecodingFailure) {
          var stats = try UsageStats(json: json, mode: mode)
          // A decoded file can take another run without overflowing.
          stats.add(run, mode: mode)
          decoded += 1
        } catch {
          refused += 1
          #expect(!error.key.isEmpty)
        }
      } catch {
        refused += 1
      }
    }
    #expect(decoded + refused == Self.iterations)
    #expect(decoded > 0 && refused > 0)
  }
}
