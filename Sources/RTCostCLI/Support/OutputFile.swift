public import Foundation
internal import SessionGuard

/// Writes a report to standard output or, atomically, to a file.
///
/// A file is replaced the way the usage stats file is (``POSIXStatsFileSystem/replaceAtomically(_:with:)``:
/// temporary sibling, fsync, rename, fsync of the folder), so a failed run never leaves half a
/// report behind.
public enum OutputFile {
  /// Writes `text` to `path` atomically, or to standard output when `path` is nil or `-`.
  public static func write(_ text: String, to path: String?) throws {
    guard let path, path != "-" else {
      Console.current.out(text)
      return
    }
    do {
      try POSIXStatsFileSystem().replaceAtomically(path, with: Array(text.utf8))
    } catch {
      throw CLIError(error.description)
    }
  }
}
