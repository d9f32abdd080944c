import Billing
import RealtimeEvents
import SessionGuard

/// Writes a ``Scenario`` as scenario YAML that ``ScenarioLoader`` reads back to an equal value.
///
/// Every section the loader knows is written (the world model as the keys that differ from its
/// defaults, the policy when it is not the default), durations in their exact form (`2345678us`
/// when not a whole number of milliseconds), numbers in the shortest text that reads back to the
/// same `Double`. Before returning, the text is parsed back and compared with the scenario: a value
/// the format cannot express (a duration with a fraction of a microsecond, a policy check interval
/// other than the alert default, a parameter added to the model but not to this writer) is a
/// ``ScenarioWriteError`` naming it, never a file that would load as something else.
public enum ScenarioWriter {
  /// A comment for the top of the file and, by key path (`user.turns`, `noise[0].length`), a comment
  /// at the end of that key's line.
  public struct Comments: Sendable, Equatable {
    public var header: [String]
    public var byKeyPath: [String: String]

    public init(header: [String] = [], byKeyPath: [String: String] = [:]) {
      self.header = header
      self.byKeyPath = byKeyPath
    }
  }

  /// The YAML of `scenario`, checked to load back unchanged.
  ///
  /// - Parameters:
  ///   - baseDirectory: the folder the file will live in: `audio_inputs` WAVs are written as given
  ///     and read back relative to it by the check.
  public static func yaml(
    _ scenario: Scenario, comments: Comments = Comments(), baseDirectory: String = ""
  ) throws(ScenarioWriteError) -> String {
    var out = YAMLOut(comments: comments.byKeyPath)
    for line in comments.header { out.raw("# \(line)") }
    out.scalar("name", quoted(scenario.name))
    out.scalar("model", quoted(scenario.model))
    if let prices = scenario.pricesFile { out.scalar("prices", quoted(prices)) }
    if let start = scenario.startDay { out.scalar("start", start.description) }
    out.scalar("horizon", try duration(scenario.horizon, "horizon"))
    out.scalar("seed", String(scenario.seed))
    try session(scenario.session, &out)
    try user(scenario.user, &out)
    if !scenario.noise.isEmpty {
      out.open("noise")
      for (index, source) in scenario.noise.enumerated() {
        let path = "noise[\(index)]"
        out.listItem()
        out.scalar("name", quoted(source.name), path: path)
        out.scalar(
          "bursts_per_hour", try profile(source.burstsPerHour, path + ".bursts_per_hour"), path: path)
        out.scalar("length", try distribution(source.length, .duration, path + ".length"), path: path)
        out.scalar(
          "response_audio", try distribution(source.responseAudio, .duration, path + ".response_audio"),
          path: path)
        out.scalar(
          "response_text_tokens",
          try distribution(source.responseTextTokens, .count, path + ".response_text_tokens"), path: path)
        out.closeListItem()
      }
      out.close()
    }
    if scenario.commands != CommandSettings() {
      out.open("commands")
      out.scalar("per_hour", try profile(scenario.commands.perHour, "commands.per_hour"))
      out.scalar("wake_word", String(scenario.commands.wakeWord))
      out.scalar("wake_word_lead", try duration(scenario.commands.wakeWordLead, "commands.wake_word_lead"))
      out.close()
    }
    if scenario.policy != GuardSettings() { try policy(scenario.policy, &out) }
    try worldModel(scenario.worldModel, &out)
    try live(scenario.live, &out)
    if !scenario.audioInputs.isEmpty { try audioInputs(scenario.audioInputs, &out) }
    let text = out.text
    try check(text, against: scenario, baseDirectory: baseDirectory)
    return text
  }

  // MARK: Sections

  static func session(_ session: SessionSettings, _ out: inout YAMLOut) throws(ScenarioWriteError) {
    out.open("session")
    out.scalar("lifecycle", session.lifecycle.rawValue)
    out.scalar("input_audio_format", session.inputAudioFormat.rawValue)
    out.scalar("output_audio_format", session.outputAudioFormat.rawValue)
    out.scalar("instructions_tokens", String(session.instructionsTokens))
    out.scalar("tools_tokens", String(session.toolsTokens))
    out.scalar("transcription", session.transcriptionModel.map(quoted) ?? "none")
    out.scalar("turn_detection", session.turnDetection.rawValue)
    out.scalar("vad_threshold", number(session.vadThreshold))
    out.scalar("prefix_padding", try duration(session.prefixPadding, "session.prefix_padding"))
    out.scalar("silence_duration", try duration(session.silenceDuration, "session.silence_duration"))
    out.scalar("interrupt_response", String(session.interruptResponse))
    if let idle = session.idleTimeout {
      guard idle % 1_000 == 0 else {
        throw ScenarioWriteError("session.idle_timeout_ms", "is not a whole number of milliseconds")
      }
      out.scalar("idle_timeout_ms", String(idle / 1_000))
    }
    switch session.truncation {
    case .auto: out.scalar("truncation", "auto")
    case .retentionRatio(let ratio): out.scalar("truncation", "{retention_ratio: \(number(ratio))}")
    }
    out.scalar("session_cap", try duration(session.sessionCap, "session.session_cap"))
    out.scalar(
      "reconnect_latency", try distribution(session.reconnectLatency, .duration, "session.reconnect_latency"))
    if let effort = session.reasoningEffort { out.scalar("reasoning_effort", effort.rawValue) }
    out.close()
  }

  /// The `live:` keys whose values differ from the defaults.
  static func live(_ live: LiveSessionModel, _ out: inout YAMLOut) throws(ScenarioWriteError) {
    let defaults = LiveSessionModel()
    guard live != defaults else { return }
    out.open("live")
    if live.transport != defaults.transport { out.scalar("transport", live.transport.rawValue) }
    if let standby = live.standbyAfter {
      out.scalar("standby_after", try duration(standby, "live.standby_after"))
    }
    for (key, value, base) in [
      ("session_limit", live.sessionLimit, defaults.sessionLimit),
      ("usage_report_interval", live.usageReportInterval, defaults.usageReportInterval),
      ("delegation_latency", live.delegationLatency, defaults.delegationLatency),
    ] where value != base {
      out.scalar(key, try duration(value, "live." + key))
    }
    if let timeout = live.serverIdleTimeout {
      out.scalar("server_idle_timeout", try duration(timeout, "live.server_idle_timeout"))
    }
    if live.delegationFraction != defaults.delegationFraction {
      out.scalar("delegation_fraction", number(live.delegationFraction))
    }
    if live.backendModel != defaults.backendModel { out.scalar("backend_model", quoted(live.backendModel)) }
    for (key, value, base) in [
      ("backend_input_tokens", live.backendInputTokens, defaults.backendInputTokens),
      ("backend_cached_input_tokens", live.backendCachedInputTokens, defaults.backendCachedInputTokens),
      ("backend_output_tokens", live.backendOutputTokens, defaults.backendOutputTokens),
      ("backend_reasoning_tokens", live.backendReasoningTokens, defaults.backendReasoningTokens),
    ] where value != base {
      out.scalar(key, String(value))
    }
    out.close()
  }

  static func user(_ user: UserBehaviour, _ out: inout YAMLOut) throws(ScenarioWriteError) {
    out.open("user")
    out.scalar(
      "conversations_per_hour", try profile(user.conversationsPerHour, "user.conversations_per_hour"))
    out.scalar("turns", try distribution(user.turns, .count, "user.turns"))
    out.scalar("utterance", try distribution(user.utterance, .duration, "user.utterance"))
    out.scalar("response_audio", try distribution(user.responseAudio, .duration, "user.response_audio"))
    out.scalar(
      "response_text_tokens", try distribution(user.responseTextTokens, .count, "user.response_text_tokens"))
    out.open("function_calls")
    let calls = user.functionCalls
    out.scalar("probability", number(calls.probability))
    out.scalar("duration", try distribution(calls.duration, .duration, "user.function_calls.duration"))
    out.scalar(
      "arguments_tokens",
      try distribution(calls.argumentsTokens, .count, "user.function_calls.arguments_tokens"))
    out.scalar(
      "output_tokens", try distribution(calls.outputTokens, .count, "user.function_calls.output_tokens"))
    out.close()
    out.scalar("think_time", try distribution(user.thinkTime, .duration, "user.think_time"))
    out.scalar("hangup", try distribution(user.hangup, .duration, "user.hangup"))
    out.close()
  }

  static func policy(_ policy: GuardSettings, _ out: inout YAMLOut) throws(ScenarioWriteError) {
    guard policy.alertCheckInterval == GuardSettings().alertCheckInterval else {
      throw ScenarioWriteError(
        "policy",
        "its alert check interval has no key in scenario files (only the default 10s can be written)")
    }
    out.open("policy")
    out.scalar("mode", policy.mode.rawValue)
    out.scalar("activity", policy.activity.name)
    if let timeout = policy.idleTimeout {
      out.scalar("idle_timeout", try duration(timeout, "policy.idle_timeout"))
    } else {
      out.scalar("idle_timeout", "off")
    }
    out.scalar("check_interval", try duration(policy.checkInterval, "policy.check_interval"))
    for (key, level) in [("warn", AlertLevel.warning), ("alert", .alert)] {
      let thresholds = policy.thresholds.filter { $0.level == level }
      guard !thresholds.isEmpty else { continue }
      let pairs = thresholds.map { "\($0.window.rawValue): \($0.amount.decimalText)" }
      out.scalar(key, "{\(pairs.joined(separator: ", "))}")
    }
    out.scalar("alert_action", policy.alertAction.rawValue)
    if let budget = policy.dailyBudget { out.scalar("daily_budget", budget.decimalText) }
    out.close()
  }

  /// The world model's keys whose values differ from the defaults.
  static func worldModel(_ parameters: WorldModelParameters, _ out: inout YAMLOut) throws(ScenarioWriteError)
  {
    let defaults = WorldModelParameters()
    var lines: [(String, String)] = []
    let integers: [(String, KeyPath<WorldModelParameters, Int64>)] = [
      ("user_audio_tokens_per_second", \.userAudioTokensPerSecond),
      ("assistant_audio_tokens_per_second", \.assistantAudioTokensPerSecond),
      ("special_tokens_per_item", \.specialTokensPerItem), ("cache_granularity", \.cacheGranularity),
      ("transcript_tokens_per_minute", \.transcriptTokensPerMinute),
      ("transcription_audio_tokens_per_second", \.transcriptionAudioTokensPerSecond),
      ("reprompt_text_tokens", \.repromptTextTokens),
    ]
    for (key, path) in integers where parameters[keyPath: path] != defaults[keyPath: path] {
      lines.append((key, String(parameters[keyPath: path])))
    }
    let durations: [(String, KeyPath<WorldModelParameters, Micros>)] = [
      ("cache_lifetime", \.cacheLifetime), ("first_audio_latency", \.firstAudioLatency),
      ("audio_delta_duration", \.audioDeltaDuration), ("audio_delta_interval", \.audioDeltaInterval),
      ("function_call_latency", \.functionCallLatency), ("transcription_delay", \.transcriptionDelay),
      ("reprompt_audio", \.repromptAudio), ("expiry_reconnect_latency", \.expiryReconnectLatency),
      ("mic_append_interval", \.micAppendInterval),
    ]
    for (key, path) in durations where parameters[keyPath: path] != defaults[keyPath: path] {
      lines.append((key, try duration(parameters[keyPath: path], "world_model." + key)))
    }
    let flags: [(String, KeyPath<WorldModelParameters, Bool>)] = [
      ("assistant_audio_in_context", \.assistantAudioInContext),
      ("assistant_transcript_in_context", \.assistantTranscriptInContext),
      ("cache_warm_across_reconnects", \.cache.warmAcrossReconnects),
      ("truncation_deletes_transcript", \.cache.truncationDeletesTranscript),
    ]
    for (key, path) in flags where parameters[keyPath: path] != defaults[keyPath: path] {
      lines.append((key, String(parameters[keyPath: path])))
    }
    if parameters.maxConsecutiveReprompts != defaults.maxConsecutiveReprompts,
      let limit = parameters.maxConsecutiveReprompts
    {
      lines.append(("max_consecutive_reprompts", String(limit)))
    }
    if let window = parameters.contextWindow { lines.append(("context_window", String(window))) }
    for (key, budget, base, isDuration) in [
      ("reasoning_tokens", parameters.reasoningTokens, defaults.reasoningTokens, false),
      (
        "reasoning_first_audio_latency", parameters.reasoningFirstAudioLatency,
        defaults.reasoningFirstAudioLatency, true
      ),
    ] where budget != base {
      var pairs: [String] = []
      for effort in ReasoningEffort.allCases where budget[effort] != base[effort] {
        let value =
          isDuration
          ? try duration(budget[effort], "world_model.\(key).\(effort.rawValue)") : String(budget[effort])
        pairs.append("\(effort.rawValue): \(value)")
      }
      lines.append((key, "{\(pairs.joined(separator: ", "))}"))
    }
    let cache = parameters.cache
    let cacheDefaults = defaults.cache
    if cache.missAfterBargeIn != cacheDefaults.missAfterBargeIn {
      lines.append(("cache_miss_after_barge_in", number(cache.missAfterBargeIn)))
    }
    if cache.unservedTail != cacheDefaults.unservedTail {
      lines.append(("cache_hit_unserved_tail", String(cache.unservedTail)))
    }
    if cache.promptShared != cacheDefaults.promptShared {
      lines.append(("cache_prompt_shared", number(cache.promptShared)))
    }
    if cache.minimumInput != cacheDefaults.minimumInput {
      lines.append(("cache_minimum_input", String(cache.minimumInput)))
    }
    guard !lines.isEmpty else { return }
    out.open("world_model")
    for (key, value) in lines { out.scalar(key, value) }
    out.close()
  }

  static func audioInputs(_ inputs: [AudioInput], _ out: inout YAMLOut) throws(ScenarioWriteError) {
    out.open("audio_inputs")
    for (index, input) in inputs.enumerated() {
      let path = "audio_inputs[\(index)]"
      out.listItem()
      out.scalar("wav", quoted(input.wav), path: path)
      out.scalar("at", try duration(input.at, path + ".at"), path: path)
      out.scalar("use", input.use.rawValue, path: path)
      out.scalar("genuine", String(input.genuine), path: path)
      out.scalar("repeat_daily", String(input.repeatDaily), path: path)
      if let audio = input.responseAudio {
        out.scalar("response_audio", try distribution(audio, .duration, path + ".response_audio"), path: path)
      }
      if let text = input.responseTextTokens {
        out.scalar(
          "response_text_tokens", try distribution(text, .count, path + ".response_text_tokens"), path: path)
      }
      out.closeListItem()
    }
    out.close()
  }

  // MARK: Values

  /// What a distribution's values measure (as the loader reads them).
  enum ValueKind { case duration, count }

  /// A distribution as a bare value (fixed) or a flow mapping.
  static func distribution(_ distribution: Distribution, _ kind: ValueKind, _ path: String)
    throws(ScenarioWriteError) -> String
  {
    func value(_ value: Double) throws(ScenarioWriteError) -> String {
      switch kind {
      case .count: return number(value)
      case .duration:
        guard value == value.rounded(), value >= 0, value < 9.0e18 else {
          throw ScenarioWriteError(path, "\(value) µs is not a whole number of microseconds")
        }
        return try duration(Micros(value), path)
      }
    }
    switch distribution {
    case .fixed(let fixed): return try value(fixed)
    case .uniform(let low, let high):
      return "{dist: uniform, min: \(try value(low)), max: \(try value(high))}"
    case .exponential(let mean): return "{dist: exponential, mean: \(try value(mean))}"
    case .lognormal(let median, let p95):
      return "{dist: lognormal, median: \(try value(median)), p95: \(try value(p95))}"
    case .geometric(let mean): return "{dist: geometric, mean: \(number(mean))}"
    case .empirical(let values):
      var items: [String] = []
      for item in values { items.append(try value(item)) }
      return "{dist: empirical, values: [\(items.joined(separator: ", "))]}"
    }
  }

  /// One rate, or the 24 hourly rates.
  static func profile(_ profile: DailyProfile, _ path: String) throws(ScenarioWriteError) -> String {
    if Set(profile.perHour).count == 1 { return number(profile.perHour[0]) }
    return "[" + profile.perHour.map(number).joined(separator: ", ") + "]   # hours 0-23"
  }

  /// A duration in its exact shortest form.
  static func duration(_ micros: Micros, _ path: String) throws(ScenarioWriteError) -> String {
    guard micros >= 0 else { throw ScenarioWriteError(path, "is negative (\(micros) µs)") }
    return DurationText.format(micros)
  }

  /// The shortest text that reads back as the same `Double` (whole numbers without a fraction).
  static func number(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
  }

  /// A YAML double-quoted scalar.
  static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          out += "\\x" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 2)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  /// Parses `text` back and names the first section that does not load as written.
  static func check(_ text: String, against scenario: Scenario, baseDirectory: String)
    throws(ScenarioWriteError)
  {
    let loaded: Scenario
    do {
      loaded = try ScenarioLoader.parse(text, file: "<written scenario>", baseDirectory: baseDirectory)
    } catch {
      throw ScenarioWriteError("", "the written file does not load: \(error.description)")
    }
    let sections: [(String, Bool)] = [
      ("name", loaded.name == scenario.name), ("model", loaded.model == scenario.model),
      ("prices", loaded.pricesFile == scenario.pricesFile), ("start", loaded.startDay == scenario.startDay),
      ("horizon", loaded.horizon == scenario.horizon), ("seed", loaded.seed == scenario.seed),
      ("session", loaded.session == scenario.session), ("user", loaded.user == scenario.user),
      ("noise", loaded.noise == scenario.noise), ("commands", loaded.commands == scenario.commands),
      ("policy", loaded.policy == scenario.policy), ("world_model", loaded.worldModel == scenario.worldModel),
      ("audio_inputs", loaded.audioInputs == scenario.audioInputs),
    ]
    if let (section, _) = sections.first(where: { !$0.1 }) {
      throw ScenarioWriteError(section, "cannot be written exactly: it loads back as another value")
    }
    guard loaded == scenario else {
      throw ScenarioWriteError("", "cannot be written exactly: it loads back as another scenario")
    }
  }
}

/// A scenario that cannot be written as a file that loads back unchanged, naming the key.
public struct ScenarioWriteError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The key path (`user.turns`), empty for the whole file.
  public var keyPath: String
  public var message: String

  public init(_ keyPath: String, _ message: String) {
    self.keyPath = keyPath
    self.message = message
  }

  public var description: String { keyPath.isEmpty ? message : "\(keyPath): \(message)" }
}

/// Block-style YAML lines with an indentation stack.
struct YAMLOut {
  private(set) var text = ""
  private var indent = 0
  private var pendingListItem = false
  private var path: [String] = []
  let comments: [String: String]

  init(comments: [String: String]) { self.comments = comments }

  mutating func raw(_ line: String) { text += line + "\n" }

  /// `key: value`, with the comment for its key path; `path` overrides the enclosing path.
  mutating func scalar(_ key: String, _ value: String, path override: String? = nil) {
    let keyPath = ([override ?? path.joined(separator: ".")].filter { !$0.isEmpty } + [key]).joined(
      separator: ".")
    var line = prefix() + "\(key): \(value)"
    if let comment = comments[keyPath] {
      // A value that carries its own comment (the hours of a profile) gets one comment, not two.
      line += value.contains("   # ") ? "; \(comment)" : "   # \(comment)"
    }
    text += line + "\n"
  }

  /// `key:` opening a nested mapping or list.
  mutating func open(_ key: String) {
    let keyPath = (path + [key]).joined(separator: ".")
    var line = prefix() + "\(key):"
    if let comment = comments[keyPath] { line += "   # \(comment)" }
    text += line + "\n"
    path.append(key)
    indent += 1
  }

  mutating func close() {
    indent -= 1
    path.removeLast()
  }

  /// Starts a list item: its first key is written after `- `.
  mutating func listItem() {
    pendingListItem = true
    indent += 1
  }

  mutating func closeListItem() { indent -= 1 }

  private mutating func prefix() -> String {
    if pendingListItem {
      pendingListItem = false
      return String(repeating: "  ", count: indent - 1) + "- "
    }
    return String(repeating: "  ", count: indent)
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
