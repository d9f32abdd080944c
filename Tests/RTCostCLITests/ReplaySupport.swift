import Foundation
import TestSupport
import Testing

@testable import RTCostCLI

/// Runs `rtcost replay` in-process and reads what it wrote.
enum ReplayHarness {
  static func fixture(_ name: String) -> String {
    TestPaths.packageRoot.appendingPathComponent("fixtures/recordings/\(name)").path
  }

  static let realData: URL? = [
    TestPaths.packageRoot.appendingPathComponent("../shared/realdata").standardizedFileURL,
    URL(fileURLWithPath: "/work/shared/realdata"),
  ].first { FileManager.default.fileExists(atPath: $0.path) }

  static func stream(_ name: String) -> String? {
    realData?.appendingPathComponent("streams/\(name)").path
  }

  /// A fresh scratch folder.
  static func scratch() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rtcost-replay-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  /// `rtcost replay ARGS --output <scratch>`: the report text.
  static func run(_ arguments: [String]) throws -> String {
    let folder = try scratch()
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = folder.appendingPathComponent("report.out").path
    var command = try ReplayCommand.parse(arguments + ["--output", output])
    try command.validate()
    try command.run()
    return try String(contentsOfFile: output, encoding: .utf8)
  }

  static func json(_ arguments: [String]) throws -> [String: Any] {
    let text = try run(arguments + ["--format", "json"])
    return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  /// The value at a dotted path (`cost_usd.total`, `idle.timeline`).
  static func value(_ object: Any?, _ path: String) -> Any? {
    var current = object
    for key in path.split(separator: ".") { current = (current as? [String: Any])?[String(key)] }
    return current
  }

  /// The number at a dotted path as its JSON text.
  static func number(_ object: Any?, _ path: String) -> String? {
    (value(object, path) as? NSNumber)?.stringValue
  }
}
