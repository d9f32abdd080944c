public import RealtimeEvents

/// A function call an answer starts with.
public struct FunctionCallPlan: Sendable, Equatable {
  /// How long the app runs the tool.
  public var duration: Micros
  /// Argument tokens the model generates.
  public var argumentsTokens: Int64
  /// Result tokens the app sends back.
  public var outputTokens: Int64

  public init(duration: Micros, argumentsTokens: Int64, outputTokens: Int64) {
    self.duration = duration
    self.argumentsTokens = argumentsTokens
    self.outputTokens = outputTokens
  }
}

/// One thing that happens in the world, independent of any policy.
///
/// A plain value with no references, so a trace is one contiguous array.
public struct Stimulus: Sendable, Equatable {
  /// What kind of stimulus.
  public enum Kind: UInt8, Sendable, Equatable {
    /// A genuine user utterance addressed to the agent.
    case userTurn
    /// A noise burst a VAD would commit (TV, other people).
    case noiseBurst
    /// A local user command (wake word, button); never sent to the API.
    case userCommand
    /// The end of a conversation (after its last answer and a hang-up pause).
    case conversationEnd
  }

  /// Nominal time: when it happens if nothing before it was delayed.
  public var time: Micros
  public var kind: Kind
  /// Conversation number (0-based, in start order); nil when not part of a conversation.
  public var conversation: Int32?
  /// Turn number within the conversation (0-based); for noise, the noise source index.
  public var index: Int32
  /// Utterance or burst length (speech only; padding and silence are added by the engine).
  public var duration: Micros
  /// The answer's audio length.
  public var responseAudio: Micros
  /// The answer's transcript tokens.
  public var responseTextTokens: Int64
  /// A function call the answer starts with.
  public var functionCall: FunctionCallPlan?
  /// How long a reconnect would take if this stimulus finds the session closed.
  public var reconnectLatency: Micros
  /// The audio a VAD really committed for this turn, when known from a WAV segment: its prefix
  /// padding (clamped to the audio since the previous commit) + speech + the silence up to the
  /// commit. 0 = not known: the turn's committed audio follows from the session settings
  /// (``TurnTiming/committedAudio(speech:)``). The engine does not read it yet
  /// (docs/audio-input.md, "Billing").
  public var committedAudio: Micros

  public init(
    time: Micros, kind: Kind, conversation: Int32? = nil, index: Int32 = 0, duration: Micros = 0,
    responseAudio: Micros = 0, responseTextTokens: Int64 = 0, functionCall: FunctionCallPlan? = nil,
    reconnectLatency: Micros = 0, committedAudio: Micros = 0
  ) {
    self.time = time
    self.kind = kind
    self.conversation = conversation
    self.index = index
    self.duration = duration
    self.responseAudio = responseAudio
    self.responseTextTokens = responseTextTokens
    self.functionCall = functionCall
    self.reconnectLatency = reconnectLatency
    self.committedAudio = committedAudio
  }
}

/// The policy-independent stimuli of one world, ordered by (time, kind, generation order).
///
/// The same trace runs under every policy (common random numbers), so savings are paired.
public struct WorldTrace: Sendable, Equatable {
  public var stimuli: [Stimulus]
  public var horizon: Micros
  public var seed: UInt64

  public init(stimuli: [Stimulus], horizon: Micros, seed: UInt64) {
    self.stimuli = stimuli
    self.horizon = horizon
    self.seed = seed
  }

  /// Genuine user turns.
  public var userTurns: Int { stimuli.count { $0.kind == .userTurn } }
  /// Noise bursts.
  public var noiseBursts: Int { stimuli.count { $0.kind == .noiseBurst } }
  /// Local user commands.
  public var userCommands: Int { stimuli.count { $0.kind == .userCommand } }
  /// Conversations.
  public var conversations: Int { stimuli.count { $0.kind == .conversationEnd } }
}
