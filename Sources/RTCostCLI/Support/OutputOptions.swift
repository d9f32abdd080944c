public import ArgumentParser
internal import Foundation

/// `--format` and `--output` of a command that writes one report; `Format` lists the formats the
/// command writes, so `--help` shows only those.
public struct OutputOptions<Format: ExpressibleByArgument & CaseIterable & RawRepresentable & Sendable>:
  ParsableArguments
where Format.RawValue == String {
  @Option(name: .long, help: ArgumentHelp("The report's format.", valueName: "format"))
  var format: Format = Format.allCases.first!

  @Option(
    name: .shortAndLong,
    help: ArgumentHelp(
      "Write the report to this file (atomically, only when the run succeeds) instead of standard output.",
      valueName: "file"))
  var output: String?

  public init() {}

  /// Refuses, before the run, an `--output` whose folder does not exist.
  public func validate() throws { try OutputFolder.check(output, option: "--output") }

  /// Writes the report to `--output` or standard output.
  func write(_ text: String) throws { try OutputFile.write(text, to: output) }
}

/// `--html FILE`: a self-contained HTML report beside the main one.
public struct HTMLOption: ParsableArguments {
  @Option(
    name: .long, help: ArgumentHelp("Also write a self-contained HTML report with charts.", valueName: "file")
  )
  var html: String?

  public init() {}

  /// Refuses, before the run, an `--html` whose folder does not exist.
  public func validate() throws { try OutputFolder.check(html, option: "--html") }
}

/// The check every output option makes before a run: the file's folder exists and is a folder.
enum OutputFolder {
  /// Throws one line naming the option and the path the user typed.
  static func check(_ path: String?, option: String) throws {
    guard let path, path != "-" else { return }
    let folder = (path as NSString).deletingLastPathComponent
    guard !folder.isEmpty else { return }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else {
      throw ValidationError("\(option) \(path): the folder \(folder) does not exist")
    }
    guard isDirectory.boolValue else {
      throw ValidationError("\(option) \(path): \(folder) is not a folder")
    }
  }
}
