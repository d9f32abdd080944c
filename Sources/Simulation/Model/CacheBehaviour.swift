/// How the server's prompt cache behaves, as the real captures show it (DESIGN §7.6): the world
/// model's cache parameters beyond ``WorldModelParameters/cacheGranularity`` and
/// ``WorldModelParameters/cacheLifetime``.
///
/// Caching is automatic, best-effort and exact-prefix (DESIGN §1). The defaults are fitted to the
/// two banyan captures by ``CacheCalibration/fit(_:)`` (docs/simulation.md, "The cache, calibrated"):
/// two probabilities by maximum likelihood from the hits and misses they show, the rest by the
/// smallest token error. Each can be overridden in a scenario's `world_model:` under its key.
public struct CacheBehaviour: Sendable, Equatable, Hashable {
  /// `cache_miss_after_barge_in`: the probability that a response after a barge-in (a response
  /// cancelled by `turn_detected`, or a `conversation.item.truncated`, since the previous response)
  /// misses the cache entirely. Fitted: of the 7 such responses in the banyan captures (6 in log1,
  /// 1 in log2), 5 had nothing cached (DESIGN §7.6: "one response after a barge-in still hit, so the
  /// rule is probabilistic"; log2's second response hit after one too).
  public var missAfterBargeIn: Double = 5.0 / 7.0
  /// `cache_hit_unserved_tail`: the newest tokens of the previous input a hit does not serve: a hit
  /// serves ⌊(previous input − tail) / granularity⌋ · granularity, or the prompt when that is more.
  /// Fitted: log1's hit on a 1,491-token previous input served 1,408, not the exact-prefix rule's
  /// 1,472, and its hit on 954 served the prompt's 832, not 896; a tail of 64 makes every cached
  /// count of both captures either 0 or the rule's hit.
  public var unservedTail: Int64 = 64
  /// `cache_prompt_shared`: the probability that the prompt (instructions and tools) is warm from
  /// other sessions using it when this device has not used it within the cache lifetime (a fleet
  /// sharing one prompt). Fitted: of the two captures' first responses, log2's was served 832 cached
  /// tokens and log1's none.
  public var promptShared: Double = 0.5
  /// `cache_warm_across_reconnects`: a new session of the same device finds its prompt cached when
  /// the device's previous response was within the cache lifetime (the cache is keyed by prefix, not
  /// by session). Source: DESIGN §7.6 (log2's first response 832 cached; openai-dotnet#1045: 1,408),
  /// so "a reconnect starts cold" overstates what a reconnect costs.
  public var warmAcrossReconnects = true
  /// `cache_minimum_input`: inputs shorter than this get nothing cached. OpenAI's prompt-caching guide
  /// names 1,024 tokens for other APIs; the captures refute it for Realtime (log2's 853- and
  /// 911-token inputs had 832 cached each). Fitted: 0.
  public var minimumInput: Int64 = 0
  /// `truncation_deletes_transcript`: truncating an assistant item (`conversation.item.truncate`)
  /// deletes its transcript from the context, so only the played audio stays (OpenAI's reference:
  /// "the server-side text transcript" is deleted). When false, a proportional part of the
  /// transcript stays. Fitted with ``WorldModelParameters/specialTokensPerItem`` (7) to the
  /// captures' text input, which grows by two items' special tokens and nothing more over a
  /// truncated answer (log2: 853 → 869 over a truncated 37-token answer).
  public var truncationDeletesTranscript = true

  public init() {}

  /// The rule before calibration (with ``WorldModelParameters/beforeCalibration``): the whole previous input cached (to the granule) whenever it is
  /// within the lifetime, never a miss after a barge-in, a cold cache after every reconnect, and a
  /// proportional transcript kept on truncation. `replay --resimulate` reports its error beside the
  /// calibrated one.
  public static let exactPrefix: CacheBehaviour = {
    var rule = CacheBehaviour()
    rule.missAfterBargeIn = 0
    rule.unservedTail = 0
    rule.promptShared = 0
    rule.warmAcrossReconnects = false
    rule.minimumInput = 0
    rule.truncationDeletesTranscript = false
    return rule
  }()
}
