import ArgumentParser
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

  @Test func noHelpNamesTheDesignNote() {
    for command in Self.commands(RTCostCommand.self) {
      let help = command.helpMessage(columns: 200)
      #expect(!help.contains("DESIGN"), "\(command.configuration.commandName ?? "rtcost")")
    }
  }
}
