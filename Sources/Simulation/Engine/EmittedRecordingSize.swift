public import RealtimeEvents
public import SessionGuard

/// The size of the recording `rtcost simulate --emit-events` would write, estimated from a run
/// of the same world (a coalesced run is enough: it meters the same audio).
///
/// Nearly all of it is audio carried as base64 (4 bytes per 3): every microsecond appended or
/// answered, at its format's byte rate, plus about 160 bytes of JSON per event (each append,
/// each audio delta, every other event). A home-robot day with an always-on PCM16 microphone is
/// 86,400 s × 48,000 B/s × 4/3 ≈ 5.5 GB.
public enum EmittedRecordingSize {
  /// The JSON around one event line, in bytes (the fields, the type, the time; no payload).
  public static let bytesPerEvent: Int64 = 160

  /// The estimated bytes of the recording of `usage` (the run's metered totals) with `events`
  /// events besides the audio chunks, audio in `input` and `output`, appended every
  /// `appendInterval` µs and answered in deltas of `deltaDuration` µs.
  public static func estimate(
    usage: UsageTotals, events: Int, input: AudioFormat, output: AudioFormat, appendInterval: Micros,
    deltaDuration: Micros
  ) -> Int64 {
    func base64(_ micros: Micros, _ format: AudioFormat) -> Double {
      Double(micros) / 1_000_000 * Double(format.bytesPerSecond) * 4 / 3
    }
    let appends = Double(usage.inputAudioMicros) / Double(max(appendInterval, 1))
    let deltas = Double(usage.outputAudioMicros) / Double(max(deltaDuration, 1))
    let lines = Double(events) + appends + deltas
    let total =
      base64(usage.inputAudioMicros, input) + base64(usage.outputAudioMicros, output) + lines
      * Double(bytesPerEvent)
    return Int64(min(total, 9e18))
  }
}
