public import Billing
public import RealtimeEvents
public import SessionGuard

/// A synthetic world and the policy under test, as read from a scenario file (docs/simulation.md).
///
/// Everything the world generator and the engine need is here, already validated and in exact
/// units (microseconds, tokens, ``Money``), so that generating a world never fails.
public struct Scenario: Sendable, Equatable {
  /// A label for reports (the file name without `.yaml` unless `name:` is given).
  public var name: String
  /// The voice model (a Realtime dated name or alias, or a GPT-Live model), priced from the price book.
  public var model: String
  /// An optional user price file, resolved relative to the scenario file.
  public var pricesFile: String?
  /// The simulated calendar day of time zero (prices in force that day; hour 0 of the daily profiles).
  public var startDay: CalendarDay?
  /// How much virtual time one world covers.
  public var horizon: Micros
  /// The world seed; another seed gives another world.
  public var seed: UInt64
  public var session: SessionSettings
  public var user: UserBehaviour
  /// Independent noise sources (a TV, a radio); each has its own random stream.
  public var noise: [NoiseSource]
  public var commands: CommandSettings
  /// The guard the world runs under (`policy:`); off unless the file sets a timeout or thresholds.
  public var policy: GuardSettings
  public var worldModel: WorldModelParameters
  /// How a GPT-Live session behaves (`live:`), used when the model is a GPT-Live model.
  public var live = LiveSessionModel()
  /// WAV files used as microphone input (`audio_inputs:`), already read and analysed.
  public var audioInputs: [AudioInput] = []

  public init(
    name: String, model: String, pricesFile: String? = nil, startDay: CalendarDay? = nil, horizon: Micros,
    seed: UInt64, session: SessionSettings = SessionSettings(), user: UserBehaviour = UserBehaviour(),
    noise: [NoiseSource] = [], commands: CommandSettings = CommandSettings(),
    policy: GuardSettings = GuardSettings(), worldModel: WorldModelParameters = WorldModelParameters()
  ) {
    self.name = name
    self.model = model
    self.pricesFile = pricesFile
    self.startDay = startDay
    self.horizon = horizon
    self.seed = seed
    self.session = session
    self.user = user
    self.noise = noise
    self.commands = commands
    self.policy = policy
    self.worldModel = worldModel
  }
}

/// When the app holds a Realtime session open.
public enum SessionLifecycle: String, Sendable, Equatable, CaseIterable {
  /// Connected from the start and reconnected after every close (a home robot, a kiosk).
  case alwaysOn = "always_on"
  /// Connected when a conversation starts and closed when it ends (one session per phone call).
  case perConversation = "per_conversation"
}

/// How the end of a user turn is detected.
public enum TurnDetectionMode: String, Sendable, Equatable, CaseIterable {
  /// Server VAD: the mic streams continuously and the server commits speech (DESIGN §1).
  case serverVAD = "server_vad"
  /// Semantic VAD: the mic streams; modelled like server VAD for billing.
  case semanticVAD = "semantic_vad"
  /// None (push to talk): the app streams only while the button is held and commits itself.
  case none

  /// Whether the microphone streams continuously while the session is open.
  public var micStreams: Bool { self != .none }
}

/// What the server does when the input would exceed the context window (DESIGN §1).
public enum Truncation: Sendable, Equatable {
  /// `truncation: "auto"`: drop the oldest items until the input fits the window.
  case auto
  /// `retention_ratio`: drop the oldest items until the input is at most ratio × window.
  case retentionRatio(Double)
}

/// The app's session configuration.
public struct SessionSettings: Sendable, Equatable {
  public var lifecycle: SessionLifecycle = .alwaysOn
  public var inputAudioFormat: AudioFormat = .pcm16
  public var outputAudioFormat: AudioFormat = .pcm16
  /// Instructions tokens (text, at the head of every input).
  public var instructionsTokens: Int64 = 800
  /// Tool definition tokens (text, after the instructions).
  public var toolsTokens: Int64 = 200
  /// The input transcription model; nil when transcription is off.
  public var transcriptionModel: String? = nil
  public var turnDetection: TurnDetectionMode = .serverVAD
  /// Server VAD `threshold` (0…1, default 0.5 as in real sessions): used only to find the speech in
  /// ambient audio inputs (``AudioInput``); generated turns need no threshold.
  public var vadThreshold: Double = 0.5
  /// Server VAD `prefix_padding_ms` (DESIGN §1: 300 ms): committed with every utterance.
  public var prefixPadding: Micros = 300_000
  /// Server VAD `silence_duration_ms` (DESIGN §1: sent as 200 ms in real `session.created`).
  public var silenceDuration: Micros = 200_000
  /// Server VAD `interrupt_response` (true in real `session.created` events): speech during an
  /// answer cancels it (billed for what was generated) and the client truncates it to what played.
  public var interruptResponse = true
  /// GA server VAD `idle_timeout_ms`: after this much silence a billed re-prompt is created; nil = off.
  public var idleTimeout: Micros? = nil
  public var truncation: Truncation = .auto
  /// The server's session length cap (DESIGN §1: 60 min with GA); the app reconnects after it.
  public var sessionCap: Micros = 3_600_000_000
  /// `reasoning_effort` of a reasoning model (gpt-realtime-2 and later); nil takes the model's
  /// default (its price-book row). Ignored for a model that does not reason.
  public var reasoningEffort: ReasoningEffort? = nil
  /// The effort the world runs with: set from the model's row by ``Scenario/adoptingModelFacts(of:transcription:)``
  /// (nil for a model that does not reason).
  public internal(set) var effectiveReasoningEffort: ReasoningEffort? = nil
  /// Whether the transcription model reports duration usage (its card bills by the minute): set by
  /// ``Scenario/adoptingModelFacts(of:transcription:)``; nil before, when only whisper-1 is assumed to.
  public internal(set) var transcriptionByDuration: Bool? = nil
  /// What a reconnect costs the user before the turn can be heard (drawn per stimulus in the trace).
  /// Assumption: lognormal, median 800 ms, p95 2 s (WebSocket + TLS + session.update round trips).
  public var reconnectLatency: Distribution = .lognormal(median: 800_000, p95: 2_000_000)

  public init() {}

  /// Instructions plus tools: the text prefix of every input.
  public var promptTokens: Int64 { instructionsTokens + toolsTokens }
}

/// Expected events per hour for each hour of the day (hour 0 = midnight of the start day).
public struct DailyProfile: Sendable, Equatable {
  /// 24 non-negative rates, events per hour.
  public var perHour: [Double]

  /// A profile with the same rate every hour.
  public init(constant rate: Double) { perHour = Array(repeating: rate, count: 24) }

  /// A profile from 24 hourly rates.
  public init(perHour: [Double]) {
    precondition(perHour.count == 24, "a daily profile has 24 hourly rates")
    self.perHour = perHour
  }

  /// The rate in force at `time` (hour of day = time / 1 h mod 24).
  public func rate(at time: Micros) -> Double { perHour[Int((time / 3_600_000_000) % 24)] }

  /// Expected events per day.
  public var perDay: Double { perHour.reduce(0, +) }
}

/// How the people who use the agent behave.
public struct UserBehaviour: Sendable, Equatable {
  /// Conversation starts per hour by hour of day (a non-homogeneous Poisson process).
  public var conversationsPerHour = DailyProfile(constant: 1)
  /// Turns per conversation (counts ≥ 1).
  public var turns: Distribution = .geometric(mean: 3)
  /// Speech length of one utterance (µs).
  public var utterance: Distribution = .lognormal(median: 2_000_000, p95: 6_000_000)
  /// Audio length of the assistant's spoken answer (µs).
  public var responseAudio: Distribution = .lognormal(median: 5_000_000, p95: 15_000_000)
  /// Transcript text tokens of the answer (billed as text output).
  public var responseTextTokens: Distribution = .lognormal(median: 20, p95: 60)
  public var functionCalls = FunctionCallBehaviour()
  /// Silence between the end of the answer's playback and the next utterance (µs).
  public var thinkTime: Distribution = .lognormal(median: 4_000_000, p95: 15_000_000)
  /// Silence after the last answer before a per-conversation session is closed (µs).
  public var hangup: Distribution = .fixed(1_000_000)

  public init() {}
}

/// Tool calls the assistant makes.
public struct FunctionCallBehaviour: Sendable, Equatable {
  /// Probability that a turn's answer starts with one function call.
  public var probability: Double = 0
  /// How long the app takes to run the tool (µs).
  public var duration: Distribution = .lognormal(median: 500_000, p95: 3_000_000)
  /// Argument tokens the model generates (text output, then a `function_call` item).
  public var argumentsTokens: Distribution = .fixed(30)
  /// Tokens of the tool's result (a `function_call_output` item, text input from then on).
  public var outputTokens: Distribution = .fixed(80)

  public init() {}
}

/// A noise source whose bursts a server VAD would commit as speech (TV, radio, other people).
public struct NoiseSource: Sendable, Equatable {
  public var name: String
  /// Committed bursts per hour by hour of day.
  public var burstsPerHour: DailyProfile
  /// Length of one burst (µs).
  public var length: Distribution
  /// Audio length of the model's answer to a burst (µs).
  public var responseAudio: Distribution
  /// Transcript tokens of that answer.
  public var responseTextTokens: Distribution

  public init(
    name: String, burstsPerHour: DailyProfile,
    length: Distribution = .lognormal(median: 1_500_000, p95: 4_000_000),
    responseAudio: Distribution = .lognormal(median: 3_000_000, p95: 8_000_000),
    responseTextTokens: Distribution = .lognormal(median: 12, p95: 40)
  ) {
    self.name = name
    self.burstsPerHour = burstsPerHour
    self.length = length
    self.responseAudio = responseAudio
    self.responseTextTokens = responseTextTokens
  }
}

/// Local user commands (wake word, button, a local "stop"): never sent to the API, but activity.
public struct CommandSettings: Sendable, Equatable {
  /// Commands per hour by hour of day, outside conversations.
  public var perHour = DailyProfile(constant: 0)
  /// Whether each conversation begins with a command (a wake word) just before its first utterance.
  public var wakeWord = false
  /// How long before the first utterance the wake word is heard (µs).
  public var wakeWordLead: Micros = 500_000

  public init() {}
}
