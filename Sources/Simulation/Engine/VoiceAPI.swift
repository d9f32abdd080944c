public import RealtimeEvents

/// Which voice API an engine's sessions speak.
public enum VoiceAPI: Sendable, Equatable {
  /// The Realtime API: token-billed `response.done` usage.
  case realtime
  /// GPT-Live under `model`; `initialization` is the model card's WebRTC initialisation charge.
  case live(LiveSessionModel, initialization: Micros)
}
