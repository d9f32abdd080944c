import Foundation

/// Paths of the package's own files, found by walking up from this source file.
enum TestPaths {
  /// The package root (the folder holding Package.swift).
  static let packageRoot: URL = {
    var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while url.path != "/" {
      if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
        return url
      }
      url.deleteLastPathComponent()
    }
    fatalError("Package.swift not found above \(#filePath)")
  }()

  /// A bundled scenario file.
  static func scenario(_ name: String) -> String {
    packageRoot.appendingPathComponent("scenarios").appendingPathComponent(name).path
  }

  static let bundledScenarios = ["home-robot.yaml", "phone-agent.yaml", "kiosk-push-to-talk.yaml"]
}
