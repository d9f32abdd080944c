public import AudioIO
import Foundation
public import RealtimeEvents

/// Turns a WAV file used as microphone input into world-trace stimuli (docs/audio-input.md).
///
/// - **Ambient** (a room recording streamed as the mic from time t): every *committed* VAD segment
///   becomes one turn, a genuine ``Stimulus/Kind/userTurn`` or a ``Stimulus/Kind/noiseBurst`` as
///   declared. Speech starts at t + segment start; the stimulus's `duration` is sized so that the
///   engine's commit (start + duration + `silence_duration`) falls exactly at t + the segment's
///   `committedAt`, i.e. the speech plus the VAD's 20 ms frame rounding of the silence. A segment
///   still open when the file ends is pending: no server would bill it, so it is no turn. Each
///   stimulus records the buffer the VAD committed (``Stimulus/committedAudio``): the segment's
///   prefix padding, clamped as AudioIO clamps it, + speech + silence up to the commit.
/// - **Utterance** (the file is one thing the user says): one turn at t whose speech is the file's
///   whole duration.
///
/// The stimuli carry timing only: answer sizes are 0 and reconnect latencies 0, for the caller to
/// fill (the world generator draws them from seeded streams; a recording replay takes them from
/// the recording).
public enum AudioStimuli {
  /// The stimuli of `clip` played from `time`.
  ///
  /// - Parameters:
  ///   - genuine: turns addressed to the agent (`userTurn`) or noise (`noiseBurst`).
  ///   - conversation: the conversation number of genuine turns (their `index` is the turn number
  ///     within it, in order); -1 when they belong to none.
  ///   - noiseIndex: the `index` of noise bursts (the noise source they count under).
  public static func stimuli(
    clip: AudioClip, at time: Micros, genuine: Bool, conversation: Int32? = nil, noiseIndex: Int32 = 0
  ) -> [Stimulus] {
    func stimulus(start: Micros, speech: Micros, turn: Int, committed: Micros = 0) -> Stimulus {
      genuine
        ? Stimulus(
          time: start, kind: .userTurn, conversation: conversation, index: Int32(turn), duration: speech,
          committedAudio: committed)
        : Stimulus(
          time: start, kind: .noiseBurst, index: noiseIndex, duration: speech, committedAudio: committed)
    }
    switch clip.use {
    case .utterance:
      return [stimulus(start: time, speech: clip.durationMicros, turn: 0)]
    case .ambient:
      let silence = clip.silenceDurationMicros
      return clip.committedSegments.enumerated().map { turn, segment in
        let committedAt = segment.committedAt ?? segment.end + silence
        let speech = max(segment.speechMicros, committedAt - silence - segment.start)
        return stimulus(
          start: time + segment.start, speech: speech, turn: turn,
          committed: segment.prefixPadding + committedAt - segment.start)
      }
    }
  }

  /// The stimuli of a recording's `local.audio` marker met at `time`.
  ///
  /// The marker's path is resolved against `recordingFolder` (the folder holding the recording)
  /// unless absolute; `vad` should be the recorded session's turn-detection settings. Throws the
  /// file's ``AudioError`` (missing, or not 16-bit PCM WAV, with its actual format named).
  public static func stimuli(
    for marker: LocalAudioMarker, at time: Micros, recordingFolder: String, vad: VADParameters,
    conversation: Int32? = nil
  ) throws(AudioError) -> [Stimulus] {
    let clip = try AudioClip.load(
      path: resolve(marker.path, relativeTo: recordingFolder), use: marker.use, vad: vad)
    return stimuli(clip: clip, at: time, genuine: marker.genuine, conversation: conversation)
  }

  /// `path` as given when absolute, else inside `folder` (an empty folder leaves it unchanged);
  /// in an absolute result `..` and `.` components are resolved, so error messages show a plain path.
  public static func resolve(_ path: String, relativeTo folder: String) -> String {
    let joined =
      path.hasPrefix("/") || folder.isEmpty ? path : (folder as NSString).appendingPathComponent(path)
    return (joined as NSString).standardizingPath
  }
}
