#if canImport(Glibc)
  import Glibc
  private let systemRead = Glibc.read
  private let systemWrite = Glibc.write
#elseif canImport(Darwin)
  import Darwin
  private let systemRead = Darwin.read
  private let systemWrite = Darwin.write
#endif

/// A file-system failure, with the path and the system's reason.
public struct StatsFileError: Error, Sendable, Equatable, CustomStringConvertible {
  public var path: String
  public var message: String

  public init(path: String, message: String) {
    self.path = path
    self.message = message
  }

  public var description: String { "\(path): \(message)" }
}

/// The file operations ``UsageStore`` needs, behind a protocol so tests can inject failures
/// (``InMemoryStatsFileSystem``, or ``POSIXStatsFileSystem`` with a failing rename step).
public protocol StatsFileSystem: Sendable {
  /// The file's bytes, or nil when it does not exist.
  func read(_ path: String) throws(StatsFileError) -> [UInt8]?
  /// Replaces the file atomically: write a temporary sibling, fsync it, rename it over `path`.
  /// On any failure the old file is left as it was.
  func replaceAtomically(_ path: String, with bytes: [UInt8]) throws(StatsFileError)
  /// Truncates and rewrites the file in place, as the seed did (not crash-safe).
  func overwriteInPlace(_ path: String, with bytes: [UInt8]) throws(StatsFileError)
  /// Runs `body` holding an exclusive lock that other processes using the same path also take.
  func withExclusiveLock<T>(_ path: String, _ body: () throws(UsageStoreError) -> T) throws(UsageStoreError)
    -> T
}

/// The real file system: POSIX `open`/`write`/`fsync`/`rename`, and `flock` on a `<path>.lock` file.
///
/// The lock is taken on a separate lock file because the atomic rename replaces the stats file's
/// inode, so a lock held on the old inode would not exclude a writer that opened the new one.
public struct POSIXStatsFileSystem: StatsFileSystem {
  /// The rename step of ``replaceAtomically(_:with:)``; injectable to simulate a crash between the
  /// write and the rename.
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
    guard rename(from, to) == 0 else {
      throw StatsFileError(path: to, message: "cannot rename: \(errorText())")
    }
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

  public func replaceAtomically(_ path: String, with bytes: [UInt8]) throws(StatsFileError) {
    let (folder, name) = Self.split(path)
    let temp = folder + "/." + name + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL, 0o644)
    guard fd >= 0 else { throw StatsFileError(path: temp, message: "cannot create: \(errorText())") }
    do throws(StatsFileError) {
      try Self.writeAll(fd, bytes, path: temp)
      guard fsync(fd) == 0 else { throw StatsFileError(path: temp, message: "fsync failed: \(errorText())") }
    } catch {
      close(fd)
      unlink(temp)
      throw error
    }
    close(fd)
    do throws(StatsFileError) {
      try renameStep(temp, path)
    } catch {
      unlink(temp)
      throw error
    }
    // Make the rename itself durable; a failure here leaves the new file in place.
    let dirFD = open(folder, O_RDONLY)
    if dirFD >= 0 {
      _ = fsync(dirFD)
      close(dirFD)
    }
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
    let lockPath = path + ".lock"
    let fd = open(lockPath, O_RDWR | O_CREAT, 0o644)
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
