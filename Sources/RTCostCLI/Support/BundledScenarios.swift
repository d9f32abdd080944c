internal import Foundation

/// Finds the scenarios bundled in the repository's `scenarios/` folder.
///
/// Looked up relative to the working directory first, then relative to the executable
/// (`.build/<config>/rtcost` → `../../scenarios`), so `rtcost forecast` works from the checkout
/// and from the build folder alike.
enum BundledScenarios {
  static func path(_ name: String) throws -> String {
    // Relative when found from the working directory, so reports name it the same on every machine.
    let relative = "scenarios/\(name)"
    if FileManager.default.fileExists(atPath: relative) { return relative }
    let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
    var candidates = [URL(fileURLWithPath: "scenarios/\(name)")]
    var folder = executable.deletingLastPathComponent()
    for _ in 0..<4 {
      candidates.append(folder.appendingPathComponent("scenarios/\(name)"))
      folder.deleteLastPathComponent()
    }
    if let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) {
      return found.path
    }
    throw CLIError(
      "cannot find the bundled scenario scenarios/\(name): run rtcost from the repository root or name a scenario file"
    )
  }
}
