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

/// The server-side conversation of one session and the usage each response is billed for.
///
/// Pure and allocation-free per response once its item buffer has grown: the input of a response
/// is the prompt (instructions + tools, text) followed by every retained item; each item is laid
/// out as its special tokens (text), then its audio, then its text. The cached part of an input is
/// the largest multiple of ``WorldModelParameters/cacheGranularity`` not above the previous
/// response's input (the unchanged prefix), when that response was within
/// ``WorldModelParameters/cacheLifetime`` and nothing was truncated since. A reconnect
/// (``reset()``) empties the conversation and starts with a cold cache.
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

  private var items: [Item] = []
  /// Index of the oldest retained item; items before it were truncated away.
  private var head = 0
  private var itemText: Int64 = 0
  private var itemAudio: Int64 = 0
  /// The previous response's input length: the prefix a warm cache can serve.
  private var cachedPrefix: Int64 = 0
  private var lastResponse: Micros? = nil
  private var truncatedSinceLastResponse = false
  /// Index in `items` of the newest assistant answer while it is still the newest item.
  private var lastAnswer: Int? = nil

  /// Responses whose input was truncated in this context's lifetime (resets included).
  public private(set) var truncations = 0

  public init(parameters: WorldModelParameters, promptTokens: Int64, truncation: Truncation) {
    self.parameters = parameters
    self.promptTokens = promptTokens
    self.truncation = truncation
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
    var cachedText: Int64 = 0
    var cachedAudio: Int64 = 0
    if let last = lastResponse, !truncatedSinceLastResponse, now - last <= parameters.cacheLifetime {
      let granule = parameters.cacheGranularity
      let cached = min(cachedPrefix, text + audio) / granule * granule
      (cachedText, cachedAudio) = split(prefix: cached)
    }
    var counts = TokenCounts.zero
    counts.textIn = text - cachedText
    counts.textInCached = cachedText
    counts.audioIn = audio - cachedAudio
    counts.audioInCached = cachedAudio
    let audioOut = WorldModelParameters.audioTokens(
      output.audio, perSecond: parameters.assistantAudioTokensPerSecond)
    counts.audioOut = audioOut
    counts.textOut = output.transcriptTokens + output.functionCallArgumentsTokens + output.reasoningTokens

    cachedPrefix = text + audio
    lastResponse = now
    truncatedSinceLastResponse = false
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
  /// (`conversation.item.truncate`). Its audio tokens become those of the played audio and its
  /// transcript shrinks in proportion (rounded down). Does nothing when another item has been added
  /// since the answer. The cache is unaffected: the answer lies after the cached prefix.
  public mutating func truncateLastAnswer(keepingAudio played: Micros, of total: Micros) {
    guard let index = lastAnswer, index == items.count - 1, index >= head else { return }
    let item = items[index]
    let special = parameters.specialTokensPerItem
    let transcript = item.text - special
    let kept = min(max(0, played), total)
    let keptTranscript = total > 0 ? transcript * kept / total : transcript
    let keptAudio =
      parameters.assistantAudioInContext
      ? WorldModelParameters.audioTokens(kept, perSecond: parameters.assistantAudioTokensPerSecond) : 0
    let truncated = Item(text: special + keptTranscript, audio: min(keptAudio, item.audio))
    itemText += truncated.text - item.text
    itemAudio += truncated.audio - item.audio
    items[index] = truncated
    lastAnswer = nil
  }

  /// A new session: no items, cold cache.
  public mutating func reset() {
    items.removeAll(keepingCapacity: true)
    head = 0
    itemText = 0
    itemAudio = 0
    cachedPrefix = 0
    lastResponse = nil
    truncatedSinceLastResponse = false
    lastAnswer = nil
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
