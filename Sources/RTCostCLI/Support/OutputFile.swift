internal import Foundation
internal import RealtimeEvents

/// Writes a report to standard output or, atomically, to a file.
///
/// A file is checked (``RealtimeEvents/FileTarget``) and replaced the way the usage stats file is
/// (``RealtimeEvents/StagedFile``: temporary sibling, fsync, rename, fsync of the folder), so a
/// failed run never leaves half a report behind. A run with several outputs uses ``OutputPlan``.
public enum OutputFile {
  /// Writes `text` to `path` atomically, or to standard output when `path` is nil or `-`.
  public static func write(_ text: String, to path: String?) throws {
    let plan = try OutputPlan.check([("--output", path)])
    try plan.commit([(path, text)])
  }
}
