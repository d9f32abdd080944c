public import Billing
public import RealtimeEvents

/// A `local.audio` marker of a recording, analysed: the WAV the app streamed as its microphone from
/// the marker's time, and what the server's VAD would commit from it.
public struct ReplayAudioInput: Sendable, Equatable {
  public var time: Micros?
  public var line: Int
  public var marker: LocalAudioMarker
  /// The WAV path resolved against the recording's folder.
  public var resolvedPath: String
  public var duration: Micros
  /// Committed user turns (ambient: VAD segments; utterance: one).
  public var committedTurns: Int
  /// Input audio tokens those turns add when committed (10 per second of speech plus prefix
  /// padding); every later response re-bills them as context.
  public var audioTokens: Int64
  /// Those tokens at the model's uncached audio-in price.
  public var firstBillingCost: Money
  public var warnings: [String]

  public init(
    time: Micros?, line: Int, marker: LocalAudioMarker, resolvedPath: String, duration: Micros,
    committedTurns: Int, audioTokens: Int64, firstBillingCost: Money, warnings: [String]
  ) {
    self.time = time
    self.line = line
    self.marker = marker
    self.resolvedPath = resolvedPath
    self.duration = duration
    self.committedTurns = committedTurns
    self.audioTokens = audioTokens
    self.firstBillingCost = firstBillingCost
    self.warnings = warnings
  }
}

/// A `local.audio` marker where a recording holds it.
public struct LocalAudioMarkerPlacement: Sendable, Equatable {
  public var time: Micros?
  public var line: Int
  public var marker: LocalAudioMarker
}

/// Analyses the WAV files a recording's `local.audio` markers name (the audio module does it; a
/// replay without one reports the markers unanalysed as an error).
public protocol LocalAudioAnalyzer: Sendable {
  /// Each marker's WAV analysed with the session's server-VAD settings, priced with `card`.
  /// `recording` names the recording (its folder resolves relative paths) in errors.
  func analyse(
    _ markers: [LocalAudioMarkerPlacement], recording: String, session: SessionConfig, card: PriceCard
  ) throws(ReplayError) -> [ReplayAudioInput]
}
