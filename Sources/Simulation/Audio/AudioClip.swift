public import AudioIO
public import RealtimeEvents

/// A WAV file read for the simulator: its true length and, for ambient use, the VAD's segments.
///
/// Reading happens once, when a scenario is loaded or a recording's `local.audio` marker is met;
/// the world generator then works from this value without I/O, so generating a world never fails.
public struct AudioClip: Sendable, Equatable {
  /// The file as resolved (absolute, or relative to the working directory).
  public var path: String
  /// How the file is used.
  public var use: LocalAudioMarker.Use
  /// The VAD settings the segments were found with (also for an utterance, where they set nothing).
  public var vad: VADParameters
  /// The duration of the frames present (the header's claim is not trusted).
  public var durationMicros: Micros
  /// For ``LocalAudioMarker/Use/ambient``: every segment the VAD found, committed or pending; empty
  /// for an utterance (which is not segmented).
  public var segments: [SpeechSegment]
  /// Non-fatal problems with the file (a header that claims more data than present).
  public var warnings: [String]

  /// A clip from its parts.
  public init(
    path: String, use: LocalAudioMarker.Use, vad: VADParameters, durationMicros: Micros,
    segments: [SpeechSegment], warnings: [String]
  ) {
    self.path = path
    self.use = use
    self.vad = vad
    self.durationMicros = durationMicros
    self.segments = segments
    self.warnings = warnings
  }

  /// Reads `path` for `use`: an ambient file through the VAD with `vad`, an utterance measured only.
  ///
  /// Memory does not grow with the file's length beyond the segments kept. An utterance with no
  /// frames is refused (it would be a turn of no audio).
  public static func load(
    path: String, use: LocalAudioMarker.Use, vad: VADParameters
  ) throws(AudioError) -> AudioClip {
    switch use {
    case .ambient:
      let analysis = try WAVAnalysis.analyze(path: path, parameters: vad)
      return AudioClip(
        path: path, use: use, vad: vad, durationMicros: analysis.durationMicros,
        segments: analysis.segments, warnings: analysis.warnings)
    case .utterance:
      let measurement = try WAVMeasurement.measure(path: path)
      guard measurement.durationMicros > 0 else {
        throw AudioError(path: path, reason: "holds no audio frames; an utterance needs at least one")
      }
      return AudioClip(
        path: path, use: use, vad: vad, durationMicros: measurement.durationMicros, segments: [],
        warnings: measurement.warnings)
    }
  }

  /// The VAD's `silence_duration_ms` in microseconds.
  public var silenceDurationMicros: Micros { Micros(vad.silenceDurationMs) * 1_000 }

  /// The committed segments: the turns a server would bill (a pending one at the end is not).
  public var committedSegments: [SpeechSegment] { segments.filter(\.isCommitted) }
}
