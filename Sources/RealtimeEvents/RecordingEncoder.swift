/// Turns a header and events into recording lines (DESIGN §2), as bytes; pure, no I/O.
///
/// Timed lines are `{"t":12.345,"dir":"server","event":{...}}` with `t` exact to the microsecond;
/// bare lines are the event object alone. The reader maps every line back to the same
/// ``TimedEvent`` (time, direction and event; the line number is the reader's own).
public struct RecordingEncoder: Sendable {
  public var style: RecordingStyle
  public var naming: EventNaming

  public init(style: RecordingStyle = .timed, naming: EventNaming = .ga) {
    self.style = style
    self.naming = naming
  }

  /// The header line, `\n`-terminated.
  public func headerLine(_ header: RecordingHeader) -> [UInt8] {
    var out = JSONBytes()
    var o = JSONObjectWriter()
    out.raw("{")
    o.key("rtcost_recording", &out)
    out.int(header.version)
    if let model = header.model {
      o.key("model", &out)
      out.string(model)
    }
    if let startedAt = header.startedAt {
      o.key("started_at", &out)
      out.string(startedAt)
    }
    if let note = header.note {
      o.key("note", &out)
      out.string(note)
    }
    out.raw("}\n")
    return out.bytes
  }

  /// Appends one event line, `\n`-terminated, to `bytes`.
  ///
  /// A timed recording needs a time on every event, non-negative; a bare one ignores times.
  public func append(_ event: TimedEvent, to bytes: inout [UInt8]) throws(RecordingEncodingError) {
    var out = JSONBytes()
    swap(&out.bytes, &bytes)
    defer { swap(&out.bytes, &bytes) }
    switch style {
    case .timed:
      guard let time = event.time else { throw .missingTime }
      guard time >= 0 else { throw .negativeTime(time) }
      out.raw("{\"t\":")
      out.seconds(micros: time)
      out.raw(",\"dir\":\"")
      out.raw(event.direction.rawValue)
      out.raw("\",\"event\":")
      EventEncoding(naming: naming).append(event.event, to: &out)
      out.raw("}\n")
    case .bare:
      EventEncoding(naming: naming).append(event.event, to: &out)
      out.raw("\n")
    }
  }

  /// A whole recording in memory: the header (if any) and every event.
  public func encode(header: RecordingHeader?, events: [TimedEvent]) throws(RecordingEncodingError) -> [UInt8]
  {
    var bytes = header.map(headerLine) ?? []
    for event in events { try append(event, to: &bytes) }
    return bytes
  }
}

/// Why an event cannot be written.
public enum RecordingEncodingError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A timed recording was given an event without a time.
  case missingTime
  /// A timed recording was given an event before time zero.
  case negativeTime(Micros)
  /// Times must not decrease in a recording.
  case timeOutOfOrder(Micros, previous: Micros)

  public var description: String {
    switch self {
    case .missingTime: "an event without a time cannot be written to a timed recording"
    case .negativeTime(let t): "event time \(t) µs is negative"
    case .timeOutOfOrder(let t, let previous):
      "event time \(t) µs is earlier than the previous \(previous) µs"
    }
  }
}
