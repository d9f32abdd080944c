import Foundation
import Testing

/// Runs the built `rtcost` binary as a user would and captures what it prints.
enum CommandRunner {
  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static let packageRoot: URL = {
    var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while folder.path != "/" {
      if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
        return folder
      }
      folder.deleteLastPathComponent()
    }
    return folder
  }()

  /// The `rtcost` executable next to this test bundle (SwiftPM builds it for `swift test`).
  static let executable: URL = {
    let bundle = Bundle.main.bundleURL
    for candidate in [
      bundle.appendingPathComponent("rtcost"),
      bundle.deletingLastPathComponent().appendingPathComponent("rtcost"),
    ]
    where FileManager.default.isExecutableFile(atPath: candidate.path) {
      return candidate
    }
    return packageRoot.appendingPathComponent(".build/debug/rtcost")
  }()

  static func run(_ arguments: [String], in directory: URL? = nil) throws -> Result {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory ?? packageRoot
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }
}
