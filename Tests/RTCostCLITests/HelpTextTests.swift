import ArgumentParser
import Foundation
import TestSupport
import Testing

@testable import RTCostCLI

/// Issue 11 item 16: help text that pastes. Every example fits an 80-column terminal (the
/// argument parser wraps longer lines mid-command), and no user-facing text points to a design
/// note that is not in the repository.
@Suite struct HelpTextTests {
  static func commands(_ root: any ParsableCommand.Type) -> [any ParsableCommand.Type] {
    [root] + root.configuration.subcommands.flatMap { commands($0) }
  }

  @Test func everyExampleFitsEightyColumns() {
    var long: [String] = []
    for command in Self.commands(RTCostCommand.self) {
      let help = command.helpMessage(columns: 200)
      for line in help.split(separator: "\n")
      where line.hasPrefix("  rtcost ") {
        if line.count > 80 { long.append(String(line)) }
      }
    }
    #expect(long == [])
  }

  /// The README and docs/ point to docs/sources.md for the facts modelled, not to the design note.
  @Test func noDocumentNamesTheDesignNote() throws {
    let docs = TestPaths.packageRoot.appendingPathComponent("docs")
    let names = try FileManager.default.contentsOfDirectory(atPath: docs.path).filter { $0.hasSuffix(".md") }
    #expect(names.contains("sources.md"))
    for url in [TestPaths.packageRoot.appendingPathComponent("README.md")]
      + names.sorted().map({ docs.appendingPathComponent($0) })
    {
      let text = try String(contentsOf: url, encoding: .utf8)
      #expect(!text.contains("DESIGN §"), "\(url.lastPathComponent)")
    }
  }

  @Test func noHelpNamesTheDesignNote() {
    for command in Self.commands(RTCostCommand.self) {
      let help = command.helpMessage(columns: 200)
      #expect(!help.contains("DESIGN"), "\(command.configuration.commandName ?? "rtcost")")
    }
  }
}
