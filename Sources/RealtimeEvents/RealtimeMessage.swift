/// Decodes one Realtime API message (a WebSocket text frame, a data-channel message, a logged event)
/// into a ``RealtimeEvent``, so that an app can feed its frames straight into the session guard.
///
/// ```swift
/// let event = try RealtimeMessage.decode(frameText)
/// let actions = sessionGuard.handle(event, at: now)
/// ```
/// Audio messages (`input_audio_buffer.append`, audio deltas) are measured from the base64 length
/// without decoding the payload, as the recording reader does; everything else goes through the
/// same decoder the reader uses, so a message means the same here as in a recording.
public enum RealtimeMessage {
  /// The event in one message (a JSON object with a `type`).
  /// - Complexity: O(message size); no copy of an audio payload is made.
  public static func decode(_ message: UnsafeRawBufferPointer) throws(RealtimeMessageError) -> RealtimeEvent {
    if let fast = AudioFastPath.scan(message), fast.seconds == nil { return fast.event }
    let decoded: DecodedLine
    do {
      decoded = try LineDecoding().decode(message)
    } catch {
      throw RealtimeMessageError(kind: error.kind)
    }
    guard case .bare(let event) = decoded else { throw RealtimeMessageError(kind: .notARecordingLine) }
    return event.event
  }

  /// The event in one message given as text.
  public static func decode(_ message: String) throws(RealtimeMessageError) -> RealtimeEvent {
    var text = message
    let result = text.withUTF8 { bytes in
      Result { () throws(RealtimeMessageError) in try decode(UnsafeRawBufferPointer(bytes)) }
    }
    return try result.get()
  }

  /// The event in one message given as bytes.
  public static func decode(bytes: [UInt8]) throws(RealtimeMessageError) -> RealtimeEvent {
    let result = bytes.withUnsafeBytes { buffer in
      Result { () throws(RealtimeMessageError) in try decode(buffer) }
    }
    return try result.get()
  }

  /// The direction of an event seen on its own: who sends events of its type.
  public static func direction(of event: RealtimeEvent) -> EventDirection { event.defaultDirection }
}

/// A message that is not a Realtime event the decoder can read.
public struct RealtimeMessageError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What is wrong, as a recording reader would say it of a line.
  public var kind: RecordingError.Kind

  public init(kind: RecordingError.Kind) { self.kind = kind }

  public var description: String {
    if case .notARecordingLine = kind {
      return "not a Realtime event: a message is one JSON object with a \"type\""
    }
    return RecordingError(file: "message", line: 0, kind: kind).message
  }
}
