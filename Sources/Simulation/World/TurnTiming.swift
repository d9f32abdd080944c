public import RealtimeEvents

/// When the parts of a turn happen, shared by the world generator (nominal times) and the engine
/// (the events it emits), so that an undelayed world plays exactly as generated.
public struct TurnTiming: Sendable, Equatable {
  public var turnDetection: TurnDetectionMode
  public var prefixPadding: Micros
  public var silenceDuration: Micros
  public var parameters: WorldModelParameters
  /// From `response.created` to the first audio delta (longer for a reasoning model).
  public var firstAudioLatency: Micros
  /// Reasoning tokens per response (0 for a model that does not reason).
  public var reasoningTokens: Int64

  public init(session: SessionSettings, parameters: WorldModelParameters) {
    turnDetection = session.turnDetection
    prefixPadding = session.prefixPadding
    silenceDuration = session.silenceDuration
    self.parameters = parameters
    firstAudioLatency = parameters.firstAudio(effort: session.effectiveReasoningEffort)
    reasoningTokens = session.effectiveReasoningEffort.map { parameters.reasoningTokens[$0] } ?? 0
  }

  /// From the start of speech to the commit: the speech, then (with a VAD) the silence that ends it.
  public func commitOffset(speech: Micros) -> Micros {
    turnDetection.micStreams ? speech + silenceDuration : speech
  }

  /// The committed (billed) audio: with a VAD, prefix padding + speech + trailing silence
  /// (DESIGN §1 VAD parameters); push to talk commits exactly what was held.
  public func committedAudio(speech: Micros) -> Micros {
    turnDetection.micStreams ? prefixPadding + speech + silenceDuration : speech
  }

  /// From the commit to the end of the answer's playback: an optional function call round trip,
  /// the first-audio latency, then the audio at real time.
  public func answerDuration(audio: Micros, functionCall: FunctionCallPlan?) -> Micros {
    let call = functionCall.map { parameters.functionCallLatency + $0.duration } ?? 0
    return call + firstAudioLatency + audio
  }
}
