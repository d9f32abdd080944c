import Billing
import Foundation
import RealtimeEvents
import SessionGuard
import TestSupport
import Testing

/// The stats file users point rtcost at survives it: links, modes, locks per file, the seed's keys,
/// Python's exponent notation, and the list of recordings already added.
@Suite("UsageStore files")
struct UsageStoreFileTests {
  /// The seed's eight keys with `replacing` swapped in (or a key dropped with a nil value).
  func seedText(_ changes: [String: String?] = [:]) -> String {
    let values: [(String, String)] = [
      ("audio_input_seconds", "0"), ("audio_output_seconds", "12.5"), ("text_input_tokens", "4000"),
      ("text_output_tokens", "900"), ("total_sessions", "3"), ("total_duration_seconds", "0"),
      ("function_calls", "2"), ("estimated_cost_usd", "0.012345"),
    ]
    let members = values.compactMap { key, value -> String? in
      if let change = changes[key] { return change.map { "\"\(key)\": \($0)" } }
      return "\"\(key)\": \(value)"
    }
    return "{" + members.joined(separator: ", ") + "}"
  }

  @Test("two writers, one through a symlink, add to one file; the link is kept; one lock file")
  func symlinkedStats() async throws {
    let folder = temporaryFolder()
    let real = folder + "/usage_stats.json"
    let link = folder + "/link.json"
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "usage_stats.json")
    await withTaskGroup(of: Void.self) { group in
      for index in 0..<8 {
        let store = UsageStore(path: index.isMultiple(of: 2) ? real : link)
        group.addTask { _ = try? store.record(oneResponse()) }
      }
    }
    #expect(try UsageStore(path: real).load().totalSessions == 8)
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "usage_stats.json")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    #expect(names == ["link.json", "usage_stats.json", "usage_stats.json.lock"])
  }

  @Test("the stats file keeps its mode; a read-only one is refused and left alone")
  func modeAndReadOnly() throws {
    let folder = temporaryFolder()
    let path = folder + "/usage_stats.json"
    let store = UsageStore(path: path)
    _ = try store.record(oneResponse())
    chmod(path, 0o600)
    _ = try store.record(oneResponse())
    #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
    chmod(path, 0o400)
    let before = try String(contentsOfFile: path, encoding: .utf8)
    #expect(
      throws: UsageStoreError.io(
        FileError(path: path, message: "is read-only (mode 0400); rtcost does not replace it"))
    ) { try store.record(oneResponse()) }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == before)
  }

  @Test("a stats file missing a seed key is refused, naming the key")
  func missingSeedKey() throws {
    let text = seedText(["function_calls": String?.none])
    let memory = InMemoryStatsFileSystem(files: ["/s.json": Array(text.utf8)])
    #expect(
      throws: UsageStoreError.invalidKey(
        path: "/s.json", key: "function_calls",
        message: "required but missing (every stats file has the seed's eight keys)")
    ) { try UsageStore(path: "/s.json", fileSystem: memory).load() }
    #expect(memory.text("/s.json") == text)
  }

  @Test("money in exponent notation (Python's json.dump) is read exactly; finer than a picodollar is refused")
  func exponentMoney() throws {
    let memory = InMemoryStatsFileSystem()
    let store = UsageStore(path: "/s.json", fileSystem: memory)
    _ = try store.record(oneResponse())
    // What a Python app writes after json.load/json.dump: 0.004 stays, small floats get exponents.
    var text = memory.text("/s.json")!
    text = text.replacingOccurrences(of: "\"text_in\": 0.004", with: "\"text_in\": 4e-03")
    text = text.replacingOccurrences(of: "\"billed_cost_usd\": 0.004", with: "\"billed_cost_usd\": 4.0E-3")
    text = text.replacingOccurrences(of: "\"total_sessions\": 1", with: "\"total_sessions\": 1e0")
    memory.setContents("/s.json", Array(text.utf8))
    let stats = try store.load()
    // 4e-03 USD = 0.004 USD = 4,000,000,000 pUSD exactly.
    #expect(stats.meters?.billed == Money(picoUSD: 4_000_000_000))
    #expect(stats.totalSessions == 1)
    let finer = text.replacingOccurrences(
      of: "\"billed_cost_usd\": 4.0E-3", with: "\"billed_cost_usd\": 1.5e-13")
    memory.setContents("/s.json", Array(finer.utf8))
    #expect(
      throws: UsageStoreError.invalidKey(
        path: "/s.json", key: "rtcost_meters.billed_cost_usd",
        message: "1.5e-13 is not an exact amount in USD (at most 12 decimals, a whole number of picodollars)")
    ) { try store.load() }
  }

  @Test("the recordings already added are kept through a rewrite")
  func replayedList() throws {
    let memory = InMemoryStatsFileSystem()
    let store = UsageStore(path: "/s.json", fileSystem: memory)
    let digest = String(repeating: "ab", count: 32)
    _ = try store.update { (stats: inout UsageStats) throws(UsageStoreError) in
      stats.replayed.append(ReplayedRecording(sha256: digest, file: "call.jsonl"))
    }
    #expect(
      memory.text("/s.json")!.contains("\"rtcost_replayed\": [\n    {\n      \"sha256\": \"\(digest)\""))
    #expect(try store.load().replayed == [ReplayedRecording(sha256: digest, file: "call.jsonl")])
    let broken = memory.text("/s.json")!.replacingOccurrences(of: digest, with: "xyz")
    memory.setContents("/s.json", Array(broken.utf8))
    #expect(
      throws: UsageStoreError.invalidKey(
        path: "/s.json", key: "rtcost_replayed[0].sha256", message: "expected 64 lowercase hex digits")
    ) { try store.load() }
  }

  @Test("a failure before the stats are replaced leaves them as they were")
  func beforeReplacingFails() throws {
    let folder = temporaryFolder()
    let path = folder + "/usage_stats.json"
    let store = UsageStore(path: path)
    _ = try store.record(oneResponse())
    let before = try String(contentsOfFile: path, encoding: .utf8)
    #expect(throws: UsageStoreError.io(FileError(path: "/x", message: "refused"))) {
      _ = try store.update(
        { (stats: inout UsageStats) throws(UsageStoreError) in stats.add(oneResponse(), mode: .real) },
        beforeReplacing: { () throws(FileError) in throw FileError(path: "/x", message: "refused") })
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == before)
    let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    #expect(names == ["usage_stats.json", "usage_stats.json.lock"])
  }
}
