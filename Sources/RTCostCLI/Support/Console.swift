internal import ArgumentParser
internal import Foundation

/// Where commands print: the process's standard output and error, or, in tests, buffers.
///
/// Commands print through ``current`` (a task-local value), so a test runs a command in-process with
/// a capturing console and reads what it printed, while other tests run in parallel.
public struct Console: Sendable {
  /// Writes text meant for standard output.
  public var out: @Sendable (String) -> Void
  /// Writes text meant for standard error.
  public var err: @Sendable (String) -> Void

  public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void) {
    self.out = out
    self.err = err
  }

  /// The process's standard output and error.
  public static let standard = Console(
    out: { FileHandle.standardOutput.write(Data($0.utf8)) },
    err: { FileHandle.standardError.write(Data($0.utf8)) })

  /// The console commands print to in this task.
  @TaskLocal public static var current = Console.standard

  /// One warning line on standard error: `warning: <message>`.
  func warn(_ message: String) { err("warning: \(message)\n") }
}

extension RTCostCommand {
  /// Parses `arguments` (without the program name) and runs the command they name, printing
  /// through ``Console/current``; returns the exit status (0, or a code below 128).
  ///
  /// The executable's `main` is this function, so a test that calls it runs exactly what a user
  /// runs, in-process.
  public static func run(arguments: [String]) async -> Int32 {
    let console = Console.current
    do {
      var command = try parseAsRoot(arguments)
      if var asyncCommand = command as? any AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
      return 0
    } catch {
      let code = exitCode(for: error)
      let message = fullMessage(for: error)
      if code == .success {
        if !message.isEmpty { console.out(message + "\n") }
      } else {
        console.err(message + "\n")
      }
      return code.rawValue
    }
  }
}
