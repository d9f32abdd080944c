public import Billing
public import RealtimeEvents

/// The world trace of a recording, as the calibration re-runs it: what entered the conversation and
/// what each billed response produced, in recorded order.
///
/// Extracted from the normalized events plus three numbers the event model does not keep, read
/// from the raw lines: `audio_start_ms` and `audio_end_ms` of `speech_started`/`speech_stopped`
/// (the server's own span of the committed audio, prefix padding and trailing silence included),
/// and `audio_end_ms` of `conversation.item.truncated` (what played of an interrupted answer).
public struct RecordedTrace: Sendable, Equatable {
  /// One thing that happened to the conversation.
  public enum Step: Sendable, Equatable {
    /// A new session (`session.created`): empty context, cold cache.
    case newSession
    /// Committed user audio of this length (µs).
    case userAudio(Micros)
    /// A text item the recording does not size (a user text message, a tool result): its special
    /// tokens plus `tokens`.
    case textItem(tokens: Int64)
    /// A billed response (index into ``responses``) starting at `time`.
    case response(index: Int, time: Micros)
    /// The newest answer was truncated to the first `played` µs.
    case truncate(played: Micros)
    /// A response cancelled before anything was billed (all-zero usage): a barge-in that the
    /// server processed no input for.
    case cancelledUnbilled
  }

  /// A recorded `response.done` and its output sizes.
  public struct Response: Sendable, Equatable {
    /// The 1-based line of its `response.done`.
    public var line: Int
    public var status: ResponseStatus
    /// The billed usage as recorded.
    public var recorded: TokenCounts
    /// Output audio, from the recorded output audio tokens at 20 tok/s.
    public var outputAudio: Micros
    /// Output text tokens (transcript, and call arguments for a call-only response).
    public var outputText: Int64
    /// Whether it produced a function call.
    public var functionCall: Bool
  }

  public var steps: [Step] = []
  public var responses: [Response] = []
  /// Responses not billed at all (cancelled before generation: all-zero usage), by line; the
  /// server processed no input for them, so they are left out of the comparison.
  public var unbilledLines: [Int] = []
  /// Whether the recording had timestamps; a bare one is spaced by ``nominalSpacing`` per event.
  public var timed = true
  /// The recorded model (from `session.created`), if any.
  public var model: String?

  /// Event spacing assumed in a bare recording (only the cache lifetime depends on time).
  public static let nominalSpacing: Micros = 100_000

  public init() {}
}
