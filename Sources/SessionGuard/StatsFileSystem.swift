public import RealtimeEvents

#if canImport(Glibc)
  import Glibc
  private let systemRead = Glibc.read
  private let systemWrite = Glibc.write
#elseif canImport(Darwin)
  import Darwin
  private let systemRead = Darwin.read
  private let systemWrite = Darwin.write
#endif

/// A file-system failure, with the path and the system's reason (the type every rtcost file write uses).
public typealias StatsFileError = FileError

/// The file operations ``UsageStore`` needs, behind a protocol so tests can inject failures
/// (``InMemoryStatsFileSystem``, or ``POSIXStatsFileSystem`` with a failing rename step).
public protocol StatsFileSystem: Sendable {
  /// The file's bytes, or nil when it does not exist.
  func read(_ path: String) throws(StatsFileError) -> [UInt8]?
  /// Replaces the file atomically: write a temporary sibling, fsync it, run `beforeRename` (a run's
  /// other outputs are put in place there, so that the stats change last), rename it over `path`.
  /// On any failure, `beforeRename`'s included, the old file is left as it was.
  func replaceAtomically(
    _ path: String, with bytes: [UInt8], beforeRename: () throws(StatsFileError) -> Void
  ) throws(StatsFileError)
  /// Truncates and rewrites the file in place, as the seed did (not crash-safe).
  func overwriteInPlace(_ path: String, with bytes: [UInt8]) throws(StatsFileError)
  /// Runs `body` holding an exclusive lock that other processes writing the same file also take,
  /// whatever name (link, relative path) they use for it.
  func withExclusiveLock<T>(_ path: String, _ body: () throws(UsageStoreError) -> T) throws(UsageStoreError)
    -> T
}

extension StatsFileSystem {
  /// Replaces the file atomically with nothing else to put in place first.
  public func replaceAtomically(_ path: String, with bytes: [UInt8]) throws(StatsFileError) {
    try replaceAtomically(path, with: bytes, beforeRename: {})
  }
}

/// The real file system: POSIX `open`/`write`/`fsync`/`rename` through ``StagedFile``, and `flock`
/// on a `<real path>.lock` file.
///
/// The target is checked first (``FileTarget``): a symbolic link is followed (its target is
/// replaced, the link kept), the mode and owner are kept, and a read-only file, a hard-linked file,
/// a folder or a device is refused. The lock is taken on a separate lock file, named after the
/// file's real path (so two writers using a link and its target share it), because the atomic
/// rename replaces the stats file's inode: a lock held on the old inode would not exclude a writer
/// that opened the new one.
public struct POSIXStatsFileSystem: StatsFileSystem {
  /// The rename step of ``replaceAtomically(_:with:beforeRename:)``; injectable to simulate a crash
  /// between the write and the rename.
  public var renameStep: @Sendable (_ from: String, _ to: String) throws(StatsFileError) -> Void

  public init(
    renameStep: @escaping @Sendable (_ from: String, _ to: String) throws(StatsFileError) -> Void =
      POSIXStatsFileSystem.posixRename
  ) {
    self.renameStep = renameStep
  }

  /// `rename(2)`.
  public static let posixRename: @Sendable (String, String) throws(StatsFileError) -> Void = {
    (from: String, to: String) throws(StatsFileError) in
    try StagedFile.posixRename(from, to)
  }

  public func read(_ path: String) throws(StatsFileError) -> [UInt8]? {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else {
      if errno == ENOENT { return nil }
      throw StatsFileError(path: path, message: "cannot open: \(errorText())")
    }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = buffer.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw StatsFileError(path: path, message: "cannot read: \(errorText())")
      }
      if count == 0 { return bytes }
      bytes += buffer[0..<count]
      guard bytes.count <= UsageStats.maximumFileSize else {
        throw StatsFileError(
          path: path, message: "larger than \(UsageStats.maximumFileSize >> 20) MiB: not a stats file")
      }
    }
  }

  public func replaceAtomically(
    _ path: String, with bytes: [UInt8], beforeRename: () throws(StatsFileError) -> Void
  ) throws(StatsFileError) {
    let target = try Self.regularTarget(path)
    let staged = try StagedFile(target: target)
    try staged.write(bytes)
    try staged.seal()
    try beforeRename()
    try staged.commit(rename: renameStep)
  }

  public func overwriteInPlace(_ path: String, with bytes: [UInt8]) throws(StatsFileError) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw StatsFileError(path: path, message: "cannot open: \(errorText())") }
    defer { close(fd) }
    try Self.writeAll(fd, bytes, path: path)
  }

  public func withExclusiveLock<T>(_ path: String, _ body: () throws(UsageStoreError) -> T)
    throws(UsageStoreError) -> T
  {
    let target: FileTarget
    do { target = try Self.regularTarget(path) } catch { throw .io(error) }
    let lockPath = target.canonicalPath + ".lock"
    let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      throw .io(StatsFileError(path: lockPath, message: "cannot open the lock file: \(errorText())"))
    }
    defer { close(fd) }
    while flock(fd, LOCK_EX) != 0 {
      guard errno == EINTR else {
        throw .io(StatsFileError(path: lockPath, message: "cannot lock: \(errorText())"))
      }
    }
    defer { flock(fd, LOCK_UN) }
    return try body()
  }

  /// The checked target of a stats file: one that is read back must be a regular file (or missing).
  static func regularTarget(_ path: String) throws(StatsFileError) -> FileTarget {
    let target = try FileTarget.check(path)
    guard target.kind != .stream else {
      throw StatsFileError(path: path, message: "is a FIFO or device, not a stats file")
    }
    return target
  }

  static func split(_ path: String) -> (folder: String, name: String) {
    guard let slash = path.lastIndex(of: "/") else { return (".", path) }
    let folder = String(path[..<slash])
    return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
  }

  static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(StatsFileError) {
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress! + offset, $0.count - offset) }
      if written < 0 {
        if errno == EINTR { continue }
        throw StatsFileError(path: path, message: "cannot write: \(errorText())")
      }
      offset += written
    }
  }
}

private func errorText() -> String { String(cString: strerror(errno)) }
