#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where a ``LineSplitter`` gets its bytes.
enum ByteSource {
  /// An open file descriptor, read with `read(2)` and closed by the splitter.
  case file(Int32)
  /// A regular file read ahead on its own thread (``ChunkPipe``), closed by the splitter.
  case prefetched(ChunkPipe)
  /// Bytes in memory (tests, fuzzing).
  case memory([UInt8])
}

/// Splits a byte stream into `\n`-terminated lines without copying them, one bounded buffer at a time.
///
/// The buffer holds one read chunk plus the line being assembled, so memory is bounded by the longest
/// line (plus a chunk), never by the file. A line returned by ``nextLine()`` is valid until the next call.
/// - Complexity: every byte is read once and searched for `\n` once (`memchr`).
final class LineSplitter {
  /// Bytes requested per `read(2)`: large enough to amortise the call, small enough to stay in cache.
  static let chunkSize = 1 << 20
  /// Regular files at least this large are read ahead on a second thread (``ChunkPipe``): the
  /// kernel's copy then overlaps the scanning. Smaller ones are not worth a thread.
  static let prefetchThreshold: Int64 = 8 << 20
  /// The longest line read (64 MiB): the API's largest event is 15 MiB of audio (about 20 MiB of
  /// JSON), so a longer line is not a recording (`/dev/zero`, a binary file), refused before it
  /// fills memory.
  static let maximumLineLength = 64 << 20

  private var source: ByteSource
  private var memoryOffset = 0
  private var buffer: UnsafeMutableRawBufferPointer
  /// Unconsumed bytes are `buffer[start..<end]`; `buffer[start..<scan]` is known to hold no `\n`.
  private var start = 0
  private var end = 0
  private var scan = 0
  private var atEOF = false
  /// A read-ahead file's chunk in hand, and where its unread bytes start.
  private var chunk: UnsafeRawBufferPointer?
  private var chunkStart = 0
  private let name: String

  /// The 1-based number of the line last returned.
  private(set) var lineNumber = 0
  /// Bytes read from the source so far.
  private(set) var bytesRead: Int64 = 0
  /// The buffer's current capacity (it grows only to fit the longest line).
  var capacity: Int { buffer.count }
  /// Whether the file is read ahead on a second thread.
  var readsAhead: Bool {
    if case .prefetched = source { return true }
    return false
  }

  init(source: ByteSource, name: String, initialCapacity: Int = 2 * LineSplitter.chunkSize) {
    self.source = source
    self.name = name
    buffer = .allocate(byteCount: max(initialCapacity, 16), alignment: 16)
  }

  deinit {
    buffer.deallocate()
    switch source {
    case .file(let fd): close(fd)
    case .prefetched(let pipe): pipe.stop()
    case .memory: break
    }
  }

  /// Opens `path` for reading; a folder is refused here, with one clear line.
  static func open(path: String) throws(RecordingError) -> LineSplitter {
    let fd = path.withCString { posixOpen($0) }
    guard fd >= 0 else {
      throw RecordingError(file: path, line: 0, kind: .io("cannot open: \(errnoText())"))
    }
    var status = stat()
    if fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
      close(fd)
      throw RecordingError(file: path, line: 0, kind: .io("is a directory, not a recording"))
    }
    if status.st_mode & S_IFMT == S_IFREG, Int64(status.st_size) >= prefetchThreshold,
      let pipe = ChunkPipe(fd: fd, chunkSize: chunkSize)
    {
      return LineSplitter(source: .prefetched(pipe), name: path)
    }
    return LineSplitter(source: .file(fd), name: path)
  }

  /// The next line without its `\n` (and without a trailing `\r`), or nil at the end of the input.
  func nextLine() throws(RecordingError) -> UnsafeRawBufferPointer? {
    if case .prefetched(let pipe) = source { return try nextPrefetchedLine(pipe) }
    while true {
      if scan < end, let base = buffer.baseAddress,
        let hit = memchr(base + scan, 0x0A, end - scan)
      {
        let newline = base.distance(to: hit)
        let line = UnsafeRawBufferPointer(start: base + start, count: newline - start)
        start = newline + 1
        scan = start
        lineNumber += 1
        return trimmingCR(line)
      }
      scan = end
      if atEOF {
        guard start < end, let base = buffer.baseAddress else { return nil }
        let line = UnsafeRawBufferPointer(start: base + start, count: end - start)
        start = end
        lineNumber += 1
        return trimmingCR(line)
      }
      try refill()
    }
  }

  /// The unread bytes in hand: the rest of the read-ahead chunk, or of the buffer; nil when none
  /// are. A caller that finds a line's `\n` inside them (``AudioFastPath/scanLine(atStartOf:)``
  /// scans a line and finds its end in one pass) steps past it with ``skipLine(length:)`` instead
  /// of calling ``nextLine()``, which would search the line for its end first.
  var unreadInPlace: UnsafeRawBufferPointer? {
    if case .prefetched = source {
      guard let bytes = chunk, chunkStart < bytes.count, let base = bytes.baseAddress else { return nil }
      return UnsafeRawBufferPointer(start: base + chunkStart, count: bytes.count - chunkStart)
    }
    guard start < end, let base = buffer.baseAddress else { return nil }
    return UnsafeRawBufferPointer(start: base + start, count: end - start)
  }

  /// Steps past the line of `length` bytes at the start of ``unreadInPlace`` and past the `\n`
  /// after it, as ``nextLine()`` would have returned it: the line number advances.
  func skipLine(length: Int) {
    if case .prefetched = source {
      precondition(
        chunk.map { chunkStart + length < $0.count && $0[chunkStart + length] == 0x0A } ?? false,
        "a line ends at its newline")
      chunkStart += length + 1
    } else {
      precondition(start + length < end && buffer[start + length] == 0x0A, "a line ends at its newline")
      start += length + 1
      scan = start
    }
    lineNumber += 1
  }

  /// A read-ahead file's next line: in place in its chunk when the line lies inside one, else
  /// gathered in the buffer from the chunks it spans (each chunk is handed back once passed).
  private func nextPrefetchedLine(_ pipe: ChunkPipe) throws(RecordingError) -> UnsafeRawBufferPointer? {
    var gathered = 0
    while true {
      if chunk.map({ chunkStart == $0.count }) ?? true {
        if chunk != nil {
          pipe.release()
          chunk = nil
        }
        switch pipe.acquire() {
        case .bytes(let bytes):
          chunk = bytes
          chunkStart = 0
          bytesRead += Int64(bytes.count)
        case .end:
          guard gathered > 0, let base = buffer.baseAddress else { return nil }
          lineNumber += 1
          return trimmingCR(UnsafeRawBufferPointer(start: base, count: gathered))
        case .failed(let code):
          throw readFailed(code)
        }
      }
      guard let bytes = chunk, let base = bytes.baseAddress else { continue }
      let from = chunkStart
      guard let hit = memchr(base + from, 0x0A, bytes.count - from) else {
        gather(base + from, count: bytes.count - from, after: &gathered)
        chunkStart = bytes.count
        if gathered >= LineSplitter.maximumLineLength {
          throw lineTooLong()
        }
        continue
      }
      let newline = base.distance(to: UnsafeRawPointer(hit))
      chunkStart = newline + 1
      lineNumber += 1
      guard gathered > 0 else {
        return trimmingCR(UnsafeRawBufferPointer(start: base + from, count: newline - from))
      }
      gather(base + from, count: newline - from, after: &gathered)
      return trimmingCR(UnsafeRawBufferPointer(start: buffer.baseAddress!, count: gathered))
    }
  }

  /// Appends `count` bytes to the `gathered` bytes at the front of the buffer, growing it.
  private func gather(_ bytes: UnsafeRawPointer, count: Int, after gathered: inout Int) {
    if gathered + count > buffer.count { growBuffer(toHold: gathered + count, keeping: gathered) }
    buffer.baseAddress!.advanced(by: gathered).copyMemory(from: bytes, byteCount: count)
    gathered += count
  }

  /// Doubles the buffer until it holds `size` bytes, keeping its first `kept`.
  private func growBuffer(toHold size: Int, keeping kept: Int) {
    var capacity = buffer.count
    while capacity < size { capacity *= 2 }
    let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
    grown.baseAddress!.copyMemory(from: buffer.baseAddress!, byteCount: kept)
    buffer.deallocate()
    buffer = grown
  }

  /// The error for a line that reached ``maximumLineLength`` without its newline.
  private func lineTooLong() -> RecordingError {
    RecordingError(
      file: name, line: lineNumber + 1,
      kind: .io("the line is longer than \(LineSplitter.maximumLineLength >> 20) MiB: not a recording"))
  }

  /// The error for a failed `read(2)`, with its `errno`.
  private func readFailed(_ code: Int32) -> RecordingError {
    RecordingError(
      file: name, line: lineNumber + 1, kind: .io("read failed: \(String(cString: strerror(code)))"))
  }

  private func trimmingCR(_ line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    guard let last = line.last, last == 0x0D else { return line }
    return UnsafeRawBufferPointer(rebasing: line.dropLast())
  }

  /// Makes room (moving the partial line to the front, growing only when one line fills the
  /// buffer) and reads the next chunk.
  private func refill() throws(RecordingError) {
    if start > 0 {
      let pending = end - start
      if pending > 0 { buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + start, byteCount: pending) }
      scan -= start
      end = pending
      start = 0
    }
    if end >= LineSplitter.maximumLineLength {
      throw lineTooLong()
    }
    if end == buffer.count { growBuffer(toHold: end + 1, keeping: end) }
    let want = min(buffer.count - end, LineSplitter.chunkSize)
    let got = try read(into: buffer.baseAddress! + end, count: want)
    if got == 0 { atEOF = true }
    end += got
    bytesRead += Int64(got)
  }

  private func read(into destination: UnsafeMutableRawPointer, count: Int) throws(RecordingError) -> Int {
    switch source {
    case .file(let fd):
      let got = readRetryingInterrupts(fd, destination, count)
      guard got >= 0 else { throw readFailed(Int32(-got)) }
      return got
    case .prefetched:
      preconditionFailure("a read-ahead file is split by nextPrefetchedLine, in its chunks")
    case .memory(let bytes):
      let n = min(count, bytes.count - memoryOffset)
      guard n > 0 else { return 0 }
      bytes.withUnsafeBytes { all in
        destination.copyMemory(from: all.baseAddress! + memoryOffset, byteCount: n)
      }
      memoryOffset += n
      return n
    }
  }
}

private func errnoText() -> String { String(cString: strerror(errno)) }

private func posixOpen(_ path: UnsafePointer<CChar>) -> Int32 { open(path, O_RDONLY) }

/// `read(2)`, again after a signal interrupted it: the bytes read (0 at the end of the file), or
/// `-errno`. The splitter and its read-ahead thread (``ChunkPipe``) both read through it.
func readRetryingInterrupts(_ fd: Int32, _ destination: UnsafeMutableRawPointer, _ count: Int) -> Int {
  while true {
    let got = read(fd, destination, count)
    if got >= 0 { return got }
    if errno != EINTR { return -Int(errno) }
  }
}
