import Foundation

/// Locates `../shared/realdata` beside the package root; tests that need it are skipped when absent.
enum RealData {
  static let root: URL? = {
    var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while folder.path != "/" {
      if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) { break }
      folder.deleteLastPathComponent()
    }
    for candidate in [
      folder.appendingPathComponent("../shared/realdata"), URL(fileURLWithPath: "/work/shared/realdata"),
    ]
    where FileManager.default.fileExists(atPath: candidate.path) {
      return candidate.standardizedFileURL
    }
    return nil
  }()

  static var isPresent: Bool { root != nil }

  static func data(_ relativePath: String) throws -> Data {
    try Data(contentsOf: root!.appendingPathComponent(relativePath))
  }
}
