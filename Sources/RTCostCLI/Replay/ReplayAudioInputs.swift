internal import AudioIO
internal import Billing
internal import Foundation
internal import RealtimeEvents
internal import Simulation

/// A `local.audio` marker of a recording, analysed: the WAV the app streamed as its microphone from
/// the marker's time, and what the server's VAD would commit from it.
struct ReplayAudioInput: Sendable, Equatable {
  var time: Micros?
  var line: Int
  var marker: LocalAudioMarker
  /// The WAV path resolved against the recording's folder.
  var resolvedPath: String
  var duration: Micros
  /// Committed user turns (ambient: VAD segments; utterance: one).
  var committedTurns: Int
  /// Input audio tokens those turns add when committed (10 per second of speech plus prefix
  /// padding, per AudioIO); every later response re-bills them as context.
  var audioTokens: Int64
  /// Those tokens at the model's uncached audio-in price.
  var firstBillingCost: Money
  var warnings: [String]
}

/// Collects a recording's `local.audio` markers and analyses their WAVs when the recording is read.
struct ReplayAudioInputs {
  private var markers: [(time: Micros?, line: Int, marker: LocalAudioMarker)] = []

  mutating func note(_ event: TimedEvent) {
    if case .localAudio(let marker) = event.event { markers.append((event.time, event.line, marker)) }
  }

  /// Analyses every marker's WAV with the session's server-VAD settings (the server defaults when
  /// the session sets none). A missing or unreadable WAV is an error naming the recording's line.
  func analyse(recording: String, session: SessionConfig, card: PriceCard) throws -> [ReplayAudioInput] {
    guard !markers.isEmpty else { return [] }
    let folder = URL(fileURLWithPath: recording).deletingLastPathComponent().path
    let vad = try vadParameters(session, recording: recording)
    return try markers.map { entry in
      let path = AudioStimuli.resolve(entry.marker.path, relativeTo: folder)
      let clip: AudioClip
      do {
        clip = try AudioClip.load(path: path, use: entry.marker.use, vad: vad)
      } catch {
        throw CLIError("\(recording):\(entry.line): local.audio: \(String(describing: error))")
      }
      let turns = entry.marker.use == .ambient ? clip.committedSegments.count : 1
      let tokens =
        entry.marker.use == .ambient
        ? clip.committedSegments.reduce(0) { $0 + $1.audioTokens }
        : InputAudioTokens.count(micros: clip.durationMicros)
      return ReplayAudioInput(
        time: entry.time, line: entry.line, marker: entry.marker, resolvedPath: path,
        duration: clip.durationMicros,
        committedTurns: turns, audioTokens: tokens, firstBillingCost: card.audioIn.times(tokens),
        warnings: clip.warnings)
    }
  }

  private func vadParameters(_ session: SessionConfig, recording: String) throws -> VADParameters {
    guard let detection = session.turnDetection, detection.type == "server_vad" else { return .serverDefault }
    do {
      return try VADParameters(
        threshold: detection.threshold ?? VADParameters.serverDefault.threshold,
        prefixPaddingMs: detection.prefixPaddingMs ?? VADParameters.serverDefault.prefixPaddingMs,
        silenceDurationMs: detection.silenceDurationMs ?? VADParameters.serverDefault.silenceDurationMs)
    } catch {
      throw CLIError("\(recording): the session's turn_detection cannot drive the VAD emulation: \(error)")
    }
  }
}
