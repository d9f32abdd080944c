import Foundation
import PackagePlugin

/// Compiles the files of a target's `Embedded/` folder into the target as Swift source.
///
/// Add the plugin to a target and put the files under `Sources/<Target>/Embedded/` (exclude that
/// folder from the target's sources); `Embedded` may also be a symbolic link to another folder. The plugin runs `EmbedResourcesTool`, which writes
/// `EmbeddedResources.swift` with an internal `enum EmbeddedResources`:
///
/// ```swift
/// EmbeddedResources.text(named: "prices.json")  // the file's exact UTF-8 text, or nil
/// EmbeddedResources.names                       // every embedded name, sorted
/// ```
///
/// Names are paths relative to `Embedded/` with `/` separators (`scenarios/home.yaml`). The text is
/// a raw multi-line string literal, so a binary needs no resource bundle at run time. Output is
/// deterministic: files are sorted by name and nothing else (dates, absolute paths) is written.
/// Only UTF-8 text without control characters other than tab and newline can be embedded; the
/// tool refuses anything else with an error that names the file.
@main
struct EmbedResources: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: any Target) async throws -> [Command] {
    // `Embedded` may be a symbolic link to a folder kept elsewhere in the repository (the bundled
    // scenarios live in `scenarios/`, where users name them); its files are embedded all the same.
    let folder = target.directoryURL.appendingPathComponent("Embedded", isDirectory: true)
      .resolvingSymlinksInPath()
    let inputs = try Self.files(under: folder)
    let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedResources.swift")
    let tool = try context.tool(named: "EmbedResourcesTool")
    return [
      .buildCommand(
        displayName: "Embedding \(inputs.count) resource file(s) into \(target.name)",
        executable: tool.url,
        arguments: [output.path, folder.path] + inputs.map(\.path),
        inputFiles: inputs, outputFiles: [output])
    ]
  }

  /// Every regular file below `folder`, sorted by path; none when the folder does not exist.
  static func files(under folder: URL) throws -> [URL] {
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    guard manager.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
      return []
    }
    guard let enumerator = manager.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
    else { return [] }
    var files: [URL] = []
    for case let url as URL in enumerator {
      let values = try url.resourceValues(forKeys: [.isRegularFileKey])
      if values.isRegularFile == true, !url.lastPathComponent.hasPrefix(".") { files.append(url) }
    }
    return files.sorted { $0.path < $1.path }
  }
}
