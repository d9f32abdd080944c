import Foundation
import RealtimeEvents
import Testing

/// What rtcost writes to must survive it: links followed, modes kept, what must not be replaced
/// refused, temporary files recognisable and swept when their writer died.
@Suite("FileTarget and StagedFile")
struct FileTargetTests {
  func folder() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rtcost-files-\(UUID().uuidString)"
    )
    .path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  func write(_ text: String, to path: String) throws {
    let staged = try StagedFile(target: FileTarget.check(path))
    try staged.write(Array(text.utf8))
    try staged.commit()
  }

  func names(_ folder: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
  }

  @Test("a symlink's target is replaced and the link kept")
  func symlinkFollowed() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try "old".write(toFile: dir + "/real.json", atomically: false, encoding: .utf8)
    try FileManager.default.createSymbolicLink(atPath: dir + "/link.json", withDestinationPath: "real.json")
    let target = try FileTarget.check(dir + "/link.json")
    #expect(target.kind == .regular)
    #expect(target.resolvedPath == dir + "/real.json")
    try write("new", to: dir + "/link.json")
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/link.json") == "real.json")
    #expect(try String(contentsOfFile: dir + "/real.json", encoding: .utf8) == "new")
    #expect(try names(dir) == ["link.json", "real.json"])
  }

  @Test("a dangling symlink creates the file it names")
  func danglingLink() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try FileManager.default.createSymbolicLink(
      atPath: dir + "/link.json", withDestinationPath: dir + "/made.json")
    try write("x", to: dir + "/link.json")
    #expect(try String(contentsOfFile: dir + "/made.json", encoding: .utf8) == "x")
    #expect(
      try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/link.json") == dir + "/made.json")
  }

  @Test("the mode of a replaced file is kept")
  func modeKept() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/report.txt"
    try "old".write(toFile: path, atomically: false, encoding: .utf8)
    chmod(path, 0o640)
    try write("new", to: path)
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o640)
  }

  @Test("a read-only file is refused, and left as it was")
  func readOnlyRefused() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/locked.json"
    try "keep".write(toFile: path, atomically: false, encoding: .utf8)
    chmod(path, 0o444)
    #expect(throws: FileError(path: path, message: "is read-only (mode 0444); rtcost does not replace it")) {
      try FileTarget.check(path)
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep")
  }

  @Test("a hard-linked file is refused (replacing it would split the links)")
  func hardLinkRefused() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try "one".write(toFile: dir + "/a.json", atomically: false, encoding: .utf8)
    try FileManager.default.linkItem(atPath: dir + "/a.json", toPath: dir + "/b.json")
    #expect(
      throws: FileError(
        path: dir + "/b.json",
        message: "has 2 hard links; replacing it would split them into separate files "
          + "(remove the other links, or write to another file)")
    ) { try FileTarget.check(dir + "/b.json") }
  }

  @Test("a folder, a missing folder and a socket are refused by name")
  func refusals() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    #expect(throws: FileError(path: dir, message: "is a folder, not a file")) { try FileTarget.check(dir) }
    #expect(throws: FileError(path: dir + "/no/x.json", message: "the folder \(dir)/no does not exist")) {
      try FileTarget.check(dir + "/no/x.json")
    }
    #expect(throws: FileError(path: "", message: "an empty file name")) { try FileTarget.check("") }
    let socketPath = dir + "/s.sock"
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      for (index, byte) in socketPath.utf8.enumerated() where index < raw.count - 1 { raw[index] = byte }
    }
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    #expect(bound == 0)
    #expect(
      throws: FileError(
        path: socketPath, message: "is a socket; rtcost writes files, FIFOs and character devices")
    ) { try FileTarget.check(socketPath) }
  }

  @Test("a FIFO and /dev/null are written as streams, never replaced")
  func streams() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    #expect(try FileTarget.check("/dev/null").kind == .stream)
    try write("gone", to: "/dev/null")
    var info = stat()
    #expect(stat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
    let fifo = dir + "/pipe"
    #expect(mkfifo(fifo, 0o644) == 0)
    #expect(try FileTarget.check(fifo).kind == .stream)
    let reader = Thread {
      let handle = FileHandle(forReadingAtPath: fifo)!
      let data = handle.readDataToEndOfFile()
      try? data.write(to: URL(fileURLWithPath: dir + "/read.txt"))
    }
    reader.start()
    try write("through the pipe", to: fifo)
    for _ in 0..<200 where !FileManager.default.fileExists(atPath: dir + "/read.txt") { usleep(10_000) }
    usleep(20_000)
    #expect(try String(contentsOfFile: dir + "/read.txt", encoding: .utf8) == "through the pipe")
    #expect(stat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
  }

  @Test("temporary files are named .NAME.rtcost-tmp-PID-N and a dropped one is removed")
  func temporaryNames() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    do {
      let staged = try StagedFile(target: FileTarget.check(dir + "/out.json"))
      let name = String(staged.temporaryPath!.split(separator: "/").last!)
      #expect(name.hasPrefix(".out.json.rtcost-tmp-\(getpid())-"))
      #expect(StaleTempFiles.processID(inTemporaryName: name) == getpid())
      // A live writer's temporary file survives a sweep: it holds the lock.
      #expect(StaleTempFiles.sweep(folder: dir) == [])
      #expect(try names(dir).count == 1)
    }
    #expect(try names(dir) == [])
    #expect(StaleTempFiles.processID(inTemporaryName: ".x.rtcost-tmp-12-") == nil)
    #expect(StaleTempFiles.processID(inTemporaryName: "x.rtcost-tmp-12-3") == nil)
    #expect(StaleTempFiles.processID(inTemporaryName: ".x.rtcost-tmp-12-3") == 12)
  }

  @Test("a dead writer's temporary file is removed by the next write into the folder; others are not")
  func staleSwept() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    // PID 2^22+1 is above Linux's pid_max: no live process has it.
    let stale = dir + "/.day.jsonl.rtcost-tmp-4194305-0"
    try "half".write(toFile: stale, atomically: false, encoding: .utf8)
    try "mine".write(toFile: dir + "/day.jsonl.tmp-notours", atomically: false, encoding: .utf8)
    try write("{}", to: dir + "/stats.json")
    #expect(try names(dir) == ["day.jsonl.tmp-notours", "stats.json"])
  }

  @Test("SHA-256 matches the FIPS 180-4 examples")
  func sha256() throws {
    #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(
      SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
    #expect(SHA256.hex(long) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    var streamed = SHA256()
    for chunk in stride(from: 0, to: long.count, by: 7) {
      streamed.update(long[chunk..<min(chunk + 7, long.count)])
    }
    #expect(streamed.finalHex() == SHA256.hex(long))
  }
}
