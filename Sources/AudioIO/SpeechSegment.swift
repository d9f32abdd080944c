/// One turn found by the VAD emulation: speech from ``start`` to ``end``, in microseconds of audio.
///
/// Times are `Int64` microseconds from the start of the audio, the unit of `RealtimeEvents.Micros`.
/// A segment is *committed* when ``VADParameters/silenceDurationMs`` of silence followed it before the
/// audio ended (the server then commits the buffer and bills a user turn); a segment still open when
/// the audio ends is *pending*: a server would bill it only after more silence or a client commit.
public struct SpeechSegment: Equatable, Sendable {
  /// Start of the first speech frame (the server's `speech_started.audio_start_ms`).
  public var start: Int64
  /// End of the last speech frame (the server's `speech_stopped.audio_end_ms`).
  public var end: Int64
  /// Audio kept before ``start``: the configured prefix padding, or less when the audio since the
  /// previous commit (or since the audio began) is shorter.
  public var prefixPadding: Int64
  /// When the server commits the turn: the end of the frame that completed the silence; nil when pending.
  public var committedAt: Int64?

  /// A segment.
  public init(start: Int64, end: Int64, prefixPadding: Int64, committedAt: Int64?) {
    self.start = start
    self.end = end
    self.prefixPadding = prefixPadding
    self.committedAt = committedAt
  }

  /// Whether the server would have committed (and billed) this turn.
  public var isCommitted: Bool { committedAt != nil }
  /// Speech duration, `end − start`.
  public var speechMicros: Int64 { end - start }
  /// The audio billed for the turn: prefix padding plus speech.
  public var billedMicros: Int64 { end - start + prefixPadding }
  /// Input audio tokens for ``billedMicros`` at 10 tokens per second, rounded up (``InputAudioTokens``).
  public var audioTokens: Int64 { InputAudioTokens.count(micros: billedMicros) }
}

/// User (input) audio tokens: 1 token per 100 ms, 10 tokens per second (DESIGN §1).
///
/// Rounding: a turn's billed audio is rounded **up** to whole 100 ms (a 0.75 s turn is 8 tokens),
/// per committed turn, never summed as fractions first. OpenAI does not document the rounding; up
/// is the assumption because the audio encoder emits a token for every started 100 ms window.
public enum InputAudioTokens {
  /// Microseconds of user audio per token.
  public static let microsPerToken: Int64 = 100_000

  /// Tokens for `micros` of user audio (0 for zero or negative durations).
  public static func count(micros: Int64) -> Int64 {
    micros <= 0 ? 0 : (micros + microsPerToken - 1) / microsPerToken
  }
}
