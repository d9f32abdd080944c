public import Foundation
public import Testing

/// Golden files for reports. A mismatch fails; re-record on purpose with
/// `RTCOST_RECORD_GOLDEN=1 swift test --filter <Suite>` and review the diff before committing.
public enum Golden {
  public static let folder = TestPaths.packageRoot.appendingPathComponent("Tests/RTCostCLITests/Golden")

  public static var recording: Bool { ProcessInfo.processInfo.environment["RTCOST_RECORD_GOLDEN"] == "1" }

  public static func check(
    _ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation
  )
    throws
  {
    let url = folder.appendingPathComponent(name)
    if recording {
      try text.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      Issue.record(
        "golden file \(name) is missing: record it with RTCOST_RECORD_GOLDEN=1",
        sourceLocation: sourceLocation)
      return
    }
    if expected != text {
      let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
      let actualLines = text.split(separator: "\n", omittingEmptySubsequences: false)
      let first =
        zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        ?? min(expectedLines.count, actualLines.count)
      Issue.record(
        """
        \(name) differs from the golden file at line \(first + 1):
          golden: \(first < expectedLines.count ? String(expectedLines[first]) : "<end>")
          actual: \(first < actualLines.count ? String(actualLines[first]) : "<end>")
        Re-record on purpose with RTCOST_RECORD_GOLDEN=1 and review the diff.
        """, sourceLocation: sourceLocation)
    }
  }
}
