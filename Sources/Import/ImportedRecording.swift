public import RealtimeEvents

/// Another tool's log as rtcost events: an ``EventSource`` with its provenance (the tool, and what the
/// log could not say), writable as a recording.
public struct ImportedRecording: Sendable {
  /// The events in order; times are nil when the log has none (a bare recording).
  public var events: [TimedEvent]
  public var header: RecordingHeader
  /// `.imported(tool:)`, the input's name and the log's limitations in plain words.
  public var provenance: EventProvenance
  /// Entries skipped on the way, with why (counted in the limitations too).
  public var skipped: [String]

  public init(
    events: [TimedEvent], header: RecordingHeader, provenance: EventProvenance, skipped: [String] = []
  ) {
    self.events = events
    self.header = header
    self.provenance = provenance
    self.skipped = skipped
  }

  /// Whether the events carry times.
  public var isTimed: Bool { events.allSatisfy { $0.time != nil } && !events.isEmpty }

  /// The events as a source for replay, calibration or fitting.
  public func source() -> any EventSource { ImportedSource(self) }

  /// Writes the recording to `path` (atomically: nothing is left behind on failure): timed lines
  /// when the log has times, bare event lines otherwise.
  public func write(to path: String) throws(RecordingError) {
    let writer = try RecordingWriter(
      path: path, header: header, encoder: RecordingEncoder(style: isTimed ? .timed : .bare, naming: .ga))
    for event in events { try writer.write(event) }
    try writer.finish()
  }
}

/// An ``ImportedRecording`` read as an ``EventSource``.
final class ImportedSource: EventSource {
  let provenance: EventProvenance
  let header: RecordingHeader?
  private let events: [TimedEvent]
  private var position = 0
  private var counts = RecordingReadStats()

  init(_ recording: ImportedRecording) {
    provenance = recording.provenance
    header = recording.header
    events = recording.events
  }

  var stats: RecordingReadStats { counts }

  func next() throws(RecordingError) -> TimedEvent? {
    guard position < events.count else { return nil }
    let event = events[position]
    position += 1
    counts.events += 1
    counts.lines += 1
    counts.eventsByWireType[event.event.typeName, default: 0] += 1
    if case .unknown = event.event { counts.unknownEvents += 1 }
    return event
  }
}
