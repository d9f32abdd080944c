public import Billing

/// What a usage export's `input_audio_tokens` (and `input_text_tokens`, `input_image_tokens`) count.
///
/// Until openai-python 2.46.0 (2026-07-16) they included cached tokens; since, they count uncached
/// tokens only (DESIGN §7.5). An export does not say which; the identities do:
/// - inclusive: `input_tokens = text + audio + image`;
/// - uncached: `input_tokens = input_cached_tokens + input_cache_write_tokens + input_uncached_tokens`
///   and `input_uncached_tokens = text + audio + image`.
/// With nothing cached both hold and the meanings agree. A result for which neither holds is refused.
public enum AudioTokenMeaning: String, Sendable, Equatable, CaseIterable {
  /// Modality counts include the cached tokens (exports made before 2026-07-16).
  case inclusive
  /// Modality counts are the uncached tokens (exports made since 2026-07-16).
  case uncached
  /// Nothing cached (or no modality split): both meanings give the same numbers.
  case either

  /// The meaning of `record`'s counts, by the identities.
  public static func of(_ record: UsageRecord) throws(ReconcileError) -> AudioTokenMeaning {
    let input = record[.inputTokens] ?? 0
    let cached = record[.inputCachedTokens] ?? 0
    let write = record[.inputCacheWriteTokens] ?? 0
    let hasSplit = record[.inputTextTokens] != nil
    let modal =
      (record[.inputTextTokens] ?? 0) + (record[.inputAudioTokens] ?? 0) + (record[.inputImageTokens] ?? 0)
    guard hasSplit else {
      // The oldest schema: input, cached and audio only; audio includes cached (its documentation).
      guard (record[.inputAudioTokens] ?? 0) <= input, cached <= input else {
        throw ReconcileError(
          "\(record.location): input_audio_tokens or input_cached_tokens exceed input_tokens \(input)")
      }
      return cached == 0 ? .either : .inclusive
    }
    let inclusiveHolds = modal == input
    let uncachedHolds: Bool
    if let uncached = record[.inputUncachedTokens] {
      uncachedHolds = modal == uncached && input == cached + write + uncached
    } else {
      uncachedHolds = modal + cached + write == input
    }
    switch (inclusiveHolds, uncachedHolds) {
    case (true, true): return .either
    case (true, false): return .inclusive
    case (false, true): return .uncached
    case (false, false):
      throw ReconcileError(
        "\(record.location): neither meaning of the modality counts fits: input_tokens \(input), cached "
          + "\(cached), cache writes \(write), uncached \(record[.inputUncachedTokens].map(String.init) ?? "absent"), "
          + "text + audio + image \(modal)")
    }
  }

  /// The record as a Realtime usage block (cached tokens a subset of the input), by `meaning`.
  /// Cache writes have no modality in the export and are priced as uncached text input.
  public static func usage(_ record: UsageRecord, meaning: AudioTokenMeaning) -> ResponseUsage {
    let cached = record[.inputCachedTokens] ?? 0
    let write = record[.inputCacheWriteTokens] ?? 0
    let cachedText = record[.inputCachedTextTokens]
    let cachedAudio = record[.inputCachedAudioTokens]
    let cachedImage = record[.inputCachedImageTokens]
    var text = record[.inputTextTokens]
    var audio = record[.inputAudioTokens]
    var image = record[.inputImageTokens]
    if text == nil {
      // No modality split: the text is what audio and images leave.
      text = (record[.inputTokens] ?? 0) - (audio ?? 0) - (image ?? 0)
    } else if meaning == .uncached {
      text = (text ?? 0) + (cachedText ?? 0) + write
      audio = (audio ?? 0) + (cachedAudio ?? 0)
      image = (image ?? 0) + (cachedImage ?? 0)
    }
    let details: ResponseUsage.CachedDetails? =
      cachedText == nil && cachedAudio == nil && cachedImage == nil
      ? nil
      : ResponseUsage.CachedDetails(
        textTokens: cachedText, audioTokens: cachedAudio, imageTokens: cachedImage)
    let outputText =
      record[.outputTextTokens] ?? ((record[.outputTokens] ?? 0) - (record[.outputAudioTokens] ?? 0))
    return ResponseUsage(
      totalTokens: nil, inputTokens: record[.inputTokens], outputTokens: record[.outputTokens],
      input: .init(
        textTokens: text, audioTokens: audio, imageTokens: image, cachedTokens: cached, cached: details),
      output: .init(textTokens: outputText, audioTokens: record[.outputAudioTokens] ?? 0))
  }
}
