internal import Foundation
import Synchronization

/// A progress bar on standard error, drawn only when standard error is a terminal.
///
/// Reports stay byte-identical whether or not a bar was shown: the bar never touches stdout and is
/// silent in pipes, CI logs and tests.
final class ProgressBar: Sendable {
  private let total: Int
  private let label: String
  private let enabled: Bool
  private let lastDrawn = Mutex<Int>(-1)

  /// A bar for `total` units; `enabled` defaults to whether stderr is a TTY.
  init(total: Int, label: String, enabled: Bool = isatty(STDERR_FILENO) == 1) {
    self.total = max(1, total)
    self.label = label
    self.enabled = enabled
  }

  /// Redraws at whole-percent steps; safe to call from any thread.
  func update(_ done: Int) {
    guard enabled else { return }
    let percent = min(100, done * 100 / total)
    let shouldDraw = lastDrawn.withLock { last in
      guard percent > last else { return false }
      last = percent
      return true
    }
    guard shouldDraw else { return }
    let width = 30
    let filled = percent * width / 100
    let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
    FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(percent)% (\(done)/\(total))".utf8))
  }

  /// Ends the line so later stderr output starts clean.
  func finish() {
    guard enabled else { return }
    FileHandle.standardError.write(Data("\n".utf8))
  }
}
