import Billing
import Testing

@testable import Simulation

/// Hand-computed sequences for the world model before its calibration (the exact-prefix cache,
/// `WorldModelParameters.beforeCalibration`). Prompt (instructions + tools) 1,000 text tokens,
/// 4 special tokens per item, user audio 10 tok/s, assistant audio 20 tok/s, cache granule 64.
/// Items are laid out as [special (text)][audio][text]. The calibrated cache: CalibratedCacheTests.
@Suite struct ConversationContextTests {
  func context(window: Int64 = 32_768, truncation: Truncation = .auto) -> ConversationContext {
    var parameters = WorldModelParameters.beforeCalibration
    parameters.contextWindow = window
    return ConversationContext(parameters: parameters, promptTokens: 1_000, truncation: truncation)
  }

  func counts(
    textIn: Int64, textCached: Int64 = 0, audioIn: Int64, audioCached: Int64 = 0, textOut: Int64,
    audioOut: Int64
  )
    -> TokenCounts
  {
    var counts = TokenCounts.zero
    counts.textIn = textIn
    counts.textInCached = textCached
    counts.audioIn = audioIn
    counts.audioInCached = audioCached
    counts.textOut = textOut
    counts.audioOut = audioOut
    return counts
  }

  /// Runs the 3-turn conversation with responses at `times`.
  func threeTurns(at times: [Int64]) -> [TokenCounts] {
    var conversation = context()
    var usage: [TokenCounts] = []
    conversation.addUserAudio(3_000_000)  // U1: 4 text + 30 audio
    usage.append(
      conversation.respond(at: times[0], output: ResponseOutput(audio: 5_000_000, transcriptTokens: 40)))
    conversation.addUserAudio(2_000_000)  // U2: 4 text + 20 audio
    usage.append(
      conversation.respond(at: times[1], output: ResponseOutput(audio: 4_000_000, transcriptTokens: 30)))
    conversation.addUserAudio(1_500_000)  // U3: 4 text + 15 audio
    usage.append(
      conversation.respond(at: times[2], output: ResponseOutput(audio: 6_000_000, transcriptTokens: 50)))
    return usage
  }

  @Test func threeTurnsWithAWarmCache() {
    let usage = threeTurns(at: [0, 20_000_000, 40_000_000])
    // R1: text 1000 + 4 = 1004, audio 30; cold. Out: 5 s × 20 = 100 audio, 40 text.
    //     A1 item = 4 + 40 = 44 text, 100 audio.
    #expect(usage[0] == counts(textIn: 1_004, audioIn: 30, textOut: 40, audioOut: 100))
    // R2: text 1000 + 4 + 44 + 4 = 1052, audio 30 + 100 + 20 = 150 (1202 in all).
    //     Cached: R1's input 1034 → ⌊1034/64⌋·64 = 1024 = prompt 1000 + U1 special 4 + 20 of U1's audio.
    //     Uncached text 1052 − 1004 = 48, uncached audio 150 − 20 = 130. A2 = 34 text, 80 audio.
    #expect(
      usage[1]
        == counts(textIn: 48, textCached: 1_004, audioIn: 130, audioCached: 20, textOut: 30, audioOut: 80))
    // R3: text 1052 + 34 + 4 = 1090, audio 150 + 80 + 15 = 245 (1335).
    //     Cached: R2's input 1202 → ⌊1202/64⌋·64 = 1152 = 1000 + U1 (4 + 30) + A1 special 4 + A1 audio
    //     100 + 14 of A1's text → text 1000 + 4 + 4 + 14 = 1022, audio 30 + 100 = 130.
    //     Uncached text 1090 − 1022 = 68, audio 245 − 130 = 115. Out 6 s × 20 = 120 audio, 50 text.
    #expect(
      usage[2]
        == counts(textIn: 68, textCached: 1_022, audioIn: 115, audioCached: 130, textOut: 50, audioOut: 120))
  }

  @Test func threeTurnsWithoutCacheWhenResponsesAreBeyondTheLifetime() {
    // Responses 10 minutes apart: the default 5-minute lifetime has lapsed each time.
    let usage = threeTurns(at: [0, 600_000_000, 1_200_000_000])
    #expect(usage[0] == counts(textIn: 1_004, audioIn: 30, textOut: 40, audioOut: 100))
    #expect(usage[1] == counts(textIn: 1_052, audioIn: 150, textOut: 30, audioOut: 80))
    #expect(usage[2] == counts(textIn: 1_090, audioIn: 245, textOut: 50, audioOut: 120))
    // The whole conversation is re-billed: input grows every turn (DESIGN §1).
    #expect(usage[2].textIn + usage[2].audioIn > usage[1].textIn + usage[1].audioIn)
  }

  @Test func lifetimeBoundaryIsInclusive() {
    var conversation = context()
    conversation.addUserAudio(3_000_000)
    _ = conversation.respond(at: 0, output: ResponseOutput(audio: 5_000_000, transcriptTokens: 40))
    conversation.addUserAudio(2_000_000)
    // Exactly 5 minutes later: still cached (1024 as above).
    let usage = conversation.respond(at: 300_000_000, output: ResponseOutput(audio: 0, transcriptTokens: 0))
    #expect(usage.textInCached + usage.audioInCached == 1_024)
  }

  @Test func autoTruncationDropsTheOldestItemsAndBustsTheCache() {
    var conversation = context(window: 1_200)
    conversation.addUserAudio(3_000_000)  // U1 = 34
    // A1 = 4 + 40 text + 100 audio = 144.
    _ = conversation.respond(at: 0, output: ResponseOutput(audio: 5_000_000, transcriptTokens: 40))
    conversation.addUserAudio(2_000_000)  // U2 = 24
    // Input 1000 + 34 + 144 + 24 = 1202 > 1200: drop U1 → 1168 ≤ 1200. Truncation busts the cache.
    let second = conversation.respond(
      at: 10_000_000, output: ResponseOutput(audio: 1_000_000, transcriptTokens: 10))
    #expect(second == counts(textIn: 1_048, audioIn: 120, textOut: 10, audioOut: 20))
    #expect(conversation.truncations == 1)
    conversation.addUserAudio(1_500_000)  // A2 = 14 text + 20 audio, U3 = 4 + 15
    // 1168 + 34 + 19 = 1221 > 1200: drop A1 (144) → 1077: text 1000 + 4 + 14 + 4 = 1022, audio 20 + 20 + 15 = 55.
    let third = conversation.respond(at: 20_000_000, output: ResponseOutput(audio: 0, transcriptTokens: 5))
    #expect(third == counts(textIn: 1_022, audioIn: 55, textOut: 5, audioOut: 0))
    #expect(conversation.truncations == 2)
  }

  @Test func retentionRatioTruncatesDeeperSoTheNextTurnKeepsItsCache() {
    var conversation = context(window: 1_200, truncation: .retentionRatio(0.9))
    conversation.addUserAudio(3_000_000)
    _ = conversation.respond(at: 0, output: ResponseOutput(audio: 5_000_000, transcriptTokens: 40))
    conversation.addUserAudio(2_000_000)
    // 1202 > 1200: drop down to 0.9 × 1200 = 1080: drop U1 (→ 1168) and A1 (→ 1024).
    let second = conversation.respond(
      at: 10_000_000, output: ResponseOutput(audio: 1_000_000, transcriptTokens: 10))
    #expect(second == counts(textIn: 1_004, audioIn: 20, textOut: 10, audioOut: 20))
    conversation.addUserAudio(1_500_000)
    // 1024 + A2 34 + U3 19 = 1077 ≤ 1200: no truncation; R2's input 1024 is cached whole:
    // prompt 1000 + U2 special 4 (text) + U2 audio 20. Text 1000 + 4 + 14 + 4 = 1022, audio 20 + 20 + 15 = 55.
    let third = conversation.respond(at: 20_000_000, output: ResponseOutput(audio: 0, transcriptTokens: 5))
    #expect(
      third == counts(textIn: 18, textCached: 1_004, audioIn: 35, audioCached: 20, textOut: 5, audioOut: 0))
    #expect(conversation.truncations == 1)
  }

  @Test func resetEmptiesTheContextAndStartsCold() {
    var conversation = context()
    conversation.addUserAudio(3_000_000)
    _ = conversation.respond(at: 0, output: ResponseOutput(audio: 5_000_000, transcriptTokens: 40))
    conversation.reset()
    conversation.addUserAudio(2_000_000)
    // Only the prompt and the new utterance; 10 s later would be warm, but the cache is cold.
    let usage = conversation.respond(
      at: 10_000_000, output: ResponseOutput(audio: 1_000_000, transcriptTokens: 10))
    #expect(usage == counts(textIn: 1_004, audioIn: 20, textOut: 10, audioOut: 20))
    #expect(conversation.itemCount == 2)
  }

  @Test func functionCallItemsEnterTheContextAsText() {
    var conversation = context()
    conversation.addUserAudio(1_000_000)  // 4 + 10 audio
    let call = conversation.respond(
      at: 0, output: ResponseOutput(audio: 0, transcriptTokens: 0, functionCallArgumentsTokens: 30))
    #expect(call == counts(textIn: 1_004, audioIn: 10, textOut: 30, audioOut: 0))
    conversation.addFunctionCallOutput(tokens: 80)
    // function_call item 4 + 30, output item 4 + 80: text 1004 + 34 + 84 = 1122.
    // Cached: the first response's input 1014 → 960, all text (prompt 1000 is longer).
    let answer = conversation.respond(
      at: 1_000_000, output: ResponseOutput(audio: 2_000_000, transcriptTokens: 12))
    #expect(answer == counts(textIn: 162, textCached: 960, audioIn: 10, textOut: 12, audioOut: 40))
  }

  @Test func usageConvertsToAResponseUsageBlock() {
    let usage = counts(
      textIn: 48, textCached: 1_004, audioIn: 130, audioCached: 20, textOut: 30, audioOut: 80)
    let block = ResponseUsage(counts: usage)
    #expect(block.inputTokens == 1_202)
    #expect(block.input?.cachedTokens == 1_024)
    #expect(block.outputTokens == 110)
  }

  @Test func bargeInTruncatesTheAnswerToWhatPlayed() {
    var conversation = context()
    conversation.addUserAudio(3_000_000)  // U1: 4 + 30
    // A1: 10 s of audio (200 tokens), 40 transcript tokens.
    _ = conversation.respond(at: 0, output: ResponseOutput(audio: 10_000_000, transcriptTokens: 40))
    #expect(conversation.inputTokens == 1_000 + 34 + 244)
    // 2.5 s played: audio ⌈2.5 × 20⌉ = 50 tokens, transcript 40 × 2.5 / 10 = 10.
    conversation.truncateLastAnswer(keepingAudio: 2_500_000, of: 10_000_000)
    #expect(conversation.inputTokens == 1_000 + 34 + 4 + 10 + 50)
    // Only the newest answer, and only once.
    conversation.truncateLastAnswer(keepingAudio: 0, of: 10_000_000)
    #expect(conversation.inputTokens == 1_098)
    conversation.addUserAudio(1_000_000)
    // The cache still covers R1's input (prompt + U1 = 1034 → 1024): the answer lies after it.
    let next = conversation.respond(at: 5_000_000, output: ResponseOutput(audio: 0, transcriptTokens: 0))
    #expect(next.textInCached + next.audioInCached == 1_024)
    #expect(next.textIn + next.textInCached == 1_000 + 4 + 14 + 4)
    #expect(next.audioIn + next.audioInCached == 30 + 50 + 10)
  }
}
