public import Billing
public import RealtimeEvents

/// What one response generates.
public struct ResponseOutput: Sendable, Equatable {
  /// Spoken audio length (µs); 0 for a function-call-only response.
  public var audio: Micros
  /// Transcript text tokens of the audio (billed as text output).
  public var transcriptTokens: Int64
  /// Argument tokens of a function call the response makes; 0 when it makes none.
  public var functionCallArgumentsTokens: Int64
  /// Reasoning tokens (a reasoning model): billed as text output, not kept in the conversation.
  public var reasoningTokens: Int64

  public init(
    audio: Micros, transcriptTokens: Int64, functionCallArgumentsTokens: Int64 = 0, reasoningTokens: Int64 = 0
  ) {
    self.audio = audio
    self.transcriptTokens = transcriptTokens
    self.functionCallArgumentsTokens = functionCallArgumentsTokens
    self.reasoningTokens = reasoningTokens
  }
}

/// How a context settles the probabilistic parts of the cache model (``CacheBehaviour``).
public enum CacheEvaluation: Sendable, Equatable {
  /// Each response draws its outcome from the context's seeded generator (the engine).
  case sampled
  /// Each response is billed the expected cached tokens over the outcomes, rounded to whole tokens
  /// (the calibration: a probabilistic rule's prediction is its expectation).
  case expected
}

/// How the cache model reached a response's cached tokens (for calibration and its fit).
public struct CacheDecision: Sendable, Equatable {
  /// Which warm prefix was available.
  public enum Source: Sendable, Equatable {
    /// Nothing: the context was truncated in this response, or the input is below the minimum.
    case none
    /// The previous response of this session, within the lifetime.
    case previousInput
    /// The prompt, used by this device within the lifetime in another session.
    case devicePrompt
    /// The prompt, warm only if other sessions keep it so (``CacheBehaviour/promptShared``).
    case sharedPrompt
  }

  public var source: Source
  /// Whether a barge-in happened since the previous response (``CacheBehaviour/missAfterBargeIn``).
  public var afterBargeIn: Bool
  /// What a hit serves, to the granule.
  public var hitTokens: Int64

  public init(source: Source, afterBargeIn: Bool, hitTokens: Int64) {
    self.source = source
    self.afterBargeIn = afterBargeIn
    self.hitTokens = hitTokens
  }
}

/// The server-side conversation of one session and the usage each response is billed for.
///
/// Pure and allocation-free per response once its item buffer has grown: the input of a response
/// is the prompt (instructions + tools, text) followed by every retained item; each item is laid
/// out as its special tokens (text), then its audio, then its text.
///
/// The cached part of an input (docs/simulation.md, "The cache, calibrated") is what the cache
/// serves, rounded down to ``WorldModelParameters/cacheGranularity``:
/// - after a truncation of the context in this response: nothing (truncation busts the cache);
/// - else, when the previous response of this session is within ``WorldModelParameters/cacheLifetime``:
///   its input less ``CacheBehaviour/unservedTail``, or the prompt when that is more;
/// - else, when this device used the prompt within the lifetime (another session, with
///   ``CacheBehaviour/warmAcrossReconnects``): the prompt;
/// - else the prompt with probability ``CacheBehaviour/promptShared`` (other sessions keep it warm);
/// then nothing with probability ``CacheBehaviour/missAfterBargeIn`` when a barge-in happened since
/// the previous response, and nothing when the input is shorter than ``CacheBehaviour/minimumInput``.
/// A reconnect (``reset()``) empties the conversation.
///
/// Beside the modelled usage, each response's always-cached bound is kept (``lastAlwaysCached``):
/// the most any exact-prefix cache could serve (the whole previous input, else the prompt), so that
/// a forecast can state its range between never cached and always cached.
public struct ConversationContext: Sendable {
  /// One conversation item's tokens.
  struct Item: Sendable {
    var text: Int64
    var audio: Int64
  }

  public let parameters: WorldModelParameters
  /// Instructions + tools tokens at the head of every input.
  public let promptTokens: Int64
  public let truncation: Truncation
  public let evaluation: CacheEvaluation

  private var items: [Item] = []
  /// Index of the oldest retained item; items before it were truncated away.
  private var head = 0
  private var itemText: Int64 = 0
  private var itemAudio: Int64 = 0
  /// The previous response's input length: the prefix a warm cache can serve.
  private var cachedPrefix: Int64 = 0
  /// The previous response of this session.
  private var lastResponse: Micros? = nil
  /// The previous response of this device, in any session (the prompt's last use).
  private var lastUse: Micros? = nil
  private var truncatedSinceLastResponse = false
  /// A barge-in (a truncated answer or a cancelled response) since the previous response.
  private var interruptedSinceLastResponse = false
  /// Index in `items` of the newest assistant answer while it is still the newest item.
  private var lastAnswer: Int? = nil
  /// Draws of the probabilistic cache outcomes (``CacheEvaluation/sampled``).
  private var random: SplitMix64

  /// Responses whose input was truncated in this context's lifetime (resets included).
  public private(set) var truncations = 0
  /// The previous response's usage had the cache served everything an exact-prefix cache could.
  public private(set) var lastAlwaysCached = TokenCounts.zero
  /// How the previous response's cached tokens were reached.
  public private(set) var lastDecision = CacheDecision(source: .none, afterBargeIn: false, hitTokens: 0)

  /// A context billing with `parameters`; `cacheSeed` seeds the sampled cache outcomes.
  public init(
    parameters: WorldModelParameters, promptTokens: Int64, truncation: Truncation,
    evaluation: CacheEvaluation = .sampled, cacheSeed: UInt64 = 0
  ) {
    self.parameters = parameters
    self.promptTokens = promptTokens
    self.truncation = truncation
    self.evaluation = evaluation
    random = RandomStream.cache.generator(seed: cacheSeed)
    items.reserveCapacity(64)
  }

  /// Tokens the next response's input would hold now (before any truncation).
  public var inputTokens: Int64 { promptTokens + itemText + itemAudio }

  /// Retained conversation items.
  public var itemCount: Int { items.count - head }

  /// Adds a committed user audio message of `committed` length (padding and trailing silence
  /// included: the server bills the whole committed buffer).
  public mutating func addUserAudio(_ committed: Micros) {
    append(
      Item(
        text: parameters.specialTokensPerItem,
        audio: WorldModelParameters.audioTokens(committed, perSecond: parameters.userAudioTokensPerSecond)))
  }

  /// Adds a `function_call_output` item with `tokens` of result text.
  public mutating func addFunctionCallOutput(tokens: Int64) {
    append(Item(text: parameters.specialTokensPerItem + tokens, audio: 0))
  }

  /// Bills one response created at `now` and adds its output to the conversation.
  ///
  /// Order: truncate if the input exceeds the window (busting the cache), take the cached prefix,
  /// then append the response's output item (a `function_call` item, or an assistant message
  /// with its audio and transcript as configured).
  /// - Returns: the response's usage per billing category (image categories stay 0).
  /// - Complexity: O(items dropped + items walked to split the cached prefix into text and audio).
  public mutating func respond(at now: Micros, output: ResponseOutput) -> TokenCounts {
    truncateIfNeeded()
    let text = promptTokens + itemText
    let audio = itemAudio
    let (cachedText, cachedAudio) = cachedSplit(at: now, input: text + audio)
    var counts = TokenCounts.zero
    counts.textIn = text - cachedText
    counts.textInCached = cachedText
    counts.audioIn = audio - cachedAudio
    counts.audioInCached = cachedAudio
    let audioOut = WorldModelParameters.audioTokens(
      output.audio, perSecond: parameters.assistantAudioTokensPerSecond)
    counts.audioOut = audioOut
    counts.textOut = output.transcriptTokens + output.functionCallArgumentsTokens + output.reasoningTokens

    let bound = alwaysCachedSplit(input: text + audio)
    lastAlwaysCached = counts
    lastAlwaysCached.textIn = text - bound.text
    lastAlwaysCached.textInCached = bound.text
    lastAlwaysCached.audioIn = audio - bound.audio
    lastAlwaysCached.audioInCached = bound.audio

    cachedPrefix = text + audio
    lastResponse = now
    lastUse = now
    truncatedSinceLastResponse = false
    interruptedSinceLastResponse = false
    if output.functionCallArgumentsTokens > 0 {
      append(Item(text: parameters.specialTokensPerItem + output.functionCallArgumentsTokens, audio: 0))
    }
    if output.audio > 0 || output.transcriptTokens > 0 {
      append(
        Item(
          text: parameters.specialTokensPerItem
            + (parameters.assistantTranscriptInContext ? output.transcriptTokens : 0),
          audio: parameters.assistantAudioInContext ? audioOut : 0))
      lastAnswer = items.count - 1
    }
    return counts
  }

  /// A barge-in: the client truncates the newest answer to the `played` part of its `total` audio
  /// (`conversation.item.truncate`). Its audio tokens become those of the played audio; its
  /// transcript is deleted (``CacheBehaviour/truncationDeletesTranscript``) or shrinks in proportion
  /// (rounded down). Does nothing to the items when another item has been added since the answer.
  /// The next response counts as after a barge-in (``CacheBehaviour/missAfterBargeIn``).
  public mutating func truncateLastAnswer(keepingAudio played: Micros, of total: Micros) {
    interruptedSinceLastResponse = true
    guard let index = lastAnswer, index == items.count - 1, index >= head else { return }
    let item = items[index]
    let special = parameters.specialTokensPerItem
    let transcript = item.text - special
    let kept = min(max(0, played), total)
    let keptTranscript =
      parameters.cache.truncationDeletesTranscript ? 0 : total > 0 ? transcript * kept / total : transcript
    let keptAudio =
      parameters.assistantAudioInContext
      ? WorldModelParameters.audioTokens(kept, perSecond: parameters.assistantAudioTokensPerSecond) : 0
    let truncated = Item(text: special + keptTranscript, audio: min(keptAudio, item.audio))
    itemText += truncated.text - item.text
    itemAudio += truncated.audio - item.audio
    items[index] = truncated
    lastAnswer = nil
  }

  /// A response cancelled by turn detection before anything was billed: the next response counts
  /// as after a barge-in.
  public mutating func noteCancelledResponse() {
    interruptedSinceLastResponse = true
  }

  /// A new session: no items; the prompt stays warm for ``CacheBehaviour/warmAcrossReconnects``.
  public mutating func reset() {
    items.removeAll(keepingCapacity: true)
    head = 0
    itemText = 0
    itemAudio = 0
    cachedPrefix = 0
    lastResponse = nil
    truncatedSinceLastResponse = false
    interruptedSinceLastResponse = false
    lastAnswer = nil
  }

  // MARK: The cache

  /// The cached (text, audio) of an input of `input` tokens at `now`, by ``evaluation``.
  private mutating func cachedSplit(at now: Micros, input: Int64) -> (text: Int64, audio: Int64) {
    let cache = parameters.cache
    let lifetime = parameters.cacheLifetime
    let afterBargeIn = interruptedSinceLastResponse
    if truncatedSinceLastResponse || input < cache.minimumInput {
      lastDecision = CacheDecision(source: .none, afterBargeIn: afterBargeIn, hitTokens: 0)
      return (0, 0)
    }
    // What a warm cache serves (with its probability), before a barge-in's miss.
    let served: Int64
    let source: CacheDecision.Source
    var warmProbability = 1.0
    if let last = lastResponse, now - last <= lifetime {
      served = max(cachedPrefix - cache.unservedTail, promptTokens)
      source = .previousInput
    } else if cache.warmAcrossReconnects, let used = lastUse, now - used <= lifetime {
      served = promptTokens
      source = .devicePrompt
    } else {
      served = promptTokens
      source = .sharedPrompt
      warmProbability = cache.promptShared
    }
    if afterBargeIn { warmProbability *= 1 - cache.missAfterBargeIn }
    let tokens = granule(min(served, input))
    lastDecision = CacheDecision(source: source, afterBargeIn: afterBargeIn, hitTokens: tokens)
    let hit = split(prefix: tokens)
    switch evaluation {
    case .expected:
      return (
        Int64((Double(hit.text) * warmProbability).rounded()),
        Int64((Double(hit.audio) * warmProbability).rounded())
      )
    case .sampled:
      if warmProbability >= 1 { return hit }
      if warmProbability <= 0 { return (0, 0) }
      return random.nextUnitDouble() < warmProbability ? hit : (0, 0)
    }
  }

  /// The most an exact-prefix cache could serve: the whole previous input of this session, else
  /// the prompt (never more than the input, to the granule).
  private func alwaysCachedSplit(input: Int64) -> (text: Int64, audio: Int64) {
    let served = lastResponse != nil && !truncatedSinceLastResponse ? cachedPrefix : promptTokens
    return split(prefix: granule(min(served, input)))
  }

  /// `tokens` rounded down to the cache granularity.
  private func granule(_ tokens: Int64) -> Int64 {
    let size = parameters.cacheGranularity
    return max(0, tokens) / size * size
  }

  private mutating func append(_ item: Item) {
    if head > 256, head * 2 > items.count {
      items.removeFirst(head)
      head = 0
    }
    lastAnswer = nil
    items.append(item)
    itemText += item.text
    itemAudio += item.audio
  }

  /// Drops the oldest items while the input exceeds the window (`auto`) or, once it does, until it
  /// is at most ratio × window (`retention_ratio`). The newest item is always kept.
  private mutating func truncateIfNeeded() {
    let window = parameters.contextWindow ?? WorldModelParameters.defaultContextWindow
    guard inputTokens > window else { return }
    let target: Int64
    switch truncation {
    case .auto: target = window
    case .retentionRatio(let ratio): target = Int64((Double(window) * ratio).rounded(.down))
    }
    while inputTokens > target, items.count - head > 1 {
      let dropped = items[head]
      head += 1
      itemText -= dropped.text
      itemAudio -= dropped.audio
    }
    truncatedSinceLastResponse = true
    truncations += 1
  }

  /// The (text, audio) composition of the first `prefix` tokens of the input.
  private func split(prefix: Int64) -> (text: Int64, audio: Int64) {
    var remaining = prefix
    var text = min(remaining, promptTokens)
    remaining -= text
    var audio: Int64 = 0
    var index = head
    while remaining > 0, index < items.count {
      let item = items[index]
      let special = min(remaining, parameters.specialTokensPerItem)
      text += special
      remaining -= special
      let itemAudio = min(remaining, item.audio)
      audio += itemAudio
      remaining -= itemAudio
      let itemText = min(remaining, item.text - parameters.specialTokensPerItem)
      text += itemText
      remaining -= itemText
      index += 1
    }
    return (text, audio)
  }
}
