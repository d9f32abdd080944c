import AudioIO
public import Billing
import Foundation
public import RealtimeEvents
public import Replay

/// Analyses the WAVs of a recording's `local.audio` markers with the session's server-VAD settings
/// (the server's defaults when the session sets none): what the server would commit from them.
public struct WAVMarkerAnalyzer: LocalAudioAnalyzer {
  public init() {}

  public func analyse(
    _ markers: [LocalAudioMarkerPlacement], recording: String, session: SessionConfig, card: PriceCard
  ) throws(ReplayError) -> [ReplayAudioInput] {
    guard !markers.isEmpty else { return [] }
    let folder = URL(fileURLWithPath: recording).deletingLastPathComponent().path
    let vad = try vadParameters(session, recording: recording)
    var inputs: [ReplayAudioInput] = []
    for entry in markers {
      let path = AudioStimuli.resolve(entry.marker.path, relativeTo: folder)
      let clip: AudioClip
      do {
        clip = try AudioClip.load(path: path, use: entry.marker.use, vad: vad)
      } catch {
        throw ReplayError("\(recording):\(entry.line): local.audio: \(String(describing: error))")
      }
      let turns = entry.marker.use == .ambient ? clip.committedSegments.count : 1
      let tokens =
        entry.marker.use == .ambient
        ? clip.committedSegments.reduce(0) { $0 + $1.audioTokens }
        : InputAudioTokens.count(micros: clip.durationMicros)
      inputs.append(
        ReplayAudioInput(
          time: entry.time, line: entry.line, marker: entry.marker, resolvedPath: path,
          duration: clip.durationMicros, committedTurns: turns, audioTokens: tokens,
          firstBillingCost: card.audioIn.times(tokens), warnings: clip.warnings))
    }
    return inputs
  }

  private func vadParameters(_ session: SessionConfig, recording: String) throws(ReplayError) -> VADParameters
  {
    guard let detection = session.turnDetection, detection.type == "server_vad" else { return .serverDefault }
    do {
      return try VADParameters(
        threshold: detection.threshold ?? VADParameters.serverDefault.threshold,
        prefixPaddingMs: detection.prefixPaddingMs ?? VADParameters.serverDefault.prefixPaddingMs,
        silenceDurationMs: detection.silenceDurationMs ?? VADParameters.serverDefault.silenceDurationMs)
    } catch {
      throw ReplayError("\(recording): the session's turn_detection cannot drive the VAD emulation: \(error)")
    }
  }
}
