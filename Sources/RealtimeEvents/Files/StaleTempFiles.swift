#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Removes the temporary files (`.NAME.rtcost-tmp-PID-N`) that a killed rtcost left in a folder.
///
/// A temporary file is stale when nobody holds its `flock` (its writer holds it until the rename,
/// and the kernel drops it when the writer dies, in any PID namespace) and either its PID is not a
/// live process or it is older than ``minimumAge`` seconds (the PID may have been reused, and a
/// file just created may not be locked yet). Files of live writers are never touched.
public enum StaleTempFiles {
  /// Seconds after which an unlocked temporary file is stale even when its PID is alive.
  public static let minimumAge = 60

  /// Removes the stale temporary files in `folder`; returns their names, sorted.
  @discardableResult
  public static func sweep(folder: String) -> [String] {
    guard let directory = opendir(folder) else { return [] }
    var names: [String] = []
    while let entry = readdir(directory) {
      let name = withUnsafePointer(to: entry.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
      }
      if let pid = processID(inTemporaryName: name) { names.append(name + "\u{0}" + String(pid)) }
    }
    closedir(directory)
    var removed: [String] = []
    for item in names.sorted() {
      let parts = item.split(separator: "\u{0}")
      let name = String(parts[0])
      let pid = pid_t(parts[1])!
      let path = folder + "/" + name
      if removeIfStale(path, pid: pid) { removed.append(name) }
    }
    return removed
  }

  /// The PID in a temporary file's name (`.NAME.rtcost-tmp-PID-N`), or nil for any other name.
  public static func processID(inTemporaryName name: String) -> Int32? {
    let bytes = Array(name.utf8)
    let marker = Array(StagedFile.marker.utf8)
    guard bytes.first == UInt8(ascii: "."), bytes.count > marker.count + 4 else { return nil }
    var start = bytes.count - marker.count
    while start > 1, Array(bytes[start..<start + marker.count]) != marker { start -= 1 }
    guard start > 1 else { return nil }
    let parts = bytes[(start + marker.count)...].split(
      separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
    guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { (0x30...0x39).contains($0) } }),
      let pid = Int32(String(decoding: parts[0], as: UTF8.self)), pid > 0
    else { return nil }
    return pid
  }

  private static func removeIfStale(_ path: String, pid: pid_t) -> Bool {
    let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return false }
    guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { return false }
    let alive = kill(pid, 0) == 0 || errno == EPERM
    #if canImport(Darwin)
      let age = Int(time(nil)) - Int(info.st_mtimespec.tv_sec)
    #else
      let age = Int(time(nil)) - Int(info.st_mtim.tv_sec)
    #endif
    guard !alive || age > minimumAge else { return false }
    return unlink(path) == 0
  }
}
