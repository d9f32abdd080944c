public import Billing
public import RealtimeEvents

/// The usage an input-transcription model reports for one committed buffer (DESIGN §1).
public enum TranscriptionBilling {
  /// `whisper-1` is billed by duration; the gpt-4o transcribe models by tokens: audio input at
  /// ``WorldModelParameters/transcriptionAudioTokensPerSecond`` and text output at
  /// ``WorldModelParameters/transcriptTokensPerMinute`` (both assumptions, rounded up).
  public static func usage(model: String, committed: Micros, parameters: WorldModelParameters)
    -> TranscriptionUsage
  {
    if model == "whisper-1" { return .duration(microseconds: committed) }
    let audio = WorldModelParameters.audioTokens(
      committed, perSecond: parameters.transcriptionAudioTokensPerSecond)
    let text =
      committed <= 0 ? 0 : (committed * parameters.transcriptTokensPerMinute + 59_999_999) / 60_000_000
    return .tokens(inputTokens: audio, outputTokens: text, textIn: 0, audioIn: audio)
  }
}
