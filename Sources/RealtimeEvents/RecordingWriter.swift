#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a recording file line by line, atomically: events go to a temporary file beside `path`,
/// which replaces `path` only when ``finish()`` succeeds (fsync, then rename). A writer dropped
/// without `finish()` removes its temporary file, so a failed run leaves no half-written recording.
///
/// ```swift
/// let writer = try RecordingWriter(path: "out.jsonl", header: RecordingHeader(model: "gpt-realtime"))
/// try writer.write(TimedEvent(time: 0, direction: .server, event: .speechStarted))
/// try writer.finish()
/// ```
/// Memory is one output buffer (flushed at 1 MiB), whatever the number of events.
public final class RecordingWriter {
  public let path: String
  public let encoder: RecordingEncoder
  private let temporaryPath: String
  private var fd: Int32
  private var buffer: [UInt8] = []
  private var finished = false
  private var lastTime: Micros?
  private var eventsWritten = 0
  private var headerLines = 0

  static let flushThreshold = 1 << 20

  /// Creates the temporary file and writes the header, if any.
  public init(path: String, header: RecordingHeader? = nil, encoder: RecordingEncoder = RecordingEncoder())
    throws(RecordingError)
  {
    self.path = path
    self.encoder = encoder
    temporaryPath = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    fd = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else {
      throw RecordingError(file: path, line: 0, kind: .io("cannot create \(temporaryPath): \(errnoText())"))
    }
    buffer.reserveCapacity(Self.flushThreshold + 64 * 1024)
    if let header {
      buffer.append(contentsOf: encoder.headerLine(header))
      headerLines = 1
    }
  }

  deinit {
    if !finished {
      close(fd)
      unlink(temporaryPath)
    }
  }

  /// Appends one event; times must not decrease in a timed recording.
  public func write(_ event: TimedEvent) throws(RecordingError) {
    let line = eventsWritten + 1 + headerLines
    do throws(RecordingEncodingError) {
      if encoder.style == .timed, let time = event.time, let lastTime, time < lastTime {
        throw RecordingEncodingError.timeOutOfOrder(time, previous: lastTime)
      }
      try encoder.append(event, to: &buffer)
    } catch {
      throw RecordingError(
        file: path, line: line, kind: .invalidValue(path: "event", message: error.description))
    }
    lastTime = event.time ?? lastTime
    eventsWritten += 1
    if buffer.count >= Self.flushThreshold { try flush() }
  }

  /// Flushes, syncs and renames the temporary file onto `path`.
  public func finish() throws(RecordingError) {
    guard !finished else { return }
    try flush()
    guard fsync(fd) == 0 else { throw ioError("fsync failed") }
    close(fd)
    finished = true
    guard rename(temporaryPath, path) == 0 else {
      let error = ioError("cannot rename \(temporaryPath) to \(path)")
      unlink(temporaryPath)
      throw error
    }
  }

  private func flush() throws(RecordingError) {
    var offset = 0
    while offset < buffer.count {
      let written = buffer.withUnsafeBytes { all in
        posixWrite(fd, all.baseAddress! + offset, all.count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        throw ioError("write failed")
      }
      offset += written
    }
    buffer.removeAll(keepingCapacity: true)
  }

  private func ioError(_ what: String) -> RecordingError {
    RecordingError(file: path, line: 0, kind: .io("\(what): \(errnoText())"))
  }
}

private func errnoText() -> String { String(cString: strerror(errno)) }

private func posixWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
  write(fd, bytes, count)
}
