/// Which events count as activity (they reset an idle timer) and which, arriving while
/// disconnected, mean the user wants to talk (they trigger a reconnect): the one activity
/// definition of rtcost, used by the idle monitor, the recording summary's idle gaps and the
/// simulator alike.
///
/// The real rule counts what shows that a conversation is going on (speech, committed input,
/// responses, tool calls, the user addressing the device, the app creating items or responses) and
/// ignores what a streaming microphone or the server produces on its own (audio appends, deltas,
/// rate-limit updates, session events). ``seed`` reproduces the original design: every event sent
/// or received, every `input_audio_buffer.append` included, is activity (the seed's defect 1).
public struct ActivityRule: Sendable, Equatable, Hashable {
  /// A short name for reports and options: `real`, `seed`, `push-to-talk`.
  public var name: String
  /// Event kinds that reset the idle timer while connected.
  public var activity: Set<EventKind> { didSet { activityMask = Self.mask(activity) } }
  /// Event kinds that, while disconnected, mean the user wants to talk: they trigger a reconnect.
  public var userInput: Set<EventKind> { didSet { userInputMask = Self.mask(userInput) } }

  // Bit masks by ``EventKind/ordinal``: the simulator classifies millions of events a second.
  private var activityMask: UInt64
  private var userInputMask: UInt64

  public init(name: String, activity: Set<EventKind>, userInput: Set<EventKind>) {
    self.name = name
    self.activity = activity
    self.userInput = userInput
    activityMask = Self.mask(activity)
    userInputMask = Self.mask(userInput)
  }

  private static func mask(_ kinds: Set<EventKind>) -> UInt64 {
    kinds.reduce(0) { $0 | (1 << UInt64($1.ordinal)) }
  }

  public static func == (lhs: ActivityRule, rhs: ActivityRule) -> Bool {
    lhs.name == rhs.name && lhs.activityMask == rhs.activityMask && lhs.userInputMask == rhs.userInputMask
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(name)
    hasher.combine(activityMask)
    hasher.combine(userInputMask)
  }

  /// Whether events of `kind` reset the idle timer.
  public func isActivity(kind: EventKind) -> Bool { activityMask & (1 << UInt64(kind.ordinal)) != 0 }

  /// Whether events of `kind`, arriving while disconnected, reconnect.
  public func isUserInput(kind: EventKind) -> Bool { userInputMask & (1 << UInt64(kind.ordinal)) != 0 }

  /// Whether `event` resets the idle timer.
  public func isActivity(_ event: RealtimeEvent) -> Bool { isActivity(kind: EventKind(event)) }

  /// Whether `event`, arriving while disconnected, should reconnect.
  public func isUserInput(_ event: RealtimeEvent) -> Bool { isUserInput(kind: EventKind(event)) }

  /// Whether audio appends or deltas count as activity (the seed's every-event rule, push-to-talk).
  public var streamingIsActivity: Bool {
    isActivity(kind: .inputAudioAppend) || isActivity(kind: .outputAudioDelta)
      || isActivity(kind: .liveInputAudioAppend)
  }

  /// The real rule: conversation events are activity; speech and local user commands reconnect.
  ///
  /// Speech started stands in for a local VAD on the device: with the socket closed the server sees
  /// nothing, so a live app needs its own wake word or VAD to produce that input.
  public static let real = ActivityRule(
    name: "real",
    activity: [
      .speechStarted, .speechStopped, .inputAudioCommitted, .inputAudioCommit, .responseCreated,
      .responseDone, .functionCallArgumentsDone, .functionCallOutputCreate, .userCommand,
      .conversationItemCreate, .responseCreate,
      // GPT-Live: the server heard the user, the model speaks, backend work runs.
      .liveInputTranscriptDelta, .liveOutputTranscriptDelta, .liveDelegationCreated,
    ],
    userInput: [.speechStarted, .userCommand, .liveInputTranscriptDelta])

  /// Push-to-talk devices: the microphone streams only while the user holds the button, so an
  /// audio append is activity and reconnects as well.
  public static let pushToTalk: ActivityRule = {
    var rule = ActivityRule.real
    rule.name = "push-to-talk"
    rule.activity.formUnion([.inputAudioAppend, .liveInputAudioAppend])
    rule.userInput.formUnion([.inputAudioAppend, .liveInputAudioAppend])
    return rule
  }()

  /// The original design: every sent or received event is activity; only the voice-command handler
  /// (a local user command) reconnects. Local markers that are not socket traffic (`local.audio`,
  /// `local.session_closed`) are not events the seed's socket saw, so they are not activity.
  public static let seed = ActivityRule(
    name: "seed",
    activity: Set(EventKind.allCases.filter { $0 != .localAudio && $0 != .sessionClosed }),
    userInput: [.userCommand])

  /// Every named rule, in the order options list them.
  public static let named: [ActivityRule] = [.real, .seed, .pushToTalk]

  /// The rule named `name`: `real`, `seed` (also `any-event`, the seed's rule by what it does) or
  /// `push-to-talk`; nil for anything else.
  public static func named(_ name: String) -> ActivityRule? {
    name == "any-event" ? .seed : named.first { $0.name == name }
  }
}
