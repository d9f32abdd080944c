import Foundation
import RealtimeEvents
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The `rtcost` binary built beside the test bundle (`swift build --build-tests` builds both), else
/// the package's debug build.
private let rtcostBinary: String? = {
  var candidates: [String] = []
  if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
    candidates.append(
      URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("rtcost").path)
  }
  candidates.append(TestPaths.packageRoot.appendingPathComponent(".build/debug/rtcost").path)
  return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
}()

/// Issue 11 item 12: a real process killed with SIGKILL while it writes `--emit-events` leaves its
/// target as it was, and the next rtcost write into the folder removes the temporary file it left.
@Suite struct KillDuringWriteTests {
  static let previous = "the previous contents, which a killed run must not touch\n"

  /// The temporary files in `folder` (`.NAME.rtcost-tmp-PID-N`) with their sizes.
  static func temporaryFiles(in folder: URL) -> [(name: String, size: Int)] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.contains(StagedFile.marker) }.sorted().map { name in
      let attributes = try? FileManager.default.attributesOfItem(
        atPath: folder.appendingPathComponent(name).path)
      return (name, (attributes?[.size] as? Int) ?? 0)
    }
  }

  static func start(_ arguments: [String]) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: rtcostBinary!)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
  }

  /// Waits, without blocking a thread of the cooperative pool, until `done` or `seconds` pass.
  static func poll(seconds: Double, until done: () -> Bool) async throws {
    let deadline = Date().addingTimeInterval(seconds)
    while !done(), Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
  }

  @Test(.enabled(if: rtcostBinary != nil, "needs the built rtcost binary"))
  func aKilledEmitLeavesTheTargetAndTheNextWriteSweepsItsTemporaryFile() async throws {
    let folder = try TestPaths.scratchFolder("kill-during-write")
    defer { try? FileManager.default.removeItem(at: folder) }
    let target = folder.appendingPathComponent("day.jsonl")
    try Self.previous.write(to: target, atomically: true, encoding: .utf8)

    // Six always-on hours are about 1.4 GB of base64: far more than is written before the kill.
    let writer = try Self.start([
      "simulate", "--horizon", "6h", "--idle-timeout", "2m", "--activity", "seed", "--emit-events",
      target.path,
    ])
    let prefix = ".day.jsonl\(StagedFile.marker)\(writer.processIdentifier)-"
    // Polled, not slept: a loaded machine may take a while to start writing.
    try await Self.poll(seconds: 120) {
      !writer.isRunning
        || Self.temporaryFiles(in: folder).contains { $0.name.hasPrefix(prefix) && $0.size >= 1 << 20 }
    }
    try #require(writer.isRunning, "the run ended before it had written 1 MiB")
    kill(writer.processIdentifier, SIGKILL)
    try await Self.poll(seconds: 60) { !writer.isRunning }
    try #require(!writer.isRunning)
    #expect(writer.terminationReason == .uncaughtSignal)
    #expect(writer.terminationStatus == SIGKILL)

    // The kill left the partial temporary file and the target as it was.
    let left = Self.temporaryFiles(in: folder)
    #expect(left.count == 1)
    #expect(left.first?.name.hasPrefix(prefix) == true)
    #expect(try String(contentsOf: target, encoding: .utf8) == Self.previous)

    // The next write into the folder removes the dead writer's temporary file and replaces the target.
    let again = try Self.start([
      "simulate", "--horizon", "30s", "--idle-timeout", "2m", "--activity", "seed", "--emit-events",
      target.path,
    ])
    try await Self.poll(seconds: 120) { !again.isRunning }
    try #require(!again.isRunning)
    #expect(again.terminationStatus == 0)
    #expect(Self.temporaryFiles(in: folder).isEmpty)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["day.jsonl"])
    let (events, _) = try RecordingReader.readAll(path: target.path)
    #expect(events.first?.event.typeName == "session.created")
    #expect(events.last?.time == 30_000_000)
    #expect(events.last?.event.typeName == "local.session_closed")
  }
}
