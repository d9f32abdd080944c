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
}
