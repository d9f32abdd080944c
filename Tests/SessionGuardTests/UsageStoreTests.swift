import Foundation
import RealtimeEvents
import SessionGuard
import TestSupport
import Testing

/// A fresh temporary folder for one test.
func temporaryFolder() -> String {
  let path = NSTemporaryDirectory() + "rtcost-store-\(UUID().uuidString)"
  try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

/// Totals of one response of 1,000 uncached text input tokens on gpt-realtime ($0.004).
func oneResponse() -> UsageTotals {
  var tracker = UsageTracker(configuration: UsageTracker.Configuration(priceCard: gptRealtime))
  tracker.startSession(at: 0)
  tracker.handle(done(usage(textIn: 1_000)), at: s(1))
  tracker.endSession(at: s(2))
  return tracker.run
}

let seedFile = """
  {"audio_input_seconds": 0, "audio_output_seconds": 12.5, "text_input_tokens": 4000,
   "text_output_tokens": 900, "total_sessions": 3, "total_duration_seconds": 0,
   "function_calls": 2, "estimated_cost_usd": 1.2345e-02}
  """

@Suite("UsageStore")
struct UsageStoreTests {
  @Test("a missing file loads as empty stats; record writes the superset, reloaded exactly")
  func roundTrip() throws {
    let folder = temporaryFolder()
    let store = UsageStore(path: folder + "/usage_stats.json")
    #expect(try store.load() == UsageStats())
    let written = try store.record(oneResponse())
    let reloaded = try store.load()
    #expect(reloaded == written)
    #expect(reloaded.meters?.billed == usd("0.004"))
    // 1,000 × $0.000005 = $0.005 by the seed's meter.
    #expect(
      UsageTracker.LifetimeStart(stats: reloaded) == .init(billed: usd("0.004"), seedEstimate: usd("0.005")))
    #expect(reloaded.textInputTokens == 1_000)
    #expect(reloaded.totalSessions == 1)
    #expect(reloaded.totalDurationSeconds == 2)
    let text = try String(contentsOfFile: store.path, encoding: .utf8)
    for key in UsageStats.seedKeys { #expect(text.contains("\"\(key)\"")) }
    #expect(text.contains("\"rtcost_stats_version\": 1"))
    #expect(text.contains("\"billed_cost_usd\": 0.004"))
  }

  @Test("a seed-written file is read, and its keys keep their meaning after a rewrite")
  func readsSeedFile() throws {
    let memory = InMemoryStatsFileSystem(files: ["/s.json": Array(seedFile.utf8)])
    let store = UsageStore(path: "/s.json", fileSystem: memory)
    let loaded = try store.load()
    #expect(loaded.version == 0)
    #expect(loaded.meters == nil)
    #expect(loaded.estimatedCostUSD == 0.012345)
    #expect(UsageTracker.LifetimeStart(stats: loaded) == .init(billed: .zero, seedEstimate: usd("0.012345")))
    let updated = try store.record(oneResponse())
    // Seed keys add up: 4,000 + 1,000 input tokens; 3 + 1 sessions; $0.012345 + $0.005 seed estimate.
    #expect(updated.textInputTokens == 5_000)
    #expect(updated.totalSessions == 4)
    #expect(abs(updated.estimatedCostUSD - 0.017345) < 1e-12)
    #expect(updated.audioOutputSeconds == 12.5)
    #expect(updated.meters?.billed == usd("0.004"))
    #expect(try store.load() == updated)
  }

  @Test("unknown extra keys survive a rewrite, in order and verbatim")
  func unknownKeysSurvive() throws {
    let memory = InMemoryStatsFileSystem(
      files: [
        "/s.json": Array(
          """
          {"audio_input_seconds": 0, "audio_output_seconds": 0, "text_input_tokens": 0,
           "text_output_tokens": 0, "total_sessions": 1, "total_duration_seconds": 0, "function_calls": 0,
           "estimated_cost_usd": 0,
           "robot_name": "Rosie", "calibration": {"gain": 1.25e0, "list": [1, 2.50]}}
          """.utf8)
      ])
    let store = UsageStore(path: "/s.json", fileSystem: memory)
    _ = try store.record(oneResponse())
    let text = memory.text("/s.json")!
    #expect(text.contains("\"robot_name\": \"Rosie\""))
    #expect(text.contains("\"gain\": 1.25e0"))
    #expect(text.contains("2.50"))
    #expect(text.range(of: "robot_name")!.lowerBound < text.range(of: "calibration")!.lowerBound)
    #expect(try store.load().extraKeys.map(\.key) == ["robot_name", "calibration"])
  }

  @Test("a corrupt file is refused with its line and column, and left untouched")
  func corruptRefused() throws {
    let corrupt = Array("{\n  \"total_sessions\": 3,\n  \"function_calls\": oops\n}\n".utf8)
    let memory = InMemoryStatsFileSystem(files: ["/s.json": corrupt])
    let store = UsageStore(path: "/s.json", fileSystem: memory)
    #expect(throws: UsageStoreError.self) { try store.record(oneResponse()) }
    do {
      _ = try store.load()
    } catch {
      #expect(error.description.hasPrefix("/s.json: not a valid stats file (line 3, column 21"))
      #expect(error.description.contains("left untouched"))
    }
    #expect(memory.contents("/s.json") == corrupt)
    #expect(memory.renames == 0)
  }

  @Test("wrong types, negative values, unknown versions and broken meters are refused by key")
  func invalidKeys() {
    let cases: [(String, String)] = [
      (#"{"text_input_tokens": "12"}"#, "key text_input_tokens: expected a whole number"),
      (#"{"total_sessions": 2.5}"#, "key total_sessions: expected a whole number, found 2.5"),
      (#"{"audio_output_seconds": -1}"#, "key audio_output_seconds: negative value -1"),
      (#"{"rtcost_stats_version": 2, "rtcost_meters": {}}"#, "unknown version 2"),
      (#"{"rtcost_stats_version": 1}"#, "key rtcost_meters: required by version 1 but missing"),
      (#"{"rtcost_meters": {}}"#, "key rtcost_meters: present without rtcost_stats_version"),
      (#"[1, 2]"#, "key (top level): expected a JSON object"),
      (#"{"rtcost_stats_version": 1, "rtcost_meters": {"billed_cost_usd": 1}}"#, "required but missing"),
    ]
    for (text, expected) in cases {
      let memory = InMemoryStatsFileSystem(files: ["/s.json": Array(text.utf8)])
      let store = UsageStore(path: "/s.json", fileSystem: memory)
      do {
        _ = try store.load()
        Issue.record("accepted \(text)")
      } catch {
        #expect(error.description.contains(expected), "\(error.description)")
        #expect(error.description.hasPrefix("/s.json: "))
      }
      #expect(memory.text("/s.json") == text)
    }
  }

  @Test("meters whose total disagrees with their parts are refused")
  func inconsistentMeters() throws {
    let memory = InMemoryStatsFileSystem()
    let store = UsageStore(path: "/s.json", fileSystem: memory)
    _ = try store.record(oneResponse())
    let tampered = memory.text("/s.json")!.replacingOccurrences(
      of: "\"billed_cost_usd\": 0.004", with: "\"billed_cost_usd\": 0.005")
    memory.setContents("/s.json", Array(tampered.utf8))
    #expect(throws: UsageStoreError.self) { try store.load() }
  }

  @Test("a failure between write and rename leaves the old file intact (real file system)")
  func renameFailure() throws {
    let folder = temporaryFolder()
    let path = folder + "/usage_stats.json"
    let good = UsageStore(path: path)
    _ = try good.record(oneResponse())
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    let failing = UsageStore(
      path: path,
      fileSystem: POSIXStatsFileSystem { (_: String, to: String) throws(StatsFileError) in
        throw StatsFileError(path: to, message: "simulated crash before rename")
      })
    #expect(throws: UsageStoreError.self) { try failing.record(oneResponse()) }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    // No temporary file is left behind (only the stats file and its lock file).
    let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    #expect(names == ["usage_stats.json", "usage_stats.json.lock"])
    #expect(try good.load().totalSessions == 1)
  }

  @Test("two writers at once do not lose an update (flock on the real file system)")
  func concurrentWriters() async throws {
    let path = temporaryFolder() + "/usage_stats.json"
    let perWriter = 40
    await withTaskGroup(of: Void.self) { group in
      for _ in 0..<2 {
        group.addTask {
          // Each writer has its own store value and its own lock file descriptor.
          let store = UsageStore(path: path)
          for _ in 0..<perWriter { _ = try! store.record(oneResponse()) }
        }
      }
    }
    let stats = try UsageStore(path: path).load()
    // 2 writers × 40 responses × $0.004 = $0.32, 80 sessions.
    #expect(stats.totalSessions == 80)
    #expect(stats.meters?.billed == usd("0.32"))
  }

  @Test(
    "defect 8: the seed's in-place save corrupts on a crash, loses concurrent updates, and chokes on unknown keys"
  )
  func defect8SeedPersistence() throws {
    // A crash while writing in place leaves half a file; the atomic write leaves the old one.
    let memory = InMemoryStatsFileSystem(files: ["/s.json": Array(seedFile.utf8)])
    let seedStore = UsageStore(path: "/s.json", mode: .seed, fileSystem: memory)
    var stats = try seedStore.load()
    stats.add(oneResponse(), mode: .seed)
    memory.crashNextInPlaceWrite(after: 40)
    #expect(throws: UsageStoreError.self) { try seedStore.saveSnapshot(stats) }
    #expect(throws: UsageStoreError.self) { try seedStore.load() }
    let realMemory = InMemoryStatsFileSystem(files: ["/s.json": Array(seedFile.utf8)])
    let realStore = UsageStore(path: "/s.json", fileSystem: realMemory)
    realMemory.failNextRename()
    #expect(throws: UsageStoreError.self) { try realStore.record(oneResponse()) }
    #expect(realMemory.text("/s.json") == seedFile)
    #expect(try realStore.load().totalSessions == 3)

    // Two seed processes: each loaded at start and saves its whole copy at session reset.
    let shared = InMemoryStatsFileSystem(files: ["/s.json": Array(seedFile.utf8)])
    let a = UsageStore(path: "/s.json", mode: .seed, fileSystem: shared)
    let b = UsageStore(path: "/s.json", mode: .seed, fileSystem: shared)
    var copyA = try a.load()
    var copyB = try b.load()
    copyA.add(oneResponse(), mode: .seed)
    copyB.add(oneResponse(), mode: .seed)
    try a.saveSnapshot(copyA)
    try b.saveSnapshot(copyB)
    // 3 sessions + 2 new ones should be 5; the seed keeps 4.
    #expect(try a.load().totalSessions == 4)

    // A key the seed does not know crashes its loader; the real store keeps it.
    let extra = seedFile.replacingOccurrences(
      of: #""function_calls": 2,"#, with: #""function_calls": 2, "robot_name": "Rosie","#)
    let withExtra = InMemoryStatsFileSystem(files: ["/s.json": Array(extra.utf8)])
    #expect(throws: UsageStoreError.seedUnknownKey(path: "/s.json", key: "robot_name")) {
      try UsageStore(path: "/s.json", mode: .seed, fileSystem: withExtra).load()
    }
    #expect(try UsageStore(path: "/s.json", fileSystem: withExtra).load().extraKeys.count == 1)
  }

  @Test("the seed writes its eight keys only")
  func seedWritesEightKeys() throws {
    let memory = InMemoryStatsFileSystem()
    let store = UsageStore(path: "/s.json", mode: .seed, fileSystem: memory)
    var stats = try store.load()
    stats.add(oneResponse(), mode: .seed)
    try store.saveSnapshot(stats)
    guard case .object(let members) = try StatsJSON.parse(memory.contents("/s.json")!) else {
      Issue.record("not an object")
      return
    }
    #expect(members.map(\.key) == UsageStats.seedKeys)
  }

  @Test("StatsJSON parses and re-renders strings, escapes and nesting; errors carry line and column")
  func statsJSON() throws {
    let value = try StatsJSON.parse(
      Array(#"{"a": "x\"y\u00e9\n", "b": [true, false, null, -1.5E+3], "c": {}}"#.utf8))
    #expect(value["a"] == .string("x\"yé\n"))
    #expect(value["b"] == .array([.bool(true), .bool(false), .null, .number("-1.5E+3")]))
    #expect(try StatsJSON.parse(Array(value.rendered().utf8)) == value)
    for bad in ["{", "{\"a\" 1}", "[1,]", "01x", "{\"a\": 1, \"a\": 2}", "\"\\q\"", "nul"] {
      #expect(throws: StatsJSON.ParseError.self) { try StatsJSON.parse(Array(bad.utf8)) }
    }
    do {
      _ = try StatsJSON.parse(Array("{\n\n  x".utf8))
    } catch {
      #expect(error.line == 3)
      #expect(error.column == 3)
    }
  }
}
