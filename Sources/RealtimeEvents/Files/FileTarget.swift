#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file rtcost is about to write, checked before any work is done (docs/files.md).
///
/// Symbolic links are followed (the link's target is written, the link is kept). A regular file is
/// replaced atomically by ``StagedFile`` and keeps its mode (and owner where permitted); a missing
/// one is created in an existing, writable folder. A FIFO or character device (`/dev/null`,
/// `/dev/stdout`, a named pipe) is written directly as a stream, never replaced. Refused, with one
/// line naming the path: a folder, a socket, a block device, a read-only file, and a file with
/// more than one hard link (replacing it would split the links into two files).
public struct FileTarget: Sendable, Equatable {
  /// What the path leads to.
  public enum Kind: Sendable, Equatable {
    /// Nothing yet: the file is created.
    case missing
    /// A regular file, replaced atomically.
    case regular
    /// A FIFO or character device, written directly.
    case stream
  }

  /// The path as given.
  public let path: String
  /// The path with every symbolic link followed.
  public let resolvedPath: String
  public let kind: Kind
  /// The existing file's device and inode.
  public let identity: FileIdentity?
  /// The existing file's permission bits, owner and group.
  let mode: mode_t?
  let owner: (uid: uid_t, gid: gid_t)?
  /// The resolved folder with its own links followed (empty for a stream).
  public let folder: String
  /// The file's name in ``folder``.
  public let name: String

  public static func == (lhs: FileTarget, rhs: FileTarget) -> Bool {
    lhs.path == rhs.path && lhs.resolvedPath == rhs.resolvedPath && lhs.kind == rhs.kind
      && lhs.identity == rhs.identity
  }

  /// One name for the file whatever link or relative path led to it: the real folder and the name.
  public var canonicalPath: String { folder == "/" ? "/" + name : folder + "/" + name }

  /// The longest chain of symbolic links followed.
  static let maxLinks = 32

  /// Resolves and checks `path`; throws the refusal, naming `path`, when it must not be written.
  public static func check(_ path: String) throws(FileError) -> FileTarget {
    guard !path.isEmpty else { throw FileError(path: path, message: "an empty file name") }
    let resolved = try resolveLinks(path)
    var info = stat()
    let exists: Bool
    if stat(resolved, &info) == 0 {
      exists = true
    } else if errno == ENOENT {
      exists = false
    } else {
      throw FileError.system(path, "cannot inspect")
    }
    let (folder, name) = split(resolved)
    let via = resolved == path ? "" : " (a link to \(resolved))"
    if exists {
      switch info.st_mode & S_IFMT {
      case S_IFDIR: throw FileError(path: path, message: "is a folder, not a file\(via)")
      case S_IFSOCK:
        throw FileError(
          path: path, message: "is a socket\(via); rtcost writes files, FIFOs and character devices")
      case S_IFBLK:
        throw FileError(path: path, message: "is a block device\(via); rtcost does not write to one")
      case S_IFIFO, S_IFCHR:
        return FileTarget(
          path: path, resolvedPath: resolved, kind: .stream, identity: FileIdentity(info), mode: nil,
          owner: nil, folder: "", name: name)
      default: break
      }
      if info.st_nlink > 1 {
        throw FileError(
          path: path,
          message: "has \(info.st_nlink) hard links\(via); replacing it would split them into separate files "
            + "(remove the other links, or write to another file)")
      }
      let permissions = info.st_mode & 0o7777
      if permissions & 0o222 == 0 || access(resolved, W_OK) != 0 {
        throw FileError(
          path: path, message: "is read-only (mode \(octal(permissions)))\(via); rtcost does not replace it")
      }
    }
    let realFolder = try checkFolder(folder, for: path)
    return FileTarget(
      path: path, resolvedPath: resolved, kind: exists ? .regular : .missing,
      identity: exists ? FileIdentity(info) : nil, mode: exists ? info.st_mode & 0o7777 : nil,
      owner: exists ? (info.st_uid, info.st_gid) : nil, folder: realFolder, name: name)
  }

  /// The folder's real path, when it exists and the file can be created in it.
  private static func checkFolder(_ folder: String, for path: String) throws(FileError) -> String {
    var info = stat()
    guard stat(folder, &info) == 0 else {
      if errno == ENOENT || errno == ENOTDIR {
        throw FileError(path: path, message: "the folder \(folder) does not exist")
      }
      throw FileError.system(path, "cannot inspect the folder \(folder)")
    }
    guard info.st_mode & S_IFMT == S_IFDIR else {
      throw FileError(path: path, message: "\(folder) is not a folder")
    }
    guard access(folder, W_OK | X_OK) == 0 else {
      throw FileError.system(path, "cannot create files in the folder \(folder)")
    }
    guard let real = realpath(folder, nil) else { throw FileError.system(path, "cannot resolve \(folder)") }
    defer { free(real) }
    return String(cString: real)
  }

  /// `path` with every symbolic link in its last component followed (relative targets are taken from
  /// the link's folder); a dangling link resolves to the file it names.
  static func resolveLinks(_ path: String) throws(FileError) -> String {
    var current = path
    for _ in 0...maxLinks {
      var info = stat()
      guard lstat(current, &info) == 0 else {
        if errno == ENOENT || errno == ENOTDIR { return current }
        throw FileError.system(path, "cannot inspect")
      }
      guard info.st_mode & S_IFMT == S_IFLNK else { return current }
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let count = readlink(current, &buffer, buffer.count - 1)
      guard count >= 0 else { throw FileError.system(path, "cannot read the link \(current)") }
      let target = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
      current = target.hasPrefix("/") ? target : split(current).folder + "/" + target
    }
    throw FileError(path: path, message: "more than \(maxLinks) symbolic links in a chain")
  }

  static func split(_ path: String) -> (folder: String, name: String) {
    guard let slash = path.lastIndex(of: "/") else { return (".", path) }
    let folder = String(path[..<slash])
    return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
  }

  static func octal(_ mode: mode_t) -> String {
    let digits = String(mode, radix: 8)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }
}
