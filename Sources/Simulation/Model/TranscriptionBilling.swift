public import Billing
public import RealtimeEvents

/// The usage an input-transcription model reports for one committed buffer (DESIGN §1).
public enum TranscriptionBilling {
  /// A model billed by duration (whisper-1, gpt-realtime-whisper, gpt-transcribe, …: its card says)
  /// reports the committed audio's length; the token-billed gpt-4o transcribe models report audio
  /// input at ``WorldModelParameters/transcriptionAudioTokensPerSecond`` and text output at
  /// ``WorldModelParameters/transcriptTokensPerMinute`` (both assumptions, rounded up).
  public static func usage(byDuration: Bool, committed: Micros, parameters: WorldModelParameters)
    -> TranscriptionUsage
  {
    if byDuration { return .duration(microseconds: committed) }
    let audio = WorldModelParameters.audioTokens(
      committed, perSecond: parameters.transcriptionAudioTokensPerSecond)
    let text =
      committed <= 0 ? 0 : (committed * parameters.transcriptTokensPerMinute + 59_999_999) / 60_000_000
    return .tokens(inputTokens: audio, outputTokens: text, textIn: 0, audioIn: audio)
  }
}
