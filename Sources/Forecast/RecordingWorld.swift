public import Billing
public import RealtimeEvents
public import Simulation

/// The world a recording shows, re-run under other policies: "what would a 3-minute timeout have
/// saved on this recording?"
///
/// The recording's calibration trace (``Calibration/extract(path:parameters:)``) gives, in order, each
/// committed user utterance and the response that answered it (its audio seconds, text tokens and
/// whether it called a tool). Each becomes a genuine user turn whose speech starts so that the
/// answer is created at the recorded time (speech + the VAD's silence before it). Typed text items
/// are not turns here (nothing in the stream says when they were typed). The scenario is the
/// recording's model and audio settings with the prompt fitted by the calibration (instructions and
/// tools as one text prefix) and the world model's defaults for everything else.
public enum RecordingWorld {
  /// Assumed size of a tool round trip the recording does not show (DESIGN: assumption).
  public static let functionCall = FunctionCallPlan(duration: 500_000, argumentsTokens: 30, outputTokens: 80)

  /// The world trace of `recorded`, ending one minute after its last response.
  public static func trace(_ recorded: RecordedTrace, session: SessionSettings) -> WorldTrace {
    var stimuli: [Stimulus] = []
    var conversation: Int32 = 0
    var index: Int32 = 0
    var utterance: Micros?
    var last: Micros = 0
    for step in recorded.steps {
      switch step {
      case .newSession:
        if index > 0 {
          stimuli.append(Stimulus(time: last, kind: .conversationEnd, conversation: conversation))
          conversation += 1
          index = 0
        }
      case .userAudio(let committed):
        utterance = max(100_000, committed - session.prefixPadding - session.silenceDuration)
      case .response(let number, let time):
        guard let speech = utterance else { continue }
        utterance = nil
        let response = recorded.responses[number]
        let start = max(last, time - speech - session.silenceDuration)
        stimuli.append(
          Stimulus(
            time: start, kind: .userTurn, conversation: conversation, index: index, duration: speech,
            responseAudio: response.outputAudio, responseTextTokens: response.outputText,
            functionCall: response.functionCall ? functionCall : nil, reconnectLatency: 800_000))
        index += 1
        last = max(last, time)
      case .textItem, .truncate, .cancelledUnbilled:
        continue
      }
    }
    stimuli.append(Stimulus(time: last, kind: .conversationEnd, conversation: conversation))
    return WorldTrace(stimuli: stimuli, horizon: last + 60 * Micros.perSecond, seed: 0)
  }

  /// The scenario a recording's trace runs in: its model, always-on server VAD, the fitted prompt.
  public static func scenario(name: String, model: String, promptTokens: Int64, horizon: Micros) -> Scenario {
    var session = SessionSettings()
    session.instructionsTokens = promptTokens
    session.toolsTokens = 0
    return Scenario(name: name, model: model, horizon: horizon, seed: 0, session: session)
  }
}
