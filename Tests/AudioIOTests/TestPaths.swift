import Foundation

/// Paths the tests read: the package root, the shared real data (when present), a scratch folder.
enum TestPaths {
  /// The package root, found by walking up from this file to the folder holding Package.swift.
  static let packageRoot: URL = {
    var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while url.path != "/" {
      if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
        return url
      }
      url.deleteLastPathComponent()
    }
    fatalError("no Package.swift above \(#filePath)")
  }()

  /// `../shared/realdata` beside the package root, else `/work/shared/realdata`; nil when neither exists.
  static let realData: URL? = {
    let candidates = [
      packageRoot.appendingPathComponent("../shared/realdata").standardizedFileURL,
      URL(fileURLWithPath: "/work/shared/realdata"),
    ]
    return candidates.first { FileManager.default.fileExists(atPath: $0.path) }
  }()

  /// The files of `realdata/<folder>` sorted by name; empty when the folder is absent.
  static func realDataFiles(_ folder: String) -> [URL] {
    guard let base = realData?.appendingPathComponent(folder),
      let names = try? FileManager.default.contentsOfDirectory(atPath: base.path)
    else { return [] }
    return names.sorted().map { base.appendingPathComponent($0) }
  }

  /// The project's own generated fixtures.
  static let fixtures = packageRoot.appendingPathComponent("fixtures/wav")

  /// A new empty scratch folder under the system temporary folder.
  static func scratchFolder(_ name: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("rtcost-audio-tests-\(getpid())-\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
