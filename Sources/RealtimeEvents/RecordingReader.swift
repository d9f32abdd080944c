/// Streams the events of one recording (DESIGN §2), one line at a time, in bounded memory.
///
/// ```swift
/// let reader = try RecordingReader(path: "call.jsonl")
/// var summary = RecordingSummary()
/// try reader.forEach { summary.add($0) }
/// ```
/// or pull events with ``next()``. Audio events are measured by ``AudioFastPath`` from the raw
/// bytes, `response.created` and `response.done` lines are read by ``ResponseFastPath``; every other
/// line, and every line a fast path declines, goes through `JSONDecoder`. The header, if any, is in
/// ``header`` once the first event has been read. In strict mode the first bad line throws a
/// ``RecordingError`` naming the file and line; in lenient mode bad lines are skipped and counted in
/// ``stats``.
/// - Complexity: O(file size) time; memory bounded by the longest line plus a 1 MiB chunk.
public final class RecordingReader: EventSource {
  /// The file name used in errors.
  public let name: String
  public let options: RecordingReadOptions
  /// Where the events come from: this file.
  public var provenance: EventProvenance { EventProvenance(name: name, origin: .recording) }
  /// The header line, when the recording has one (known once the first event was read).
  public private(set) var header: RecordingHeader?
  /// Timed or bare, fixed by the first event line (nil before it, and for a recording without events).
  public private(set) var style: RecordingStyle?
  /// Counts so far; final after ``next()`` returned nil.
  public var stats: RecordingReadStats {
    var stats = counts
    for kind in AudioFastPath.Kind.allCases where fastPathCounts[kind.rawValue] > 0 {
      stats.eventsByWireType[kind.type, default: 0] += fastPathCounts[kind.rawValue]
    }
    return stats
  }

  private var counts = RecordingReadStats()
  /// Fast-path events per kind, merged into ``stats`` on demand (no string hashing per audio line).
  private var fastPathCounts = [Int](repeating: 0, count: AudioFastPath.Kind.allCases.count)

  private let splitter: LineSplitter
  private let decoding = LineDecoding()
  private var styleLine = 0
  private var sawLine = false
  private var lastTime: (micros: Micros, seconds: Double, line: Int)?

  /// The largest `t` accepted, in seconds (about 285,000 years; beyond it microseconds overflow).
  static let maxSeconds = 9.0e12

  /// Opens the recording at `path`.
  public init(path: String, options: RecordingReadOptions = .strict) throws(RecordingError) {
    name = path
    self.options = options
    splitter = try LineSplitter.open(path: path)
  }

  /// Reads a recording held in memory; `name` stands for the file in errors.
  public init(bytes: [UInt8], name: String, options: RecordingReadOptions = .strict) {
    self.name = name
    self.options = options
    splitter = LineSplitter(source: .memory(bytes), name: name, initialCapacity: 64 * 1024)
  }

  /// The buffer's capacity in bytes: bounded by the longest line, whatever the file's size.
  var bufferCapacity: Int { splitter.capacity }

  /// The next event, or nil at the end of the recording.
  public func next() throws(RecordingError) -> TimedEvent? {
    while let (line, scanned) = try nextLine() {
      counts.lines += 1
      counts.bytes = splitter.bytesRead
      let number = splitter.lineNumber
      if isBlank(line) {
        counts.blankLines += 1
        continue
      }
      do {
        if let event = try event(from: line, scanned: scanned, number: number) {
          counts.events += 1
          if case .unknown = event.event { counts.unknownEvents += 1 }
          return event
        }
      } catch let problem {
        let error = RecordingError(file: name, line: number, kind: problem.kind)
        guard options.lenient else { throw error }
        counts.skippedLines += 1
        if counts.skippedErrors.count < options.keptProblems { counts.skippedErrors.append(error) }
        noteSkippedUsage(in: line, number: number)
      }
    }
    counts.bytes = splitter.bytesRead
    return nil
  }

  /// The next line, and the fast path's reading of it when it was scanned already. A line whose
  /// end lies in the bytes in hand is first scanned by the fast path from its start
  /// (``AudioFastPath/scanLine(atStartOf:)``), which also finds where it ends: an audio line's
  /// bytes are then read once, not twice (once for `\n`, once for the scan).
  private func nextLine() throws(RecordingError) -> (UnsafeRawBufferPointer, AudioFastPath.Line?)? {
    if let unread = splitter.unreadInPlace, let (fast, length) = AudioFastPath.scanLine(atStartOf: unread),
      length < unread.count
    {
      // `unread[length]` is the line's `\n`; a `\r` before it is not part of the line.
      splitter.skipLine(length: length)
      let end = length > 0 && unread[length - 1] == 0x0D ? length - 1 : length
      return (UnsafeRawBufferPointer(rebasing: unread[..<end]), fast)
    }
    return try splitter.nextLine().map { ($0, nil) }
  }

  /// Calls `body` with every event, in order.
  public func forEach(_ body: (TimedEvent) throws -> Void) throws {
    while let event = try next() { try body(event) }
  }

  /// Every event of the recording at `path` with the reader (for its header, style and stats).
  /// For small files and tests; stream large ones with ``next()`` or ``forEach(_:)``.
  public static func readAll(path: String, options: RecordingReadOptions = .strict) throws(RecordingError)
    -> (events: [TimedEvent], reader: RecordingReader)
  {
    let reader = try RecordingReader(path: path, options: options)
    var events: [TimedEvent] = []
    while let event = try reader.next() { events.append(event) }
    return (events, reader)
  }

  /// The event on one non-blank line (`scanned`: the fast path's reading of it, if it was read);
  /// nil for a header.
  private func event(from line: UnsafeRawBufferPointer, scanned: AudioFastPath.Line?, number: Int)
    throws(LineProblem) -> TimedEvent?
  {
    if let fast = scanned ?? AudioFastPath.scan(line) {
      let event = try accept(
        seconds: fast.seconds, direction: fast.direction, event: fast.event, line: number)
      counts.fastPathEvents += 1
      fastPathCounts[fast.kind.rawValue] += 1
      sawLine = true
      return event
    }
    if let fast = ResponseFastPath.scan(line) {
      let event = try accept(
        seconds: fast.seconds, direction: fast.direction, event: fast.event, line: number)
      counts.responseFastPathEvents += 1
      count(type: fast.type)
      sawLine = true
      return event
    }
    let decoded = try decoding.decode(line)
    switch decoded {
    case .header(let header):
      guard !sawLine else { throw LineProblem(kind: .headerNotFirst) }
      self.header = header
      sawLine = true
      return nil
    case .timed(let seconds, let direction, let decodedEvent):
      let event = try accept(seconds: seconds, direction: direction, event: decodedEvent.event, line: number)
      finish(decodedEvent, line: number)
      return event
    case .bare(let decodedEvent):
      let event = try accept(
        seconds: nil, direction: EventCatalog.direction(ofType: decodedEvent.type), event: decodedEvent.event,
        line: number)
      finish(decodedEvent, line: number)
      return event
    }
  }

  private func finish(_ decoded: DecodedEvent, line: Int) {
    count(type: decoded.type)
    sawLine = true
    for message in decoded.warnings {
      counts.warningCount += 1
      if counts.warnings.count < options.keptProblems {
        counts.warnings.append(RecordingWarning(file: name, line: line, message: message))
      }
    }
  }

  /// Counts a skipped line that held a `response.done` or a transcription's usage.
  private func noteSkippedUsage(in line: UnsafeRawBufferPointer, number: Int) {
    guard let event = SkippedUsageEvent.scan(line) else { return }
    switch event {
    case .responseDone: counts.skippedResponseDoneLines += 1
    case .transcriptionCompleted: counts.skippedTranscriptionLines += 1
    }
    if counts.skippedUsageLines.count < options.keptProblems {
      counts.skippedUsageLines.append(SkippedUsageLine(line: number, event: event))
    }
  }

  private func count(type: String) { counts.eventsByWireType[type, default: 0] += 1 }

  /// Checks the line's style and time against the lines before it; nothing is updated on error.
  private func accept(seconds: Double?, direction: EventDirection, event: RealtimeEvent, line: Int)
    throws(LineProblem) -> TimedEvent
  {
    let lineStyle: RecordingStyle = seconds == nil ? .bare : .timed
    if let style, style != lineStyle {
      throw LineProblem(kind: .mixedTimedAndBare(lineIsTimed: lineStyle == .timed, firstStyleLine: styleLine))
    }
    var time: Micros?
    if let seconds {
      guard seconds >= 0 else { throw LineProblem(kind: .negativeTime(seconds: seconds)) }
      guard seconds <= Self.maxSeconds else {
        throw LineProblem(kind: .invalidValue(path: "t", message: "\(seconds) s is too large"))
      }
      let micros = Micros((seconds * 1_000_000).rounded())
      if let last = lastTime, micros < last.micros {
        throw LineProblem(
          kind: .timeOutOfOrder(seconds: seconds, previousSeconds: last.seconds, previousLine: last.line))
      }
      lastTime = (micros, seconds, line)
      time = micros
    }
    if style == nil {
      style = lineStyle
      styleLine = line
    }
    return TimedEvent(time: time, direction: direction, event: event, line: line)
  }

  private func isBlank(_ line: UnsafeRawBufferPointer) -> Bool {
    for byte in line where byte != 0x20 && byte != 0x09 { return false }
    return true
  }
}
