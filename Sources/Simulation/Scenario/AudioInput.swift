public import RealtimeEvents

/// A scenario's `audio_inputs:` entry: a WAV file as the microphone stream or as one utterance.
///
/// The file is read when the scenario is loaded (``clip``), so that generating a world needs no
/// I/O and cannot fail. How it becomes stimuli: ``AudioStimuli`` and docs/audio-input.md.
public struct AudioInput: Sendable, Equatable {
  /// The `wav:` value as written in the scenario (for reports).
  public var wav: String
  /// The file, read and (for ambient use) analysed with the session's VAD settings.
  public var clip: AudioClip
  /// When the file starts playing (`at:`).
  public var at: Micros
  /// Whether its turns are addressed to the agent (`genuine: true`) or noise.
  public var genuine: Bool
  /// Whether the file plays again every 24 hours after ``at`` within the horizon.
  public var repeatDaily: Bool
  /// The answer's audio length; nil = the user's `response_audio` (genuine) or a noise source's
  /// default (noise).
  public var responseAudio: Distribution?
  /// The answer's transcript tokens; nil = the user's or a noise source's default, as above.
  public var responseTextTokens: Distribution?

  public init(
    wav: String, clip: AudioClip, at: Micros, genuine: Bool, repeatDaily: Bool = false,
    responseAudio: Distribution? = nil, responseTextTokens: Distribution? = nil
  ) {
    self.wav = wav
    self.clip = clip
    self.at = at
    self.genuine = genuine
    self.repeatDaily = repeatDaily
    self.responseAudio = responseAudio
    self.responseTextTokens = responseTextTokens
  }

  /// How the file is used (``LocalAudioMarker/Use``).
  public var use: LocalAudioMarker.Use { clip.use }

  /// One day in microseconds: the period of ``repeatDaily``.
  public static let day: Micros = 86_400_000_000

  /// The times the file starts within `horizon`: ``at``, then every day after it when repeating.
  public func startTimes(horizon: Micros) -> [Micros] {
    guard repeatDaily else { return at < horizon ? [at] : [] }
    var times: [Micros] = []
    var time = at
    while time < horizon {
      times.append(time)
      time += Self.day
    }
    return times
  }
}
