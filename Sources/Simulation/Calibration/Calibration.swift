public import Billing
public import RealtimeEvents

/// Re-runs a recording's conversation through the world model and compares, response by response,
/// the input tokens it predicts with those the server billed.
///
/// The recorded policy is one session per `session.created` with no idle timeout, so the re-run is
/// the ``ConversationContext`` driven in recorded order: committed user audio at the server's own
/// span, text items, each billed response with its recorded output sizes, truncations at the
/// played length. Only one number is fitted: the prompt (instructions + tools + text items before
/// the first response), set so the first billed response's text input matches. Everything after it
/// is predicted: the growth of text and audio input, and the cached part.
public enum Calibration {
  /// One billed response, recorded and predicted.
  public struct Row: Sendable, Equatable {
    public var line: Int
    public var status: ResponseStatus
    public var recorded: TokenCounts
    public var predicted: TokenCounts
    /// How the cache model reached the predicted cached tokens.
    public var cache: CacheDecision

    /// Input tokens of a count (text, audio, image; cached and uncached).
    public static func input(_ counts: TokenCounts) -> Int64 {
      TokenCategory.allCases.filter(\.isInput).reduce(0) { $0 + counts[$1] }
    }

    /// |predicted − recorded| of the text input and of the audio input, cached and uncached
    /// together: the error of the context's size, whatever the cache did.
    public var sizeError: Int64 {
      abs(predicted.textIn + predicted.textInCached - recorded.textIn - recorded.textInCached)
        + abs(predicted.audioIn + predicted.audioInCached - recorded.audioIn - recorded.audioInCached)
    }

    /// |predicted − recorded| summed over the input categories.
    public var absoluteError: Int64 {
      TokenCategory.allCases.filter(\.isInput).reduce(0) { $0 + abs(predicted[$1] - recorded[$1]) }
    }
  }

  /// What a calibration found.
  public struct Result: Sendable, Equatable {
    public var rows: [Row]
    /// The fitted prompt size.
    public var promptTokens: Int64
    public var trace: RecordedTrace

    public var recordedInput: Int64 { rows.reduce(0) { $0 + Row.input($1.recorded) } }
    public var predictedInput: Int64 { rows.reduce(0) { $0 + Row.input($1.predicted) } }
    /// Σ over responses and input categories of |predicted − recorded|: the total model error.
    public var absoluteError: Int64 { rows.reduce(0) { $0 + $1.absoluteError } }
    /// Σ of ``Row/sizeError``: the model error with the cache split left out.
    public var sizeError: Int64 { rows.reduce(0) { $0 + $1.sizeError } }
    /// ``absoluteError`` over the recorded input tokens.
    public var relativeError: Double {
      recordedInput == 0 ? 0 : Double(absoluteError) / Double(recordedInput)
    }
  }

  /// Extracts the trace of every event of `source` (a recording reader, an import, a capture).
  /// Errors name the source and the line.
  public static func extract(
    from source: any EventSource, parameters: WorldModelParameters = WorldModelParameters()
  ) throws(CalibrationError) -> RecordedTrace {
    var extractor = TraceExtractor(parameters: parameters)
    let name = source.provenance.name
    do {
      while let event = try source.next() { try extractor.add(event) }
    } catch let error as CalibrationError {
      throw CalibrationError(line: error.line, message: "\(name):\(error.line): \(error.message)")
    } catch let error as RecordingError {
      throw CalibrationError(line: error.line, message: error.description)
    } catch {
      throw CalibrationError(line: 0, message: "\(name): \(error)")
    }
    return extractor.finish()
  }

  /// Extracts the trace of the recording at `path`, read strictly.
  public static func extract(
    path: String, parameters: WorldModelParameters = WorldModelParameters()
  ) throws(CalibrationError) -> RecordedTrace {
    let reader: RecordingReader
    do {
      reader = try RecordingReader(path: path)
    } catch {
      throw CalibrationError(line: error.line, message: error.description)
    }
    return try extract(from: reader, parameters: parameters)
  }

  /// Re-runs `trace` through the world model.
  public static func run(
    _ trace: RecordedTrace, parameters: WorldModelParameters = WorldModelParameters(),
    truncation: Truncation = .auto
  ) -> Result {
    // Pass 1 sizes the prompt from the first billed response's text input.
    let unprompted = replay(trace, prompt: 0, parameters: parameters, truncation: truncation)
    var prompt: Int64 = 0
    if let first = unprompted.first {
      let recordedText = first.recorded.textIn + first.recorded.textInCached
      let predictedText = first.predicted.textIn + first.predicted.textInCached
      prompt = max(0, recordedText - predictedText)
    }
    let rows = replay(trace, prompt: prompt, parameters: parameters, truncation: truncation)
    return Result(rows: rows, promptTokens: prompt, trace: trace)
  }

  static func replay(
    _ trace: RecordedTrace, prompt: Int64, parameters: WorldModelParameters, truncation: Truncation
  ) -> [Row] {
    var context = ConversationContext(
      parameters: parameters, promptTokens: prompt, truncation: truncation, evaluation: .expected)
    var rows: [Row] = []
    var lastAnswerAudio: Micros = 0
    for step in trace.steps {
      switch step {
      case .newSession:
        context.reset()
      case .userAudio(let committed):
        context.addUserAudio(committed)
      case .textItem(let tokens):
        context.addFunctionCallOutput(tokens: tokens)
      case .cancelledUnbilled:
        context.noteCancelledResponse()
      case .truncate(let played):
        context.truncateLastAnswer(keepingAudio: played, of: lastAnswerAudio)
      case .response(let index, let time):
        guard index >= 0 else { continue }
        let response = trace.responses[index]
        let callOnly = response.functionCall && response.outputAudio == 0
        let output = ResponseOutput(
          audio: response.outputAudio, transcriptTokens: callOnly ? 0 : response.outputText,
          functionCallArgumentsTokens: callOnly ? response.outputText : 0)
        let predicted = context.respond(at: time, output: output)
        if response.status == .cancelled { context.noteCancelledResponse() }
        if response.outputAudio > 0 { lastAnswerAudio = response.outputAudio }
        rows.append(
          Row(
            line: response.line, status: response.status, recorded: response.recorded, predicted: predicted,
            cache: context.lastDecision))
      }
    }
    return rows
  }
}
