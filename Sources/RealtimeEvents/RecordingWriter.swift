#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a recording file line by line, atomically: events go to a ``StagedFile`` beside `path`
/// (`.NAME.rtcost-tmp-PID-N`, removed on the next write into the folder if this process is killed),
/// which replaces `path` only when ``finish()`` succeeds (fsync, then rename). A writer dropped
/// without `finish()` removes its temporary file, so a failed run leaves no half-written recording.
/// The target is checked first (``FileTarget``): a link is followed, a FIFO is written as a stream.
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
  private let staged: StagedFile
  private var buffer: [UInt8] = []
  private var finished = false
  private var lastTime: Micros?
  private var eventsWritten = 0
  private var headerLines = 0

  static let flushThreshold = 1 << 20

  /// Checks `path`, creates the temporary file and writes the header, if any.
  public convenience init(
    path: String, header: RecordingHeader? = nil, encoder: RecordingEncoder = RecordingEncoder()
  ) throws(RecordingError) {
    let target: FileTarget
    do { target = try FileTarget.check(path) } catch {
      throw RecordingError(file: path, line: 0, kind: .io(error.message))
    }
    try self.init(target: target, header: header, encoder: encoder)
  }

  /// Creates the temporary file for a checked target and writes the header, if any.
  public init(
    target: FileTarget, header: RecordingHeader? = nil, encoder: RecordingEncoder = RecordingEncoder()
  )
    throws(RecordingError)
  {
    self.path = target.path
    self.encoder = encoder
    do { staged = try StagedFile(target: target) } catch {
      throw RecordingError(file: target.path, line: 0, kind: .io(error.message))
    }
    buffer.reserveCapacity(Self.flushThreshold + 64 * 1024)
    if let header {
      buffer.append(contentsOf: encoder.headerLine(header))
      headerLines = 1
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
    let staged = try finishStaged()
    do { try staged.commit() } catch { throw RecordingError(file: path, line: 0, kind: .io(error.message)) }
  }

  /// Flushes and syncs the temporary file, and hands it over unrenamed: the caller commits it with
  /// the run's other outputs (or drops it, which removes it).
  public func finishStaged() throws(RecordingError) -> StagedFile {
    if !finished {
      try flush()
      do { try staged.seal() } catch { throw RecordingError(file: path, line: 0, kind: .io(error.message)) }
      finished = true
    }
    return staged
  }

  private func flush() throws(RecordingError) {
    do { try staged.write(buffer) } catch {
      throw RecordingError(file: path, line: 0, kind: .io(error.message))
    }
    buffer.removeAll(keepingCapacity: true)
  }
}
