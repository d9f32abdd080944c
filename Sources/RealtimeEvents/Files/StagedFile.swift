import Synchronization

#if canImport(Glibc)
  import Glibc
  private let systemWrite = Glibc.write
  private let systemRename = Glibc.rename
#elseif canImport(Darwin)
  import Darwin
  private let systemWrite = Darwin.write
  private let systemRename = Darwin.rename
#endif

/// The new contents of one ``FileTarget``, written beside it and put in place by ``commit(rename:)``.
///
/// A regular or missing target is staged in `.NAME.rtcost-tmp-PID-N` in the target's real folder,
/// locked with `flock` for as long as this process holds it, so that ``StaleTempFiles`` can tell a
/// temporary file whose writer died (kill -9, power loss) from one being written, and remove it on
/// the next write into that folder. ``seal()`` syncs it and gives it the old file's mode (and owner
/// and group where permitted); ``commit(rename:)`` renames it over the target and syncs the folder.
/// A staged file dropped without a commit is removed. A stream target (FIFO, character device) is
/// opened and written directly; its commit only closes it.
public final class StagedFile {
  public let target: FileTarget
  /// The temporary file; nil for a stream target.
  public let temporaryPath: String?
  private var fd: Int32
  private var sealed = false
  private var done = false

  /// The marker in every temporary file's name.
  public static let marker = ".rtcost-tmp-"
  private static let counter = Atomic<Int>(0)

  /// Creates the temporary file (after removing stale ones in the folder), or opens a stream.
  public init(target: FileTarget) throws(FileError) {
    self.target = target
    if target.kind == .stream {
      temporaryPath = nil
      fd = open(target.resolvedPath, O_WRONLY | O_CLOEXEC)
      guard fd >= 0 else { throw FileError.system(target.path, "cannot open for writing") }
      return
    }
    StaleTempFiles.sweep(folder: target.folder)
    var opened: (path: String, fd: Int32)?
    for _ in 0..<100 {
      let number = Self.counter.wrappingAdd(1, ordering: .relaxed).oldValue
      let path = target.folder + "/." + target.name + Self.marker + "\(getpid())-\(number)"
      let candidate = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
      if candidate >= 0 {
        opened = (path, candidate)
        break
      }
      guard errno == EEXIST else {
        throw FileError.system(target.path, "cannot create a temporary file in \(target.folder)")
      }
    }
    guard let opened else {
      throw FileError(path: target.path, message: "cannot find a free temporary name in \(target.folder)")
    }
    temporaryPath = opened.path
    fd = opened.fd
    while flock(fd, LOCK_EX | LOCK_NB) != 0, errno == EINTR {}
  }

  deinit { discard() }

  /// Appends `bytes`.
  public func write(_ bytes: [UInt8]) throws(FileError) {
    let failure: FileError? = bytes.withUnsafeBytes { raw in
      do throws(FileError) {
        try write(raw)
        return nil
      } catch {
        return error
      }
    }
    if let failure { throw failure }
  }

  /// Appends `bytes`.
  public func write(_ bytes: UnsafeRawBufferPointer) throws(FileError) {
    guard !bytes.isEmpty else { return }
    var offset = 0
    while offset < bytes.count {
      let written = systemWrite(fd, bytes.baseAddress! + offset, bytes.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        throw FileError.system(temporaryPath ?? target.path, "cannot write")
      }
      offset += written
    }
  }

  /// Syncs the temporary file and gives it the target's mode, owner and group (no-op for a stream).
  public func seal() throws(FileError) {
    guard !sealed, !done, let temporaryPath else { return }
    if let mode = target.mode {
      guard fchmod(fd, mode) == 0 else { throw .system(temporaryPath, "cannot chmod") }
    }
    if let owner = target.owner {
      // Where permitted: root keeps the owner, a member of the group keeps the group.
      if fchown(fd, owner.uid, owner.gid) != 0 { _ = fchown(fd, uid_t.max, owner.gid) }
    }
    guard fsync(fd) == 0 else { throw .system(temporaryPath, "fsync failed") }
    sealed = true
  }

  /// Seals, renames the temporary file over the target and syncs the folder (a stream is closed).
  /// `rename` is injectable to simulate a failure at the worst moment; on a failure the target is
  /// left as it was and the temporary file is removed.
  public func commit(
    rename: (_ from: String, _ to: String) throws(FileError) -> Void = StagedFile.posixRename
  ) throws(FileError) {
    guard !done else { return }
    guard let temporaryPath else {
      done = true
      close(fd)
      return
    }
    do throws(FileError) {
      try seal()
      try rename(temporaryPath, target.canonicalPath)
    } catch {
      discard()
      throw error
    }
    done = true
    close(fd)
    let folderFD = open(target.folder, O_RDONLY | O_CLOEXEC)
    if folderFD >= 0 {
      _ = fsync(folderFD)
      close(folderFD)
    }
  }

  /// Removes the temporary file (closes a stream); the target is untouched.
  public func discard() {
    guard !done else { return }
    done = true
    if let temporaryPath { unlink(temporaryPath) }
    close(fd)
  }

  /// `rename(2)`.
  public static func posixRename(_ from: String, _ to: String) throws(FileError) {
    guard systemRename(from, to) == 0 else { throw FileError.system(to, "cannot rename \(from)") }
  }
}
