public import RealtimeEvents

/// Every assumption of the world model, named, defaulted and sourced (docs/simulation.md lists them).
///
/// "DESIGN §1" cites the billing facts of the design brief (OpenAI's "Managing costs" guide, the
/// launch post, the model pages). Everything marked *assumption* is not documented by OpenAI and
/// can be overridden in a scenario's `world_model:` section under the snake_case key given.
public struct WorldModelParameters: Sendable, Equatable {
  /// `user_audio_tokens_per_second`: user audio is 1 token per 100 ms (DESIGN §1).
  public var userAudioTokensPerSecond: Int64 = 10
  /// `assistant_audio_tokens_per_second`: assistant audio is 1 token per 50 ms (DESIGN §1).
  public var assistantAudioTokensPerSecond: Int64 = 20
  /// `assistant_audio_in_context`: earlier assistant audio comes back as input audio tokens, at the
  /// output rate (DESIGN §1; openai-realtime-console#50: input audio grows ~200 tokens a turn with
  /// ~176 output audio tokens a turn).
  public var assistantAudioInContext = true
  /// `assistant_transcript_in_context`: the assistant's transcript also re-enters as input text.
  /// Assumption, supported by console#50 (input text grows ~62 a turn with ~48 transcript tokens).
  public var assistantTranscriptInContext = true
  /// `special_tokens_per_item`: text tokens each conversation item adds besides its content.
  /// Fitted to the banyan captures' text input (``CacheCalibration``: 7 gives the smallest context
  /// size error, with the transcript of a truncated item deleted); console#50's ~14 a turn is two
  /// items of 7. (Before the fit: 4, an assumption from DESIGN §1's "10 text tokens may count as 12".)
  public var specialTokensPerItem: Int64 = 7
  /// `cache_granularity`: cached counts are multiples of 64 tokens (DESIGN §1, observed).
  public var cacheGranularity: Int64 = 64
  /// `cache_lifetime`: a cached prefix survives this much time since the previous response.
  /// Assumption: not documented for Realtime (DESIGN §1); OpenAI's prompt-caching guide says
  /// 5–10 minutes of inactivity. Default 5 min.
  public var cacheLifetime: Micros = 300_000_000
  /// `context_window`: input token limit; nil (the default) takes the model's from its price-book
  /// row (gpt-realtime 32,768; gpt-realtime-2 and later 128,000), else ``defaultContextWindow``.
  public var contextWindow: Int64? = nil
  /// `transcript_tokens_per_minute`: text tokens a token-billed transcription model outputs per
  /// minute of speech. Assumption: ~150 words/min × ~1.33 tokens/word = 200.
  public var transcriptTokensPerMinute: Int64 = 200
  /// `transcription_audio_tokens_per_second`: audio input tokens of a token-billed transcription.
  /// Assumption: the same 10 tok/s as Realtime user audio.
  public var transcriptionAudioTokensPerSecond: Int64 = 10
  /// `first_audio_latency`: from `response.created` to the first audio delta. Assumption: 500 ms.
  public var firstAudioLatency: Micros = 500_000
  /// `audio_delta_duration`: audio carried by one `response.output_audio.delta`. Assumption: 100 ms.
  public var audioDeltaDuration: Micros = 100_000
  /// `audio_delta_interval`: time between deltas; below `audio_delta_duration` because the model
  /// generates faster than real time (DESIGN §1). Assumption: 50 ms (2× real time).
  public var audioDeltaInterval: Micros = 50_000
  /// `function_call_latency`: from `response.created` to `function_call_arguments.done`.
  /// Assumption: 400 ms.
  public var functionCallLatency: Micros = 400_000
  /// `transcription_delay`: from commit to `input_audio_transcription.completed`. Assumption: 300 ms.
  public var transcriptionDelay: Micros = 300_000
  /// `reprompt_audio`: audio length of a server `idle_timeout_ms` re-prompt ("are you still there?").
  /// Assumption: 3 s.
  public var repromptAudio: Micros = 3_000_000
  /// `reprompt_text_tokens`: transcript tokens of a re-prompt. Assumption: 10.
  public var repromptTextTokens: Int64 = 10
  /// `max_consecutive_reprompts`: re-prompts in a row without user speech; nil = unlimited.
  /// Assumption: the GA docs restart the timer after every response's audio, so nil (unlimited).
  public var maxConsecutiveReprompts: Int? = nil
  /// `expiry_reconnect_latency`: time to reopen a session after `session_expired` (always-on apps
  /// reconnect at once). Assumption: 1 s.
  public var expiryReconnectLatency: Micros = 1_000_000
  /// `mic_append_interval`: how often the engine emits `input_audio_buffer.append` while the mic
  /// streams. Appends are not billed and only matter to the seed's every-event activity rule, so
  /// any interval below the check interval reproduces it. Assumption: 1 s (real apps send 20–100 ms).
  public var micAppendInterval: Micros = 1_000_000

  // MARK: Reasoning models

  /// `reasoning_tokens`: reasoning tokens a reasoning model generates per response, by effort,
  /// billed as text output (they arrive inside `output_token_details.text_tokens`) and not kept in
  /// the conversation. Assumption (OpenAI publishes none): 0 at minimal; high's 250 is the 1.21 s
  /// it adds to the time to first audio (next parameter) at an assumed 200 reasoning tokens/s;
  /// low, medium and xhigh are scaled from it.
  public var reasoningTokens = ReasoningBudget(minimal: 0, low: 50, medium: 150, high: 250, xhigh: 500)
  /// `reasoning_first_audio_latency`: time from `response.created` to the first audio delta of a
  /// reasoning model, by effort (replaces `first_audio_latency` for it). Source: 1.12 s at minimal
  /// and 2.33 s at high (OpenAI's launch figures for gpt-realtime-2, as reported by DeepLearning.AI
  /// The Batch, 2026-05); low, medium and xhigh interpolated/extrapolated (assumption).
  public var reasoningFirstAudioLatency = ReasoningBudget(
    minimal: 1_120_000, low: 1_420_000, medium: 1_830_000, high: 2_330_000, xhigh: 2_830_000)

  /// The input limit when neither the scenario nor the model's row gives one (gpt-realtime's).
  public static let defaultContextWindow: Int64 = 32_768

  // MARK: The calibrated cache (DESIGN §7.6; keys `cache_*` and `truncation_deletes_transcript`)

  /// The cache's behaviours fitted to the real captures: misses after a barge-in, how much of the
  /// prefix a hit serves, a prompt warm across sessions, a minimum input, the transcript of a
  /// truncated item deleted (``CacheBehaviour``).
  public var cache = CacheBehaviour()

  // MARK: -

  public init() {}

  /// The time from `response.created` to the first audio delta: the reasoning latency of the
  /// session's effort for a reasoning model, else ``firstAudioLatency``.
  public func firstAudio(effort: ReasoningEffort?) -> Micros {
    effort.map { reasoningFirstAudioLatency[$0] } ?? firstAudioLatency
  }

  /// The world model before its calibration to the real captures (DESIGN §7.6): 4 special tokens per
  /// item and the exact-prefix cache (``CacheBehaviour/exactPrefix``). `replay --resimulate` reports
  /// its error beside the calibrated defaults'.
  public static let beforeCalibration: WorldModelParameters = {
    var parameters = WorldModelParameters()
    parameters.specialTokensPerItem = 4
    parameters.cache = .exactPrefix
    return parameters
  }()

  /// Audio tokens for `micros` of audio at `perSecond`, rounded up to a whole token.
  public static func audioTokens(_ micros: Micros, perSecond: Int64) -> Int64 {
    micros <= 0 ? 0 : (micros * perSecond + 999_999) / 1_000_000
  }
}
