/// The fast path for audio-bearing lines: measures `input_audio_buffer.append`,
/// `response.audio.delta` and `response.output_audio.delta` from the base64 length by scanning the
/// raw bytes, without a JSON parser, without decoding and without materialising the payload.
/// Flat events that the model keeps nothing of (speech and buffer events, text and transcript
/// deltas with plain ASCII text, ...) take it too: a JSON decoder costs tens of microseconds a line.
///
/// It accepts only lines it understands completely: one object (a timed line `{t, dir, event}` or a
/// bare event), members whose keys and strings are plain printable ASCII without escapes, scalar
/// values except for the timed line's `event` object, and a known type (an audio type with its payload). Anything
/// else (another type, an escape, a nested value, a malformed line) returns nil and the line goes
/// through the full decoder, which also produces every error message. So the fast path never
/// accepts a line the full decoder would refuse, and measures the same size when both accept it.
/// - Complexity: one pass over the line, 32 bytes at a time inside strings.
enum AudioFastPath {
  /// A line the fast path measured.
  struct Line {
    /// `t` in seconds for a timed line; nil for a bare line.
    var seconds: Double?
    var direction: EventDirection
    var event: RealtimeEvent
    /// The wire type, for per-type counts.
    var kind: Kind
  }

  /// The line `line` (without its `\n`) if the fast path takes it: the whole of it must be the line.
  static func scan(_ line: UnsafeRawBufferPointer) -> Line? {
    guard let (scanned, length) = scanLine(atStartOf: line), length == line.count else { return nil }
    return scanned
  }

  /// The line at the start of `rest`, the bytes from a line's start to the end of the input,
  /// scanned without first searching for its end: the line, and its length up to its `\n` (or to
  /// the end of `rest`), when the fast path takes it. This is ``scan(_:)`` of that line, in one
  /// pass instead of two (the search for `\n` and the scan): a `\n` is never white space here, so
  /// the scan stops at the line's end wherever it is.
  static func scanLine(atStartOf rest: UnsafeRawBufferPointer) -> (line: Line, length: Int)? {
    guard let base = rest.baseAddress, rest.count > 2 else { return nil }
    var cursor = Cursor(base: base, count: rest.count)
    var top = ObjectScan()
    guard cursor.scanObject(into: &top, allowEvent: true) else { return nil }
    cursor.skipSpace()
    guard cursor.index == cursor.count || cursor.byte(cursor.index) == 0x0A, let line = measured(top) else {
      return nil
    }
    return (line, cursor.index)
  }

  /// The line a completed object scan describes, when it is one the fast path takes.
  private static func measured(_ top: ObjectScan) -> Line? {
    if let kind = top.audio {
      // A bare audio event; `t`, `dir` or `event` members would make it something else.
      guard top.seconds == nil, top.direction == nil, !top.sawEvent, let bytes = top.payloadBytes(for: kind),
        let position = kind.position(start: top.audioStart, end: top.audioEnd)
      else { return nil }
      return Line(
        seconds: nil, direction: kind.direction, event: kind.event(bytes, position: position), kind: kind)
    }
    guard let seconds = top.seconds, let direction = top.direction, let event = top.event,
      let kind = event.audio, let bytes = event.payloadBytes(for: kind),
      let position = kind.position(start: event.audioStart, end: event.audioEnd)
    else { return nil }
    return Line(
      seconds: seconds, direction: direction, event: kind.event(bytes, position: position), kind: kind)
  }

  /// The event types the fast path reads: the three audio types, and flat events whose model
  /// carries nothing from the line (speech and buffer events, text and transcript deltas, ...).
  enum Kind: Int, CaseIterable {
    case append, betaDelta, gaDelta
    case speechStarted, speechStopped, committed, cleared, timeoutTriggered, commit, clear, cancel
    case betaTextDelta, gaTextDelta, betaTranscriptDelta, gaTranscriptDelta, truncated, userCommand
    case betaAudioDone, gaAudioDone, transcriptionDelta

    /// The wire type names, by raw value.
    static let names: [String] = [
      "input_audio_buffer.append", "response.audio.delta", "response.output_audio.delta",
      "input_audio_buffer.speech_started", "input_audio_buffer.speech_stopped",
      "input_audio_buffer.committed",
      "input_audio_buffer.cleared", "input_audio_buffer.timeout_triggered", "input_audio_buffer.commit",
      "input_audio_buffer.clear", "response.cancel", "response.text.delta", "response.output_text.delta",
      "response.audio_transcript.delta", "response.output_audio_transcript.delta",
      "conversation.item.truncated",
      "local.user_command", "response.audio.done", "response.output_audio.done",
      "conversation.item.input_audio_transcription.delta",
    ]

    var type: String { Kind.names[rawValue] }
    /// Whether the event is measured from a base64 payload (`audio` for appends, `delta` for deltas).
    var isAudio: Bool { rawValue <= Kind.gaDelta.rawValue }

    var direction: EventDirection {
      switch self {
      case .append, .commit, .clear, .cancel: .client
      case .userCommand: .local
      default: .server
      }
    }

    /// The audio position the kind carries (`audio_start_ms` of speech started, `audio_end_ms` of
    /// speech stopped and truncated), as µs: `.some(nil)` when absent or not read by this kind, nil
    /// when present but not a position the full decoder accepts (the line then takes the full path).
    func position(start: Double?, end: Double?) -> Micros?? {
      let value: Double?
      switch self {
      case .speechStarted: value = start
      case .speechStopped, .truncated: value = end
      default: return .some(nil)
      }
      guard let value else { return .some(nil) }
      guard value >= 0, value <= 1e12, value == value.rounded(.towardZero) else { return nil }
      return .some(Micros(value) * 1_000)
    }

    func event(_ bytes: Int64, position: Micros?) -> RealtimeEvent {
      switch self {
      case .append: .inputAudioAppend(bytes: bytes)
      case .betaDelta, .gaDelta: .outputAudioDelta(bytes: bytes)
      case .speechStarted: .speechStarted(audioStart: position)
      case .speechStopped: .speechStopped(audioEnd: position)
      case .committed: .inputAudioCommitted
      case .cleared: .inputAudioCleared
      case .timeoutTriggered: .inputAudioTimeoutTriggered
      case .commit: .inputAudioCommit
      case .clear: .inputAudioClear
      case .cancel: .responseCancel
      case .betaTextDelta, .gaTextDelta, .betaTranscriptDelta, .gaTranscriptDelta: .outputTextDelta
      case .truncated: .conversationItemTruncated(audioEnd: position)
      case .userCommand: .userCommand
      case .betaAudioDone, .gaAudioDone, .transcriptionDelta: .passthrough(type: type)
      }
    }
  }

  /// What one object scan found.
  struct ObjectScan {
    var audio: Kind?
    var sawType = false
    var seconds: Double?
    var direction: EventDirection?
    var sawEvent = false
    var event: EventScan?
    /// `(length, trailing '=' count)` of the `audio` and `delta` members.
    var audioPayload: (Int, Int)?
    var deltaPayload: (Int, Int)?
    /// `audio_start_ms` and `audio_end_ms` as read (validated by ``Kind/position(start:end:)``).
    var audioStart: Double?
    var audioEnd: Double?

    func payloadBytes(for kind: Kind) -> Int64? {
      guard kind.isAudio else { return 0 }
      guard let (length, padding) = kind == .append ? audioPayload : deltaPayload else { return nil }
      return Base64Size.decodedBytes(length: length, padding: padding)
    }
  }

  /// The nested event object of a timed line.
  struct EventScan {
    var audio: Kind?
    var audioPayload: (Int, Int)?
    var deltaPayload: (Int, Int)?
    var audioStart: Double?
    var audioEnd: Double?

    func payloadBytes(for kind: Kind) -> Int64? {
      guard kind.isAudio else { return 0 }
      guard let (length, padding) = kind == .append ? audioPayload : deltaPayload else { return nil }
      return Base64Size.decodedBytes(length: length, padding: padding)
    }
  }
}

/// The member keys the fast path cares about.
private enum Key {
  case type, t, dir, event, audio, delta, header, audioStart, audioEnd, other
}

/// A read position in one line.
private struct Cursor {
  let base: UnsafeRawPointer
  let count: Int
  var index = 0

  @inline(__always) func byte(_ i: Int) -> UInt8 { base.load(fromByteOffset: i, as: UInt8.self) }

  /// Skips spaces, tabs and carriage returns. Not `\n`: a line never holds one, so a line scanned
  /// before its end is known (``AudioFastPath/scanLine(atStartOf:)``) stops at it; a WebSocket
  /// message with new lines between its tokens takes the full decoder.
  @inline(__always) mutating func skipSpace() {
    while index < count {
      let b = byte(index)
      guard b == 0x20 || b == 0x09 || b == 0x0D else { return }
      index += 1
    }
  }

  @inline(__always) mutating func expect(_ ascii: UInt8) -> Bool {
    skipSpace()
    guard index < count, byte(index) == ascii else { return false }
    index += 1
    return true
  }

  /// Scans the object at the cursor. `allowEvent` is true at the top level, where `event` may be
  /// the nested event object of a timed line; `top.audio` is the type of a bare line.
  mutating func scanObject(into top: inout AudioFastPath.ObjectScan, allowEvent: Bool) -> Bool {
    guard expect(UInt8(ascii: "{")) else { return false }
    skipSpace()
    if index < count, byte(index) == UInt8(ascii: "}") { return false }
    while true {
      guard expect(UInt8(ascii: "\"")), let (keyStart, keyEnd) = plainString() else { return false }
      let key = classify(keyStart, keyEnd)
      guard expect(UInt8(ascii: ":")) else { return false }
      skipSpace()
      switch key {
      case .header: return false
      case .type:
        guard !top.sawType, let kind = audioType() else { return false }
        top.sawType = true
        top.audio = kind
      case .t:
        guard top.seconds == nil, let seconds = number(parse: true) else { return false }
        top.seconds = seconds
      case .dir:
        guard top.direction == nil, let direction = directionValue() else { return false }
        top.direction = direction
      case .event:
        guard allowEvent, !top.sawEvent else { return false }
        top.sawEvent = true
        var inner = AudioFastPath.ObjectScan()
        guard scanObject(into: &inner, allowEvent: false), let kind = inner.audio,
          inner.seconds == nil, inner.direction == nil
        else { return false }
        top.event = AudioFastPath.EventScan(
          audio: kind, audioPayload: inner.audioPayload, deltaPayload: inner.deltaPayload,
          audioStart: inner.audioStart, audioEnd: inner.audioEnd)
      case .audio:
        guard top.audioPayload == nil, let payload = payload() else { return false }
        top.audioPayload = payload
      case .delta:
        guard top.deltaPayload == nil, let payload = payload() else { return false }
        top.deltaPayload = payload
      case .audioStart:
        guard top.audioStart == nil, let value = plainInteger() else { return false }
        top.audioStart = value
      case .audioEnd:
        guard top.audioEnd == nil, let value = plainInteger() else { return false }
        top.audioEnd = value
      case .other:
        guard scalar() else { return false }
      }
      skipSpace()
      guard index < count else { return false }
      let separator = byte(index)
      index += 1
      if separator == UInt8(ascii: "}") { return true }
      guard separator == UInt8(ascii: ",") else { return false }
    }
  }

  private func matches(_ start: Int, _ end: Int, _ literal: StaticString) -> Bool {
    guard end - start == literal.utf8CodeUnitCount else { return false }
    return memcmp(base + start, literal.utf8Start, end - start) == 0
  }

  private func classify(_ start: Int, _ end: Int) -> Key {
    switch end - start {
    case 1: return byte(start) == UInt8(ascii: "t") ? .t : .other
    case 3: return matches(start, end, "dir") ? .dir : .other
    case 4: return matches(start, end, "type") ? .type : .other
    case 5:
      if matches(start, end, "event") { return .event }
      if matches(start, end, "audio") { return .audio }
      if matches(start, end, "delta") { return .delta }
      return .other
    case 12: return matches(start, end, "audio_end_ms") ? .audioEnd : .other
    case 14: return matches(start, end, "audio_start_ms") ? .audioStart : .other
    case 16: return matches(start, end, "rtcost_recording") ? .header : .other
    default: return .other
    }
  }

  private mutating func audioType() -> AudioFastPath.Kind? {
    guard index < count, byte(index) == UInt8(ascii: "\""), advance(),
      let (start, end) = plainString()
    else { return nil }
    for kind in AudioFastPath.Kind.allCases {
      let matched = AudioFastPath.Kind.names[kind.rawValue].utf8.withContiguousStorageIfAvailable { name in
        name.count == end - start && memcmp(base + start, name.baseAddress!, name.count) == 0
      }
      if matched == true { return kind }
    }
    return nil
  }

  private mutating func directionValue() -> EventDirection? {
    guard index < count, byte(index) == UInt8(ascii: "\""), advance(),
      let (start, end) = plainString()
    else { return nil }
    if matches(start, end, "server") { return .server }
    if matches(start, end, "client") { return .client }
    if matches(start, end, "local") { return .local }
    return nil
  }

  /// A base64 payload string: its length and trailing `=` count (up to 3).
  private mutating func payload() -> (Int, Int)? {
    guard index < count, byte(index) == UInt8(ascii: "\""), advance(),
      let (start, end) = plainString()
    else { return nil }
    var padding = 0
    while padding < 3, end - padding > start, byte(end - padding - 1) == UInt8(ascii: "=") { padding += 1 }
    return (end - start, padding)
  }

  @inline(__always) private mutating func advance() -> Bool {
    index += 1
    return true
  }

  /// A string value, number, `true`, `false` or `null`; containers are refused.
  private mutating func scalar() -> Bool {
    guard index < count else { return false }
    switch byte(index) {
    case UInt8(ascii: "\""):
      index += 1
      return plainString() != nil
    case UInt8(ascii: "t"): return literal("true")
    case UInt8(ascii: "f"): return literal("false")
    case UInt8(ascii: "n"): return literal("null")
    default: return number(parse: false) != nil
    }
  }

  private mutating func literal(_ text: StaticString) -> Bool {
    let n = text.utf8CodeUnitCount
    guard count - index >= n, memcmp(base + index, text.utf8Start, n) == 0 else { return false }
    index += n
    return true
  }

  /// A JSON number (``JSONNumberText``); its value when `parse` (0 otherwise).
  private mutating func number(parse: Bool) -> Double? {
    guard let end = JSONNumberText.end(in: base, count: count, from: index) else { return nil }
    defer { index = end }
    guard parse else { return 0 }
    return JSONNumberText.double(UnsafeRawBufferPointer(start: base + index, count: end - index))
  }

  /// A number written as plain digits (no sign, fraction or exponent), as the full decoder reads
  /// an integer field; nil for anything else (the line then takes the full path).
  private mutating func plainInteger() -> Double? {
    let start = index
    let count = digits()
    // JSON has no leading zeros: `00` or `01` are not numbers.
    guard (1...13).contains(count), count == 1 || byte(start) != UInt8(ascii: "0") else { return nil }
    if index < count, byte(index) == UInt8(ascii: ".") || byte(index) | 0x20 == UInt8(ascii: "e") {
      return nil
    }
    var value = 0.0
    for offset in start..<index { value = value * 10 + Double(byte(offset) - UInt8(ascii: "0")) }
    return value
  }

  private mutating func digits() -> Int {
    let start = index
    while index < count, byte(index) &- UInt8(ascii: "0") < 10 { index += 1 }
    return index - start
  }

  /// The body of a string whose opening quote was consumed: `(start, end)` of its bytes, with the
  /// cursor after the closing quote. Nil when the string holds anything but printable ASCII without
  /// escapes (a backslash, a control character, a byte ≥ 0x80) or is unterminated.
  /// - Complexity: 64 bytes per step (SIMD), then 32 and 16: a block is stepped through byte by byte
  ///   when any of its bytes is `\`, below 0x23 (controls, space, `!`, `"`) or above 0x7F.
  @inline(__always) private mutating func plainString() -> (Int, Int)? {
    let start = index
    // Signed bytes: one `< 0x23` compare catches control characters, every byte >= 0x80 and `"`
    // (and space and `!`, which the byte loop below lets through before the vectors go on).
    let low = SIMD16<Int8>(repeating: 0x23)
    let backslash = SIMD16<Int8>(repeating: 0x5C)
    let none = SIMD16<Int8>(repeating: 0)
    while true {
      // 64 bytes a step, one test for the four vectors: a payload is thousands of bytes long.
      while index + 64 <= count {
        let a = base.loadUnaligned(fromByteOffset: index, as: SIMD16<Int8>.self)
        let b = base.loadUnaligned(fromByteOffset: index + 16, as: SIMD16<Int8>.self)
        let c = base.loadUnaligned(fromByteOffset: index + 32, as: SIMD16<Int8>.self)
        let d = base.loadUnaligned(fromByteOffset: index + 48, as: SIMD16<Int8>.self)
        let stop =
          (a .< low) .| (a .== backslash) .| (b .< low) .| (b .== backslash) .| (c .< low)
          .| (c .== backslash) .| (d .< low) .| (d .== backslash)
        let flags = unsafeBitCast(none.replacing(with: -1, where: stop), to: SIMD2<UInt64>.self)
        if flags[0] | flags[1] != 0 { break }
        index += 64
      }
      while index + 32 <= count {
        let a = base.loadUnaligned(fromByteOffset: index, as: SIMD16<Int8>.self)
        let b = base.loadUnaligned(fromByteOffset: index + 16, as: SIMD16<Int8>.self)
        let stop = (a .< low) .| (a .== backslash) .| (b .< low) .| (b .== backslash)
        let flags = unsafeBitCast(none.replacing(with: -1, where: stop), to: SIMD2<UInt64>.self)
        if flags[0] | flags[1] != 0 { break }
        index += 32
      }
      while index + 16 <= count {
        let v = base.loadUnaligned(fromByteOffset: index, as: SIMD16<Int8>.self)
        let stop = (v .< low) .| (v .== backslash)
        let flags = unsafeBitCast(none.replacing(with: -1, where: stop), to: SIMD2<UInt64>.self)
        if flags[0] | flags[1] != 0 { break }
        index += 16
      }
      // Byte by byte through the block that stopped the vectors (or the last bytes).
      let limit = min(count, index + 32)
      while index < limit {
        let b = byte(index)
        if b == UInt8(ascii: "\"") {
          let end = index
          index += 1
          return (start, end)
        }
        guard b >= 0x20, b < 0x80, b != UInt8(ascii: "\\") else { return nil }
        index += 1
      }
      if index >= count { return nil }
    }
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
