import Billing
public import RealtimeEvents
import SessionGuard

/// Estimates a ``Scenario`` from timed recordings (`rtcost fit`): conversations per hour by hour of
/// day, turns per conversation, utterance lengths, think time, answer audio and transcript sizes,
/// function calls and their durations, noise, local commands, the prompt and the session settings,
/// with a ``FitReport`` saying how each value was reached.
///
/// How the recordings are read (docs/simulation.md, "Fitting a scenario to recordings"):
/// - **Conversations.** A session closed with `hangup` means one session per conversation
///   (`per_conversation`); otherwise (`always_on`) a turn continues its conversation when it starts
///   within ``Options/conversationGap`` of the previous answer's end, and starts a new one otherwise.
///   When most conversations so found begin within ``Options/wakeWordWindow`` after a local user
///   command, the commands are wake words: then a conversation starts only at a wake word.
/// - **Noise.** With wake words, an utterance that neither follows a wake word nor continues a
///   conversation is noise: a response to something not addressed to the agent. That is sure for
///   noise between conversations; noise during a conversation's think time cannot be told from a
///   turn and is counted as one (the report estimates how many). Without wake words no utterance can
///   be told to be noise, and the noise section is not fitted.
/// - **Rates.** Conversation starts per hour of day are counted over the time no conversation was
///   running (a device holds one conversation at a time, so starts cannot happen during one): the
///   maximum-likelihood rate of a Poisson process observed only while idle. Noise bursts are counted
///   over the idle time with a session open.
/// - **Sizes.** Answer audio and transcripts come from completed answers only (an interrupted one
///   is cut short); tool result tokens from the growth of the next input's text; the prompt from
///   each session's first response (its text input less one item's special tokens).
public struct ScenarioFitter: Sendable {
  /// How recordings are interpreted.
  public struct Options: Sendable, Equatable {
    /// The scenario's name.
    public var name: String
    /// A turn within this much of the previous answer's end continues its conversation.
    public var conversationGap: Micros
    /// A local command this much before an utterance is its wake word.
    public var wakeWordWindow: Micros
    /// Fewer observations than this keep a distribution at its default.
    public var minimumSamples: Int
    /// The scenario whose values are kept where the recordings say nothing (the defaults).
    public var base: Scenario?
    /// How long each recording watched from its start, when known (a logger that ran a whole day):
    /// quiet time after the last event then counts as observed. Nil: until the last event.
    public var observedSpan: Micros?

    public init(
      name: String = "fitted", conversationGap: Micros = .seconds(60), wakeWordWindow: Micros = .seconds(5),
      minimumSamples: Int = 5, base: Scenario? = nil, observedSpan: Micros? = nil
    ) {
      self.name = name
      self.conversationGap = conversationGap
      self.wakeWordWindow = wakeWordWindow
      self.minimumSamples = minimumSamples
      self.base = base
      self.observedSpan = observedSpan
    }
  }

  public var options: Options
  public private(set) var recordings: [RecordingObservations] = []

  public init(options: Options = Options()) { self.options = options }

  /// Reads every event of `source` (a recording, an import, a capture).
  public mutating func add(_ source: any EventSource) throws(FitError) {
    var observer = RecordingObserver(name: source.provenance.name, header: source.header)
    do {
      while let event = try source.next() {
        observer.use(header: source.header)
        try observer.add(event)
      }
    } catch let error as FitError {
      throw error
    } catch let error as RecordingError {
      throw FitError(error.description)
    } catch {
      throw FitError("\(source.provenance.name): \(error)")
    }
    var observations = observer.finish()
    if let span = options.observedSpan { observations.observedEnd = max(observations.lastEvent, span) }
    guard !observations.sessions.isEmpty else {
      throw FitError("\(source.provenance.name): no session.created event: nothing to fit")
    }
    recordings.append(observations)
  }

  /// Adds observations made elsewhere.
  public mutating func add(_ observations: RecordingObservations) { recordings.append(observations) }

  /// The fitted scenario and its report.
  public func fit() throws(FitError) -> ScenarioFit {
    guard !recordings.isEmpty else { throw FitError("no recordings to fit") }
    var work = FitWork(options: options, recordings: recordings)
    return try work.run()
  }
}

/// A fitted scenario with the report of how it was fitted.
public struct ScenarioFit: Sendable {
  public var scenario: Scenario
  public var report: FitReport

  /// The scenario as YAML, each fitted value's line commented with how it was reached.
  public func yaml(baseDirectory: String = "") throws(ScenarioWriteError) -> String {
    var comments = ScenarioWriter.Comments()
    comments.header =
      [
        "Fitted by rtcost fit from \(report.recordings.count) recording(s), "
          + "\(fixed(report.observedHours, 1)) hours observed: \(report.recordings.joined(separator: ", "))",
        "\(report.sessions) sessions, \(report.conversations) conversations, \(report.genuineTurns) turns, "
          + "\(report.noiseResponses) responses to noise, \(report.reprompts) server re-prompts.",
      ] + report.notes
    for row in report.rows { comments.byKeyPath[row.keyPath] = row.how }
    return try ScenarioWriter.yaml(scenario, comments: comments, baseDirectory: baseDirectory)
  }
}
