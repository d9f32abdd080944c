import Synchronization

/// An in-memory ``StatsFileSystem`` for tests, with failures that can be injected.
///
/// In the spirit of swift-log's `InMemoryLogHandler`: the same protocol as the real file system,
/// state that a test can read back, and no disk.
public final class InMemoryStatsFileSystem: StatsFileSystem {
  private struct State {
    var files: [String: [UInt8]] = [:]
    var failNextRename = false
    var crashNextInPlaceWriteAfter: Int?
    var renames = 0
  }

  private let state = Mutex(State())
  private let lock = Mutex(())

  public init(files: [String: [UInt8]] = [:]) {
    state.withLock { $0.files = files }
  }

  /// The file's current bytes.
  public func contents(_ path: String) -> [UInt8]? { state.withLock { $0.files[path] } }

  /// The file's current text.
  public func text(_ path: String) -> String? { contents(path).map { String(decoding: $0, as: UTF8.self) } }

  /// Sets a file's bytes.
  public func setContents(_ path: String, _ bytes: [UInt8]?) { state.withLock { $0.files[path] = bytes } }

  /// Paths of every file, sorted.
  public var paths: [String] { state.withLock { $0.files.keys.sorted() } }

  /// Completed renames (atomic replacements).
  public var renames: Int { state.withLock { $0.renames } }

  /// Makes the next atomic replacement fail after the temporary file is written, before the rename
  /// (a crash or a full disk at the worst moment).
  public func failNextRename() { state.withLock { $0.failNextRename = true } }

  /// Makes the next in-place overwrite stop after `bytes` bytes and fail (a crash mid-write).
  public func crashNextInPlaceWrite(after bytes: Int) {
    state.withLock { $0.crashNextInPlaceWriteAfter = bytes }
  }

  public func read(_ path: String) throws(StatsFileError) -> [UInt8]? { contents(path) }

  public func replaceAtomically(
    _ path: String, with bytes: [UInt8], beforeRename: () throws(StatsFileError) -> Void
  ) throws(StatsFileError) {
    let temp = path + ".tmp"
    try beforeRename()
    let failed: Bool = state.withLock { state in
      state.files[temp] = bytes
      if state.failNextRename {
        state.failNextRename = false
        state.files[temp] = nil
        return true
      }
      state.files[path] = bytes
      state.files[temp] = nil
      state.renames += 1
      return false
    }
    if failed { throw StatsFileError(path: path, message: "simulated failure between write and rename") }
  }

  public func overwriteInPlace(_ path: String, with bytes: [UInt8]) throws(StatsFileError) {
    let crashed: Bool = state.withLock { state in
      if let limit = state.crashNextInPlaceWriteAfter {
        state.crashNextInPlaceWriteAfter = nil
        state.files[path] = Array(bytes.prefix(limit))
        return true
      }
      state.files[path] = bytes
      return false
    }
    if crashed { throw StatsFileError(path: path, message: "simulated crash during an in-place write") }
  }

  public func withExclusiveLock<T>(_ path: String, _ body: () throws(UsageStoreError) -> T)
    throws(UsageStoreError) -> T
  {
    lock._unsafeLock()
    defer { lock._unsafeUnlock() }
    return try body()
  }
}
