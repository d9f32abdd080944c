import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why a recording could not be created or written.
public struct RecordingStorageError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  /// The write failed because the disk (or the quota) is full.
  public var diskFull: Bool

  public init(_ message: String, diskFull: Bool = false) {
    self.message = message
    self.diskFull = diskFull
  }

  public var description: String { message }
}

/// Where the proxy's recordings go: a folder (``FolderRecordingStorage``) or memory
/// (``MemoryRecordingStorage``, with fault injection for tests), in the style of swift-log's
/// `InMemoryLogHandler`. Sinks are used from the recorder's writer queue only.
public protocol RecordingStorage: Sendable {
  /// A new, empty recording named `name` (a file name such as `20261201-100000-px_1a2b.jsonl`).
  func create(name: String) throws(RecordingStorageError) -> any RecordingSink
}

/// One recording being written: whole lines appended, so what is stored is always a valid prefix.
public protocol RecordingSink: AnyObject {
  /// Where it is (a path, or the name in memory).
  var location: String { get }
  /// Appends whole lines; on failure nothing of `bytes` is kept.
  func append(_ bytes: [UInt8]) throws(RecordingStorageError)
  /// Makes what was appended durable (fsync).
  func sync() throws(RecordingStorageError)
  /// Marks the recording as incomplete (a file is renamed to `NAME.incomplete.jsonl`); returns the new location.
  func markIncomplete() -> String
  /// Closes it; nothing is appended after.
  func close()
}

/// Recordings as files in one folder: each line is one `write(2)` to a file opened with `O_APPEND`,
/// so a process killed mid-session leaves whole lines; a failed write is cut back to the last whole line.
public struct FolderRecordingStorage: RecordingStorage {
  public let folder: String

  /// Recordings in `folder`, which is created if missing.
  public init(folder: String) throws(RecordingStorageError) {
    self.folder = folder
    var info = stat()
    if stat(folder, &info) != 0 {
      guard mkdir(folder, 0o755) == 0 || errno == EEXIST else {
        throw RecordingStorageError("--record-dir \(folder): cannot create the folder: \(errnoText())")
      }
    } else if info.st_mode & S_IFMT != S_IFDIR {
      throw RecordingStorageError("--record-dir \(folder): not a folder")
    }
    guard access(folder, W_OK) == 0 else {
      throw RecordingStorageError("--record-dir \(folder): not writable: \(errnoText())")
    }
  }

  public func create(name: String) throws(RecordingStorageError) -> any RecordingSink {
    let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND, 0o644)
    guard fd >= 0 else { throw RecordingStorageError("cannot create \(path): \(errnoText())") }
    return FileRecordingSink(path: path, fd: fd)
  }
}

final class FileRecordingSink: RecordingSink {
  private(set) var location: String
  private var fd: Int32
  private var committed: off_t = 0

  init(path: String, fd: Int32) {
    location = path
    self.fd = fd
  }

  deinit { close() }

  func append(_ bytes: [UInt8]) throws(RecordingStorageError) {
    guard fd >= 0 else { throw RecordingStorageError("\(location): closed") }
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { all in write(fd, all.baseAddress! + offset, all.count - offset) }
      if written < 0 {
        if errno == EINTR { continue }
        let full = errno == ENOSPC || errno == EDQUOT
        let text = errnoText()
        _ = ftruncate(fd, committed)
        throw RecordingStorageError("\(location): write failed: \(text)", diskFull: full)
      }
      offset += written
    }
    committed += off_t(bytes.count)
  }

  func sync() throws(RecordingStorageError) {
    guard fd >= 0 else { return }
    guard fsync(fd) == 0 else { throw RecordingStorageError("\(location): fsync failed: \(errnoText())") }
  }

  func markIncomplete() -> String {
    guard location.hasSuffix(".jsonl"), !location.hasSuffix(".incomplete.jsonl") else { return location }
    let renamed = String(location.dropLast(".jsonl".count)) + ".incomplete.jsonl"
    if rename(location, renamed) == 0 { location = renamed }
    return location
  }

  func close() {
    if fd >= 0 {
      _ = fsync(fd)
      _ = systemClose(fd)
      fd = -1
    }
  }
}

/// Recordings kept in memory, optionally failing like a full disk once `capacity` bytes are stored:
/// the test double of ``FolderRecordingStorage``.
public final class MemoryRecordingStorage: RecordingStorage, Sendable {
  private let files = Mutex<[String: [UInt8]]>([:])
  private let order = Mutex<[String]>([])
  /// Bytes all recordings together may hold; nil for no limit.
  public let capacity: Int?

  public init(capacity: Int? = nil) { self.capacity = capacity }

  public func create(name: String) throws(RecordingStorageError) -> any RecordingSink {
    let created = files.withLock { files -> Bool in
      guard files[name] == nil else { return false }
      files[name] = []
      return true
    }
    guard created else { throw RecordingStorageError("\(name): exists") }
    order.withLock { $0.append(name) }
    return MemorySink(storage: self, name: name)
  }

  /// The names of the recordings, in creation order (renamed ones under their new names).
  public var names: [String] { order.withLock { $0 } }

  /// The bytes of the recording `name`.
  public func contents(_ name: String) -> [UInt8]? { files.withLock { $0[name] } }

  fileprivate func append(_ bytes: [UInt8], to name: String) throws(RecordingStorageError) {
    let stored = files.withLock { files -> Bool in
      if let capacity, files.values.reduce(0, { $0 + $1.count }) + bytes.count > capacity { return false }
      files[name, default: []] += bytes
      return true
    }
    guard stored else {
      throw RecordingStorageError("\(name): write failed: No space left on device", diskFull: true)
    }
  }

  fileprivate func rename(_ name: String, to newName: String) {
    files.withLock { files in
      files[newName] = files.removeValue(forKey: name)
    }
    order.withLock { order in
      if let index = order.firstIndex(of: name) { order[index] = newName }
    }
  }
}

private final class MemorySink: RecordingSink {
  let storage: MemoryRecordingStorage
  private(set) var location: String
  private var closed = false

  init(storage: MemoryRecordingStorage, name: String) {
    self.storage = storage
    location = name
  }

  func append(_ bytes: [UInt8]) throws(RecordingStorageError) {
    guard !closed else { throw RecordingStorageError("\(location): closed") }
    try storage.append(bytes, to: location)
  }

  func sync() throws(RecordingStorageError) {}

  func markIncomplete() -> String {
    guard location.hasSuffix(".jsonl"), !location.hasSuffix(".incomplete.jsonl") else { return location }
    let renamed = String(location.dropLast(".jsonl".count)) + ".incomplete.jsonl"
    storage.rename(location, to: renamed)
    location = renamed
    return location
  }

  func close() { closed = true }
}

private func errnoText() -> String { String(cString: strerror(errno)) }

private func systemClose(_ fd: Int32) -> Int32 { close(fd) }
