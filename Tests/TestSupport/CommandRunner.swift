public import Foundation
import RTCostCLI
import Synchronization

/// Runs `rtcost` commands in-process, exactly as the executable runs them
/// (`RTCostCommand.run(arguments:)`), and captures what they print.
public enum CommandRunner {
  /// What a command printed and its exit status.
  public struct Result: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
  }

  /// Runs `rtcost ARGUMENTS`; relative paths are taken from the package root (the tests' working
  /// folder), so pass absolute paths when it matters.
  public static func run(_ arguments: [String]) async -> Result {
    let out = Mutex("")
    let err = Mutex("")
    let console = Console(
      out: { text in out.withLock { $0 += text } }, err: { text in err.withLock { $0 += text } })
    let status = await Console.$current.withValue(console) {
      await RTCostCommand.run(arguments: arguments)
    }
    return Result(status: status, stdout: out.withLock { $0 }, stderr: err.withLock { $0 })
  }
}
