/// Turns per-frame speech decisions into segments the way server VAD turns them into user turns.
///
/// A pure state machine. Speech starts at the first active frame. While speaking, the run of
/// inactive frames since the last active one is timed; when it reaches `silenceDuration` the segment
/// ends at the last active frame and is committed at the end of the frame that completed the
/// silence. The prefix padding of a segment is the configured padding or the audio since the
/// previous commit (the server's buffer holds nothing older), whichever is shorter.
struct TurnDetector {
  let prefixPadding: Int64
  let silenceDuration: Int64
  /// Audio time up to which the input buffer has been committed.
  private(set) var lastCommit: Int64 = 0
  private var speechStart: Int64?
  private var lastActiveEnd: Int64 = 0

  init(prefixPadding: Int64, silenceDuration: Int64) {
    self.prefixPadding = prefixPadding
    self.silenceDuration = silenceDuration
  }

  /// Whether a segment is open.
  var isSpeaking: Bool { speechStart != nil }

  /// Feeds one frame; returns the segment it commits, if any.
  mutating func frame(start: Int64, end: Int64, active: Bool) -> SpeechSegment? {
    if active {
      if speechStart == nil { speechStart = start }
      lastActiveEnd = end
      return nil
    }
    guard let open = speechStart, end - lastActiveEnd >= silenceDuration else { return nil }
    speechStart = nil
    let segment = SpeechSegment(
      start: open, end: lastActiveEnd, prefixPadding: min(prefixPadding, open - lastCommit), committedAt: end)
    lastCommit = end
    return segment
  }

  /// The segment still open when the audio ends (pending: not committed), if any.
  mutating func finish() -> SpeechSegment? {
    guard let open = speechStart else { return nil }
    speechStart = nil
    return SpeechSegment(
      start: open, end: lastActiveEnd, prefixPadding: min(prefixPadding, open - lastCommit), committedAt: nil)
  }
}
