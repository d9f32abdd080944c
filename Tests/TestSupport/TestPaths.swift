public import Foundation

/// Paths the tests read, found from this file's location (works from any checkout or worktree).
public enum TestPaths {
  /// The package root: the folder holding Package.swift above this file.
  public static let packageRoot: URL = {
    var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while url.path != "/" {
      if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
        return url
      }
      url.deleteLastPathComponent()
    }
    fatalError("no Package.swift above \(#filePath)")
  }()

  /// A recording fixture, `fixtures/recordings/<name>`.
  public static func fixture(_ name: String) -> String {
    packageRoot.appendingPathComponent("fixtures/recordings").appendingPathComponent(name).path
  }

  /// A bundled scenario, `scenarios/<name>`.
  public static func scenario(_ name: String) -> String {
    packageRoot.appendingPathComponent("scenarios").appendingPathComponent(name).path
  }

  /// The bundled scenarios every whole-scenario test runs.
  public static let bundledScenarios = ["home-robot.yaml", "phone-agent.yaml", "kiosk-push-to-talk.yaml"]

  /// The project's generated WAV fixtures.
  public static let wavFixtures = packageRoot.appendingPathComponent("fixtures/wav")

  /// `../shared/realdata` beside the package root, else `/work/shared/realdata`; nil when neither
  /// exists (tests that need it are skipped then).
  public static let realData: URL? = {
    let candidates = [
      packageRoot.appendingPathComponent("../shared/realdata").standardizedFileURL,
      URL(fileURLWithPath: "/work/shared/realdata"),
    ]
    return candidates.first { FileManager.default.fileExists(atPath: $0.path) }
  }()

  /// Whether the shared real data is present.
  public static var hasRealData: Bool { realData != nil }

  /// A real capture, `realdata/streams/<name>`; nil without the real data.
  public static func stream(_ name: String) -> String? {
    realData?.appendingPathComponent("streams").appendingPathComponent(name).path
  }

  /// The bytes of `realdata/<relativePath>`.
  public static func realDataBytes(_ relativePath: String) throws -> Data {
    guard let realData else { throw CocoaError(.fileNoSuchFile) }
    return try Data(contentsOf: realData.appendingPathComponent(relativePath))
  }

  /// The files of `realdata/<folder>` sorted by name; empty when the folder is absent.
  public static func realDataFiles(_ folder: String) -> [URL] {
    guard let base = realData?.appendingPathComponent(folder),
      let names = try? FileManager.default.contentsOfDirectory(atPath: base.path)
    else { return [] }
    return names.sorted().map { base.appendingPathComponent($0) }
  }

  /// A new empty scratch folder under the system temporary folder.
  public static func scratchFolder(_ name: String = "test") throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("rtcost-tests-\(getpid())-\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
