/// How finely the engine reports streaming audio.
///
/// ``full`` emits what a real session sees: one `response.output_audio.delta` per
/// ``WorldModelParameters/audioDeltaDuration`` and one client `input_audio_buffer.append` per
/// ``WorldModelParameters/micAppendInterval``. ``coalesced`` emits each run of them as one event
/// carrying the summed bytes, at the times where a decision could depend on them: before every
/// policy check (so an every-event activity rule sees the last chunk's true time, or a later
/// event's), before a barge-in cancels a response, and before a session closes. Billing never
/// depends on these events (usage comes with `response.done`), the seed meter sums their bytes, and
/// the guard's idle decisions see the same last-activity time, so every ``EngineStats`` field except
/// ``EngineStats/events`` is identical in both (tested over the bundled scenarios).
public enum EventDetail: Sendable, Equatable {
  /// Every audio chunk and mic append, as a recording would hold them.
  case full
  /// Runs of audio chunks and mic appends as one event each; for forecasts.
  case coalesced
}
