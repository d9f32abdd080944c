public import NIOCore
public import RealtimeEvents
import Synchronization

/// Records one session as a timed recording (DESIGN §2, docs/recordings.md): the header, every client
/// and server message exactly as it passed (`{"t":…,"dir":"client","event":<the message>}`), and the
/// proxy's own decisions as `local` events (`local.session_closed`, `local.alert`, …).
///
/// Times are microseconds since the session opened, taken under a lock as each message is queued, so
/// lines are written in time order whichever side they came from. Lines go through the shared
/// ``RecordingQueue``; when it is full a message is dropped from the recording and a
/// `local.recording_gap` line says how many were lost. A failed write (a full disk) cuts the file
/// back to its last whole line, adds `local.recording_incomplete` when it can, renames the file to
/// `….incomplete.jsonl`, and stops recording; the relay goes on.
public final class SessionRecorder: Sendable {
  /// What was recorded so far.
  public struct Counters: Sendable, Equatable {
    public var lines = 0
    public var bytes = 0
    public var droppedMessages = 0
    public var droppedBytes = 0
    /// Where the recording is (changes when it is marked incomplete); nil before it was created.
    public var location: String?
    /// Why it is incomplete; nil while it is whole.
    public var incomplete: String?
  }

  private let queue: RecordingQueue
  private let clock = ContinuousClock()
  private let start: ContinuousClock.Instant
  private let timing = Mutex(Timing())
  private let writer: Writer
  private let onIncomplete: @Sendable (String) -> Void

  private struct Timing {
    var last: Micros = 0
    var droppedMessages = 0
    var droppedBytes = 0
    var firstDrop: Micros?
  }

  /// Starts a recording `name` in `storage` with `header`; `onIncomplete` hears of a failed write once.
  public init(
    storage: any RecordingStorage, queue: RecordingQueue, name: String, header: RecordingHeader,
    onIncomplete: @escaping @Sendable (String) -> Void = { _ in }
  ) {
    self.queue = queue
    start = clock.now
    self.onIncomplete = onIncomplete
    writer = Writer(syncInterval: .seconds(2))
    let writer = self.writer
    let line = RecordingEncoder().headerLine(header)
    queue.always {
      writer.open(storage: storage, name: name, onIncomplete: onIncomplete)
      writer.append(line, time: 0)
    }
  }

  /// Microseconds since the session opened.
  public var now: Micros { start.duration(to: clock.now).capturedMicros }

  /// Records one whole message from `direction` (`client` or `server`). `isEvent` says the message
  /// decoded as a Realtime event (a JSON object with a `type`); anything else is recorded as a
  /// `local.message_not_recorded` marker with its size, never as a line the reader would refuse.
  public func message(_ direction: EventDirection, _ bytes: ByteBuffer, isEvent: Bool) {
    let size = bytes.readableBytes + 64
    let writer = self.writer
    timing.withLock { timing in
      let time = nextTime(&timing)
      let gap = gapLine(timing, at: time)
      let accepted = queue.enqueue(bytes: size) {
        if let gap { writer.append(gap, time: time) }
        writer.append(
          Self.line(time: time, direction: direction, message: bytes, isEvent: isEvent), time: time)
      }
      if accepted {
        if gap != nil { clearGap(&timing) }
      } else {
        timing.droppedMessages += 1
        timing.droppedBytes += bytes.readableBytes
        if timing.firstDrop == nil { timing.firstDrop = time }
      }
    }
  }

  /// Records a local event given as its JSON object text (`{"type":"local.…",…}`).
  public func local(_ eventJSON: String) {
    let writer = self.writer
    timing.withLock { timing in
      let time = nextTime(&timing)
      let gap = gapLine(timing, at: time)
      clearGap(&timing)
      queue.always {
        if let gap { writer.append(gap, time: time) }
        writer.append(Self.localLine(time: time, json: eventJSON), time: time)
      }
    }
  }

  /// Writes what is queued, syncs and closes the recording; returns its counters.
  public func finish() async -> Counters {
    let writer = self.writer
    timing.withLock { timing in
      let time = nextTime(&timing)
      if let gap = gapLine(timing, at: time) { queue.always { writer.append(gap, time: time) } }
      clearGap(&timing)
    }
    queue.always { writer.close() }
    await queue.drain()
    return writer.counters
  }

  /// The counters so far (exact once ``finish()`` returned).
  public var counters: Counters { writer.counters }

  private func nextTime(_ timing: inout Timing) -> Micros {
    timing.last = max(timing.last, now)
    return timing.last
  }

  private func gapLine(_ timing: Timing, at time: Micros) -> [UInt8]? {
    guard timing.droppedMessages > 0, let first = timing.firstDrop else { return nil }
    let json =
      "{\"type\":\"local.recording_gap\",\"messages\":\(timing.droppedMessages),\"bytes\":\(timing.droppedBytes),"
      + "\"since\":\(SecondsText.format(micros: first)),\"why\":\"the recorder's queue was full\"}"
    return Self.localLine(time: time, json: json)
  }

  private func clearGap(_ timing: inout Timing) {
    timing.droppedMessages = 0
    timing.droppedBytes = 0
    timing.firstDrop = nil
  }

  static func line(time: Micros, direction: EventDirection, message: ByteBuffer, isEvent: Bool) -> [UInt8] {
    guard isEvent else {
      let json =
        "{\"type\":\"local.message_not_recorded\",\"dir\":\"\(direction.rawValue)\",\"bytes\":\(message.readableBytes),"
        + "\"why\":\"not a Realtime event (a JSON object with a type)\"}"
      return localLine(time: time, json: json)
    }
    let prefix = "{\"t\":\(SecondsText.format(micros: time)),\"dir\":\"\(direction.rawValue)\",\"event\":"
    var line: [UInt8] = []
    line.reserveCapacity(prefix.utf8.count + message.readableBytes + 2)
    line.append(contentsOf: prefix.utf8)
    let body = line.count
    message.withUnsafeReadableBytes { line.append(contentsOf: $0) }
    // A newline can only be whitespace between JSON tokens (strings cannot hold one): a space is the
    // same JSON and keeps the event on one line.
    for index in body..<line.count where line[index] == 0x0A || line[index] == 0x0D { line[index] = 0x20 }
    line.append(contentsOf: "}\n".utf8)
    return line
  }

  static func localLine(time: Micros, json: String) -> [UInt8] {
    Array("{\"t\":\(SecondsText.format(micros: time)),\"dir\":\"local\",\"event\":\(json)}\n".utf8)
  }
}

/// The recording's file, used from the writer queue only (hence unchecked).
private final class Writer: @unchecked Sendable {
  private var sink: (any RecordingSink)?
  private var failed = false
  private var onIncomplete: (@Sendable (String) -> Void)?
  private let clock = ContinuousClock()
  private var lastSync: ContinuousClock.Instant
  private let syncInterval: Duration
  private let state = Mutex(SessionRecorder.Counters())

  init(syncInterval: Duration) {
    self.syncInterval = syncInterval
    lastSync = clock.now
  }

  var counters: SessionRecorder.Counters { state.withLock { $0 } }

  func open(storage: any RecordingStorage, name: String, onIncomplete: @escaping @Sendable (String) -> Void) {
    self.onIncomplete = onIncomplete
    do {
      let sink = try storage.create(name: name)
      self.sink = sink
      state.withLock { $0.location = sink.location }
    } catch {
      fail("cannot create the recording: \(error)")
    }
  }

  func append(_ line: [UInt8], time: Micros) {
    guard !failed, let sink else { return }
    do {
      try sink.append(line)
      state.withLock {
        $0.lines += 1
        $0.bytes += line.count
      }
      if clock.now - lastSync >= syncInterval {
        try sink.sync()
        lastSync = clock.now
      }
    } catch {
      // The failed line was cut off; a short marker may still fit where the line did not.
      let marker = SessionRecorder.localLine(
        time: time,
        json: "{\"type\":\"local.recording_incomplete\",\"why\":\(JSONString.quoted(error.description))}")
      try? sink.append(marker)
      fail(error.description)
    }
  }

  func close() {
    if let sink, !failed { try? sink.sync() }
    sink?.close()
  }

  private func fail(_ why: String) {
    guard !failed else { return }
    failed = true
    var location = state.withLock { $0.location }
    if let sink {
      location = sink.markIncomplete()
      sink.close()
    }
    state.withLock {
      $0.incomplete = why
      $0.location = location
    }
    onIncomplete?(why)
  }
}

extension Duration {
  /// Whole microseconds, rounded toward zero.
  var capturedMicros: Micros {
    let (seconds, attoseconds) = components
    return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
  }
}
