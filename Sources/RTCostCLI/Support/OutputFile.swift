public import Foundation

/// Writes a report to standard output or, atomically, to a file.
///
/// A file is written to a temporary sibling, flushed, and renamed over the target only when the
/// whole report exists, so a failed run never leaves half a report behind.
public enum OutputFile {
  /// Writes `text` to `path` atomically, or to standard output when `path` is nil or `-`.
  public static func write(_ text: String, to path: String?) throws {
    guard let path, path != "-" else {
      FileHandle.standardOutput.write(Data(text.utf8))
      return
    }
    try AtomicFile.write(Data(text.utf8), to: path)
  }
}

/// Atomic replacement of a file: temp file in the same folder, fsync, rename.
public enum AtomicFile {
  public static func write(_ data: Data, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent()
    let temp = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
    guard FileManager.default.createFile(atPath: temp.path, contents: nil) else {
      throw CLIError("\(path): cannot create a file in \(folder.path)")
    }
    do {
      let handle = try FileHandle(forWritingTo: temp)
      try handle.write(contentsOf: data)
      try handle.synchronize()
      try handle.close()
      guard rename(temp.path, url.path) == 0 else {
        throw CLIError("\(path): cannot replace the file (\(String(cString: strerror(errno))))")
      }
    } catch {
      try? FileManager.default.removeItem(at: temp)
      throw error
    }
  }
}
