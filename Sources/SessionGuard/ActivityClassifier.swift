public import RealtimeEvents

/// Decides which events reset the idle timer and which count as user input that reconnects.
///
/// The real default counts what shows that a conversation is going on (speech, committed input,
/// responses, tool calls, the user addressing the device, the app creating items or responses) and
/// ignores what a streaming microphone or the server produces on its own (audio appends, rate-limit
/// updates, session events). ``seed`` reproduces the original design: every sent or received event,
/// every `input_audio_buffer.append` included, is activity (DESIGN §4, defect 1).
public struct ActivityClassifier: Sendable, Equatable {
  /// A short name for reports (`real`, `seed`, `push-to-talk`).
  public var name: String
  /// Event kinds that reset the idle timer while connected.
  public var activity: Set<GuardEventKind> { didSet { activityMask = Self.mask(activity) } }
  /// Event kinds that, while disconnected, mean the user wants to talk: they trigger a reconnect.
  public var userInput: Set<GuardEventKind> { didSet { userInputMask = Self.mask(userInput) } }

  // Bit masks by ``GuardEventKind/ordinal``: the simulator classifies millions of events a second.
  private var activityMask: UInt64
  private var userInputMask: UInt64

  public init(name: String, activity: Set<GuardEventKind>, userInput: Set<GuardEventKind>) {
    self.name = name
    self.activity = activity
    self.userInput = userInput
    activityMask = Self.mask(activity)
    userInputMask = Self.mask(userInput)
  }

  private static func mask(_ kinds: Set<GuardEventKind>) -> UInt64 {
    kinds.reduce(0) { $0 | (1 << UInt64($1.ordinal)) }
  }

  /// Whether events of `kind` reset the idle timer.
  public func isActivity(kind: GuardEventKind) -> Bool { activityMask & (1 << UInt64(kind.ordinal)) != 0 }

  /// Whether events of `kind`, arriving while disconnected, reconnect.
  public func isUserInput(kind: GuardEventKind) -> Bool { userInputMask & (1 << UInt64(kind.ordinal)) != 0 }

  /// The real default: conversation events are activity; speech and local user commands reconnect.
  ///
  /// Speech started stands in for a local VAD on the device: with the socket closed the server sees
  /// nothing, so a live app needs its own wake word or VAD to produce that input.
  public static let real = ActivityClassifier(
    name: "real",
    activity: [
      .speechStarted, .speechStopped, .inputAudioCommitted, .inputAudioCommit, .responseCreated,
      .responseDone, .functionCallArgumentsDone, .functionCallOutputCreate, .userCommand,
      .conversationItemCreate, .responseCreate,
    ],
    userInput: [.speechStarted, .userCommand])

  /// Push-to-talk devices: the microphone streams only while the user holds the button, so an
  /// audio append is activity and reconnects as well.
  public static let pushToTalk: ActivityClassifier = {
    var classifier = ActivityClassifier.real
    classifier.name = "push-to-talk"
    classifier.activity.insert(.inputAudioAppend)
    classifier.userInput.insert(.inputAudioAppend)
    return classifier
  }()

  /// The original design: every sent or received event is activity; only the voice-command handler
  /// (a local user command) reconnects.
  public static let seed = ActivityClassifier(
    name: "seed",
    activity: Set(GuardEventKind.allCases.filter { $0 != .localAudio }),
    userInput: [.userCommand])

  /// The classifier named `name`: `real`, `push-to-talk`, or `seed` (also `any-event`).
  public static func named(_ name: String) -> ActivityClassifier? {
    switch name {
    case "real": .real
    case "push-to-talk": .pushToTalk
    case "seed", "any-event": .seed
    default: nil
    }
  }

  /// Whether `event` resets the idle timer.
  public func isActivity(_ event: RealtimeEvent) -> Bool { isActivity(kind: GuardEventKind(event)) }

  /// Whether `event`, arriving while disconnected, should reconnect.
  public func isUserInput(_ event: RealtimeEvent) -> Bool { isUserInput(kind: GuardEventKind(event)) }
}
