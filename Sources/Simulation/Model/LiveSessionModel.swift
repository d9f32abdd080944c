public import RealtimeEvents

/// How a GPT-Live session behaves and bills in the world model (DESIGN §7.4): the scenario's
/// `live:` section, used when the scenario (or `forecast --models`) names a GPT-Live model.
///
/// The world (user turns, noise, commands) is the same as under the Realtime API; only the
/// session is different. Billed time runs from `session.started` to `session.closed`, silence
/// before the idle timeout included; a WebRTC session configured for standby bills the standby
/// rate while inference is paused. Sources are uncertain for most of this (marked UNCERTAIN); each
/// value is a named parameter under the snake_case key given.
public struct LiveSessionModel: Sendable, Equatable {
  /// How the app connects.
  public enum Transport: String, Sendable, Equatable, CaseIterable {
    /// A WebSocket (server-side apps, telephony bridges): no initialisation charge, no standby.
    case websocket
    /// WebRTC (devices, browsers): a creation bills the initialisation charge (15 s), credited
    /// once the session runs, so a session shorter than it still pays it; standby is possible.
    case webrtc
  }

  /// `transport`: `websocket` (default) or `webrtc`.
  public var transport: Transport = .websocket
  /// `standby_after`: a WebRTC session configured for standby pauses inference after this much
  /// quiet (no user speech, no model output, no backend work) and bills the standby rate until
  /// the user speaks again; nil (the default) is no standby. UNCERTAIN: the setting's name and its
  /// server-side default are not published ("Managing idle sessions" in OpenAI's live-conversations
  /// guide; the cost guide bills "silence before the idle timeout expires" as active).
  public var standbyAfter: Micros? = nil
  /// `session_limit`: the server closes a session this long after it started (`expired`).
  /// UNCERTAIN: no maximum is published; 60 min (the Realtime cap) is assumed.
  public var sessionLimit: Micros = 3_600_000_000
  /// `server_idle_timeout`: the API's own idle timeout: the server closes a session after this much
  /// quiet (no speech heard, no model output, no backend work: the quiet ``standbyAfter`` counts),
  /// whatever the app does; nil (`off`, the default) leaves a quiet session open until
  /// ``sessionLimit``. The engine closes it as ``SessionCloseReason/upstreamClosed`` (the API
  /// closed it; no close reason names a server idle close) and sends `session.closed` with reason
  /// `expired`; the next user turn reconnects. UNCERTAIN: OpenAI's live-conversations guide
  /// ("Managing idle sessions") and cost guide ("silence before the idle timeout expires") say
  /// a server idle timeout exists, but not its setting's name, its value or its close reason.
  public var serverIdleTimeout: Micros? = nil
  /// `usage_report_interval`: how often the API sends `session.usage.updated`. UNCERTAIN (not
  /// documented); 10 s assumed. Billing does not depend on it (the reports are cumulative); only
  /// when alerts see the API's figure does (between reports they see the clock).
  public var usageReportInterval: Micros = 10_000_000
  /// `delegation_fraction`: the fraction of genuine turns without a tool call that the voice
  /// model delegates to the backend Responses model (turns with a tool call always delegate: the
  /// tools run there). Assumption: 0.
  public var delegationFraction: Double = 0
  /// `delegation_latency`: how long backend work takes for a delegated turn without a tool (a tool
  /// call takes its own duration). Assumption: 2 s, billed as active time.
  public var delegationLatency: Micros = 2_000_000
  /// `backend_model`: the model whose text prices price the backend tokens (any model of the book
  /// or a price file). Assumption: `gpt-realtime-2`, whose text prices ($4 in, $0.40 cached, $24
  /// out per 1M) stand in for a Responses model; give your backend's row with `prices:`.
  public var backendModel = "gpt-realtime-2"
  /// `backend_input_tokens`: input tokens of one delegated backend response (the conversation so
  /// far and the tools). Assumption: 2,000.
  public var backendInputTokens: Int64 = 2_000
  /// `backend_cached_input_tokens`: the cached part of them. Assumption: 1,024.
  public var backendCachedInputTokens: Int64 = 1_024
  /// `backend_output_tokens`: output tokens of one backend response, reasoning included.
  /// Assumption: 300.
  public var backendOutputTokens: Int64 = 300
  /// `backend_reasoning_tokens`: the reasoning part of them. Assumption: 100.
  public var backendReasoningTokens: Int64 = 100

  public init() {}
}
