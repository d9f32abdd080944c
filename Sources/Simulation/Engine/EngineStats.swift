public import Billing
public import RealtimeEvents
public import SessionGuard

/// Where a response came from.
public enum ResponseOrigin: UInt8, Sendable, Equatable, CaseIterable {
  /// A genuine user turn (both responses of a function call round trip count).
  case genuine
  /// A noise burst the VAD committed.
  case noise
  /// A server `idle_timeout_ms` re-prompt.
  case reprompt
}

/// What one engine run did: the world's own counts, beside the billed usage.
public struct EngineStats: Sendable, Equatable {
  /// Events delivered to the consumer.
  public var events = 0
  /// Sessions opened.
  public var sessions = 0
  /// Reconnects after a close (a subset of ``sessions``).
  public var reconnects = 0
  /// Sessions closed by the policy for idleness.
  public var idleDisconnects = 0
  /// Sessions closed by the policy for cost.
  public var budgetDisconnects = 0
  /// Sessions the server closed at the length cap.
  public var expiries = 0
  /// GPT-Live: sessions the server closed after ``LiveSessionModel/serverIdleTimeout`` of quiet.
  public var serverIdleCloses = 0
  /// Genuine user turns heard by the agent.
  public var genuineTurns = 0
  /// Noise bursts committed while the mic streamed.
  public var noiseBurstsHeard = 0
  /// Noise bursts that fell while the session was closed (not billed).
  public var noiseBurstsMissed = 0
  /// Local user commands.
  public var userCommands = 0
  /// Responses by origin, indexed by ``ResponseOrigin/rawValue``.
  public var responses = [0, 0, 0]
  /// Speech during an answer (server VAD `interrupt_response`): the answer was truncated.
  public var bargeIns = 0
  /// Responses cancelled by a barge-in while still generating (billed for what was generated).
  public var cancelledResponses = 0
  /// Function calls made.
  public var functionCalls = 0
  /// Responses whose input was truncated.
  public var truncations = 0
  /// Billed usage, all responses.
  public var tokens = TokenCounts.zero
  /// The billed usage had an exact-prefix cache served every response all it could (the whole
  /// previous input, else the prompt): the always-cached bound. The never-cached bound is
  /// ``tokens`` with the cached input billed uncached.
  public var alwaysCachedTokens = TokenCounts.zero
  /// Billed usage of noise responses and re-prompts (the avoidable part).
  public var avoidableTokens = TokenCounts.zero
  /// Committed audio transcribed by a duration-billed model (µs).
  public var transcribedDuration: Micros = 0
  /// Tokens of token-billed transcription: audio in, text out.
  public var transcriptionAudioTokens: Int64 = 0
  public var transcriptionTextTokens: Int64 = 0
  /// Genuine turns heard but never answered because the session closed first (the server's
  /// length cap, a policy disconnect, a hang-up or the horizon): the user has to repeat them.
  public var turnsCutOff = 0
  /// Genuine turns that waited for a reconnect.
  public var turnsDelayed = 0
  /// Each delay a reconnect added to a genuine turn, in order.
  public var delays: [Micros] = []
  /// Conversations that continued in a new session: their memory was lost.
  public var conversationsMemoryLost = 0
  /// Total time with a session open.
  public var connectedTime: Micros = 0
  /// GPT-Live: billed session time (each session's final usage, the WebRTC floor included), its
  /// standby part, the usage reports sent, and the delegated backend responses and their tokens.
  public var liveSessionTime: Micros = 0
  public var liveStandbyTime: Micros = 0
  public var liveUsageReports = 0
  public var backendResponses = 0
  public var backendTokens = BackendUsage(inputTokens: 0, outputTokens: 0)
  /// Cost warnings the guard's AlertPolicy fired (``GuardPolicy`` only).
  public var warningsFired = 0
  /// Cost alerts the guard's AlertPolicy fired (``GuardPolicy`` only).
  public var alertsFired = 0
  /// When the first alert (not warning) fired; nil when none did.
  public var firstAlertAt: Micros? = nil
  /// Every warning and alert, in order, with its time, window and amount.
  public var alerts: [Alert] = []

  public init() {}

  /// Responses of one origin.
  public func responses(_ origin: ResponseOrigin) -> Int { responses[Int(origin.rawValue)] }
}
