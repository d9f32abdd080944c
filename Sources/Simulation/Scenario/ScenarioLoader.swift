import Billing
import Foundation
import RealtimeEvents
import SessionGuard
import Yams

/// Reads and validates scenario files (schema: docs/simulation.md).
///
/// The YAML is composed into a generic node tree and validated by hand, so that every error names
/// the file, the line, the key path and the offending value, and unknown keys are errors.
public enum ScenarioLoader {
  /// Loads the scenario at `path`; errors name the file as given.
  public static func load(path: String) throws(ScenarioError) -> Scenario {
    let name = (path as NSString).lastPathComponent
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue
    else {
      throw ScenarioError(file: path, line: nil, keyPath: "", message: "no such scenario file")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ScenarioError(file: path, line: nil, keyPath: "", message: "cannot read the file")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw ScenarioError(file: path, line: nil, keyPath: "", message: "not UTF-8 text")
    }
    let folder = (path as NSString).deletingLastPathComponent
    var scenario = try parse(text, file: name, baseDirectory: folder)
    if let prices = scenario.pricesFile, !prices.hasPrefix("/") {
      scenario.pricesFile = ((path as NSString).deletingLastPathComponent as NSString)
        .appendingPathComponent(prices)
    }
    return scenario
  }

  /// Parses scenario YAML; `file` names it in errors and gives the default scenario name.
  ///
  /// `baseDirectory` is the folder relative `audio_inputs` WAV paths are resolved against (the
  /// scenario file's folder; empty = the working directory). Those files are read here.
  public static func parse(
    _ text: String, file: String = "<scenario>", baseDirectory: String = ""
  ) throws(ScenarioError) -> Scenario {
    do throws(YAMLPreflight.Problem) {
      try YAMLPreflight.check(text)
    } catch {
      throw ScenarioError(file: file, line: error.line, keyPath: "", message: error.message)
    }
    let root: Node
    do {
      guard let node = try Yams.compose(yaml: text) else {
        throw ScenarioError(file: file, line: nil, keyPath: "", message: "the file is empty")
      }
      root = node
    } catch let error as ScenarioError {
      throw error
    } catch let error as YamlError {
      let (line, problem) = yamlProblem(error)
      throw ScenarioError(file: file, line: line, keyPath: "", message: "not valid YAML: \(problem)")
    } catch {
      throw ScenarioError(file: file, line: nil, keyPath: "", message: "not valid YAML: \(error)")
    }
    let top = try YAMLCursor(node: root, path: "", file: file).mapping(allowed: [
      "name", "model", "prices", "start", "horizon", "seed", "session", "user", "noise", "commands", "policy",
      "world_model", "audio_inputs", "live",
    ])
    let defaultName = file.hasSuffix(".yaml") ? String(file.dropLast(5)) : file
    var scenario = Scenario(
      name: try top["name"]?.string() ?? defaultName,
      model: try top.require("model").string(),
      horizon: try top.require("horizon").duration(positive: true),
      seed: try top["seed"]?.seed() ?? 1)
    scenario.pricesFile = try top["prices"]?.string()
    if let start = top["start"] {
      let text = try start.scalarText("a YYYY-MM-DD date")
      guard let day = CalendarDay(text), text.count == 10 else {
        throw start.error("must be a YYYY-MM-DD date, got \(start.shown)")
      }
      scenario.startDay = day
    }
    if let node = top["world_model"] { scenario.worldModel = try worldModel(node) }
    if let node = top["live"] { scenario.live = try live(node) }
    if let node = top["session"] {
      scenario.session = try session(node, hasPriceFile: scenario.pricesFile != nil)
    }
    scenario.user = try user(top.require("user"))
    if let node = top["noise"] {
      scenario.noise = try node.list().map { source throws(ScenarioError) in try noise(source) }
    }
    if let node = top["commands"] { scenario.commands = try commands(node) }
    if let node = top["policy"] { scenario.policy = try GuardSettingsYAML.read(node) }
    if let node = top["audio_inputs"] {
      scenario.audioInputs = try audioInputs(node, scenario: scenario, baseDirectory: baseDirectory)
    }
    return scenario
  }

  /// The line and a one-line description of a YAML syntax error (Yams' own text spans lines).
  private static func yamlProblem(_ error: YamlError) -> (Int?, String) {
    switch error {
    case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
      .composer(_, let problem, let mark, _):
      return (mark.line, "\(problem) (column \(mark.column))")
    case .duplicatedKeysInMapping(let duplicates, let context):
      let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
      return (context.mark.line > 0 ? context.mark.line : nil, "duplicated key \(keys) in one mapping")
    default:
      return (nil, "\(error)".split(separator: "\n").first.map(String.init) ?? "unreadable")
    }
  }

  // MARK: Sections

  static func session(_ cursor: YAMLCursor, hasPriceFile: Bool) throws(ScenarioError) -> SessionSettings {
    let map = try cursor.mapping(allowed: [
      "lifecycle", "input_audio_format", "output_audio_format", "instructions_tokens", "tools_tokens",
      "transcription", "turn_detection", "vad_threshold", "prefix_padding", "silence_duration",
      "interrupt_response",
      "idle_timeout_ms",
      "truncation", "session_cap", "reconnect_latency", "reasoning_effort",
    ])
    var settings = SessionSettings()
    if let node = map["lifecycle"] {
      settings.lifecycle = SessionLifecycle(
        rawValue: try node.choice(SessionLifecycle.allCases.map(\.rawValue)))!
    }
    for (key, keyPath) in [
      ("input_audio_format", \SessionSettings.inputAudioFormat), ("output_audio_format", \.outputAudioFormat),
    ] {
      if let node = map[key] {
        let text = try node.scalarText("an audio format")
        guard let format = AudioFormat(apiName: text) else {
          throw node.error(
            "must be one of pcm16, g711_ulaw, g711_alaw, audio/pcm, audio/pcmu, audio/pcma, got \(node.shown)"
          )
        }
        settings[keyPath: keyPath] = format
      }
    }
    // Instructions and tools are at most 16,384 tokens together (the API's limit); more is a typo.
    if let node = map["instructions_tokens"] {
      settings.instructionsTokens = try node.integer(min: 0, max: 16_384)
    }
    if let node = map["tools_tokens"] { settings.toolsTokens = try node.integer(min: 0, max: 16_384) }
    if let node = map["transcription"] {
      let model = try node.string()
      if model != "none" {
        // A scenario with a price file of its own may name a model only that file prices: it is
        // checked when the scenario is priced.
        let known = PriceBook.bundled.transcriptionModelNames
        guard hasPriceFile || known.contains(model) else {
          throw node.error(
            "unknown transcription model '\(model)' (known: none, \(known.joined(separator: ", ")))")
        }
        settings.transcriptionModel = model
      }
    }
    if let node = map["turn_detection"] {
      settings.turnDetection = TurnDetectionMode(
        rawValue: try node.choice(TurnDetectionMode.allCases.map(\.rawValue)))!
    }
    if let node = map["vad_threshold"] { settings.vadThreshold = try node.probability() }
    if let node = map["prefix_padding"] { settings.prefixPadding = try node.duration() }
    if let node = map["silence_duration"] { settings.silenceDuration = try node.duration() }
    if let node = map["interrupt_response"] { settings.interruptResponse = try node.bool() }
    if let node = map["idle_timeout_ms"] {
      guard settings.turnDetection == .serverVAD else {
        throw node.error("idle_timeout_ms needs turn_detection: server_vad (it is a server VAD setting)")
      }
      let millis = try node.integer(min: 1, limit: 3_600_000)
      guard millis >= ScenarioLimits.shortestIdleTimeoutMillis else {
        throw node.error(
          "must be at least \(ScenarioLimits.shortestIdleTimeoutMillis) (1 s), got \(node.shown)")
      }
      settings.idleTimeout = millis * 1_000
    }
    if let node = map["truncation"] {
      if case .scalar = node.node {
        _ = try node.choice(["auto"])
        settings.truncation = .auto
      } else {
        let truncation = try node.mapping(allowed: ["retention_ratio"])
        let ratioNode = try truncation.require("retention_ratio")
        let ratio = try ratioNode.number()
        guard ratio > 0, ratio <= 1 else {
          throw ratioNode.error("must be > 0 and <= 1, got \(ratioNode.shown)")
        }
        settings.truncation = .retentionRatio(ratio)
      }
    }
    if let node = map["session_cap"] { settings.sessionCap = try node.duration(positive: true) }
    if let node = map["reconnect_latency"] {
      settings.reconnectLatency = try distribution(node, kind: .duration)
    }
    if let node = map["reasoning_effort"] {
      settings.reasoningEffort = ReasoningEffort(
        rawValue: try node.choice(ReasoningEffort.allCases.map(\.rawValue)))
    }
    return settings
  }

  static func user(_ cursor: YAMLCursor) throws(ScenarioError) -> UserBehaviour {
    let map = try cursor.mapping(allowed: [
      "conversations_per_hour", "turns", "utterance", "response_audio", "response_text_tokens",
      "function_calls", "think_time", "hangup",
    ])
    var user = UserBehaviour()
    user.conversationsPerHour = try profile(map.require("conversations_per_hour"))
    if let node = map["turns"] {
      user.turns = try distribution(node, kind: .count, limit: ScenarioLimits.turnsPerConversation)
    }
    if let node = map["utterance"] { user.utterance = try distribution(node, kind: .duration) }
    if let node = map["response_audio"] { user.responseAudio = try distribution(node, kind: .duration) }
    if let node = map["response_text_tokens"] {
      user.responseTextTokens = try distribution(node, kind: .count, limit: ScenarioLimits.tokensPerValue)
    }
    if let node = map["think_time"] { user.thinkTime = try distribution(node, kind: .duration) }
    if let node = map["hangup"] { user.hangup = try distribution(node, kind: .duration) }
    if let node = map["function_calls"] {
      let calls = try node.mapping(allowed: ["probability", "duration", "arguments_tokens", "output_tokens"])
      if let node = calls["probability"] { user.functionCalls.probability = try node.probability() }
      if let node = calls["duration"] {
        user.functionCalls.duration = try distribution(node, kind: .duration)
      }
      if let node = calls["arguments_tokens"] {
        user.functionCalls.argumentsTokens = try distribution(
          node, kind: .count, limit: ScenarioLimits.tokensPerValue)
      }
      if let node = calls["output_tokens"] {
        user.functionCalls.outputTokens = try distribution(
          node, kind: .count, limit: ScenarioLimits.tokensPerValue)
      }
    }
    return user
  }

  static func noise(_ cursor: YAMLCursor) throws(ScenarioError) -> NoiseSource {
    let map = try cursor.mapping(allowed: [
      "name", "bursts_per_hour", "length", "response_audio", "response_text_tokens",
    ])
    var source = NoiseSource(
      name: try map["name"]?.string() ?? "noise", burstsPerHour: try profile(map.require("bursts_per_hour")))
    if let node = map["length"] { source.length = try distribution(node, kind: .duration) }
    if let node = map["response_audio"] { source.responseAudio = try distribution(node, kind: .duration) }
    if let node = map["response_text_tokens"] {
      source.responseTextTokens = try distribution(node, kind: .count, limit: ScenarioLimits.tokensPerValue)
    }
    return source
  }

  static func commands(_ cursor: YAMLCursor) throws(ScenarioError) -> CommandSettings {
    let map = try cursor.mapping(allowed: ["per_hour", "wake_word", "wake_word_lead"])
    var commands = CommandSettings()
    if let node = map["per_hour"] { commands.perHour = try profile(node) }
    if let node = map["wake_word"] { commands.wakeWord = try node.bool() }
    if let node = map["wake_word_lead"] { commands.wakeWordLead = try node.duration() }
    return commands
  }

  static func worldModel(_ cursor: YAMLCursor) throws(ScenarioError) -> WorldModelParameters {
    let limits = ScenarioLimits.self
    let integers: [(String, WritableKeyPath<WorldModelParameters, Int64>, Int64, Int64)] = [
      ("user_audio_tokens_per_second", \.userAudioTokensPerSecond, 1, limits.tokensPerSecond),
      ("assistant_audio_tokens_per_second", \.assistantAudioTokensPerSecond, 1, limits.tokensPerSecond),
      ("special_tokens_per_item", \.specialTokensPerItem, 0, limits.specialTokensPerItem),
      ("cache_granularity", \.cacheGranularity, 1, limits.tokensPerSetting),
      ("transcript_tokens_per_minute", \.transcriptTokensPerMinute, 0, limits.transcriptTokensPerMinute),
      (
        "transcription_audio_tokens_per_second", \.transcriptionAudioTokensPerSecond, 0,
        limits.tokensPerSecond
      ),
      ("reprompt_text_tokens", \.repromptTextTokens, 0, Int64(limits.tokensPerValue)),
    ]
    let durations: [(String, WritableKeyPath<WorldModelParameters, Micros>, Bool)] = [
      ("cache_lifetime", \.cacheLifetime, false),
      ("first_audio_latency", \.firstAudioLatency, false),
      ("audio_delta_duration", \.audioDeltaDuration, true),
      ("audio_delta_interval", \.audioDeltaInterval, false),
      ("function_call_latency", \.functionCallLatency, false),
      ("transcription_delay", \.transcriptionDelay, false),
      ("reprompt_audio", \.repromptAudio, false),
      ("expiry_reconnect_latency", \.expiryReconnectLatency, false),
      ("mic_append_interval", \.micAppendInterval, true),
    ]
    let flags: [(String, WritableKeyPath<WorldModelParameters, Bool>)] = [
      ("assistant_audio_in_context", \.assistantAudioInContext),
      ("assistant_transcript_in_context", \.assistantTranscriptInContext),
    ]
    let map = try cursor.mapping(
      allowed: integers.map(\.0) + durations.map(\.0) + flags.map(\.0) + [
        "max_consecutive_reprompts", "context_window", "reasoning_tokens", "reasoning_first_audio_latency",
      ] + cacheKeys)
    var parameters = WorldModelParameters()
    for (key, keyPath, minimum, limit) in integers {
      if let node = map[key] { parameters[keyPath: keyPath] = try node.integer(min: minimum, limit: limit) }
    }
    for (key, keyPath, positive) in durations {
      if let node = map[key] {
        let micros = try node.duration(positive: positive)
        guard Double(micros) <= ScenarioLimits.duration else {
          throw node.error(
            "\(node.shown) exceeds the limit \(DurationText.format(Micros(ScenarioLimits.duration)))")
        }
        parameters[keyPath: keyPath] = micros
      }
    }
    // A microphone append or audio delta shorter than 10 ms: a day's run would take hours.
    for key in ["mic_append_interval", "audio_delta_duration"] {
      if let node = map[key], try node.duration() < ScenarioLimits.shortestAudioChunk {
        throw node.error("must be at least 10ms, got \(node.shown)")
      }
    }
    for (key, keyPath) in flags {
      if let node = map[key] { parameters[keyPath: keyPath] = try node.bool() }
    }
    if let node = map["max_consecutive_reprompts"] {
      parameters.maxConsecutiveReprompts = Int(
        try node.integer(min: 0, limit: ScenarioLimits.consecutiveReprompts))
    }
    // A context of 1 token to 2M: past the largest model's window, a value is a typo.
    if let node = map["context_window"] {
      parameters.contextWindow = try node.integer(min: 1, max: 2_000_000)
    }
    if let node = map["reasoning_tokens"] {
      parameters.reasoningTokens = try reasoningBudget(node, base: parameters.reasoningTokens) {
        node throws(ScenarioError) in try node.integer(min: 0, max: 100_000)
      }
    }
    if let node = map["reasoning_first_audio_latency"] {
      parameters.reasoningFirstAudioLatency = try reasoningBudget(
        node, base: parameters.reasoningFirstAudioLatency
      ) {
        node throws(ScenarioError) in try node.duration()
      }
    }
    parameters.cache = try cacheBehaviour(map)
    return parameters
  }

  /// The `live:` section: how a GPT-Live session behaves (``LiveSessionModel``).
  static func live(_ cursor: YAMLCursor) throws(ScenarioError) -> LiveSessionModel {
    let tokens: [(String, WritableKeyPath<LiveSessionModel, Int64>)] = [
      ("backend_input_tokens", \.backendInputTokens),
      ("backend_cached_input_tokens", \.backendCachedInputTokens),
      ("backend_output_tokens", \.backendOutputTokens),
      ("backend_reasoning_tokens", \.backendReasoningTokens),
    ]
    let map = try cursor.mapping(
      allowed: tokens.map(\.0) + [
        "transport", "standby_after", "session_limit", "server_idle_timeout", "usage_report_interval",
        "delegation_fraction",
        "delegation_latency", "backend_model",
      ])
    var live = LiveSessionModel()
    if let node = map["transport"] {
      live.transport = LiveSessionModel.Transport(
        rawValue: try node.choice(LiveSessionModel.Transport.allCases.map(\.rawValue)))!
    }
    if let node = map["standby_after"], !node.isNull {
      live.standbyAfter = try node.duration(positive: true)
      guard live.transport == .webrtc else {
        throw node.error("standby applies to WebRTC sessions only: set transport: webrtc")
      }
    }
    if let node = map["session_limit"] { live.sessionLimit = try node.duration(positive: true) }
    if let node = map["server_idle_timeout"], try node.scalarText("a duration or off") != "off" {
      live.serverIdleTimeout = try node.duration(positive: true)
    }
    if let node = map["usage_report_interval"] {
      live.usageReportInterval = try node.duration(positive: true)
      guard live.usageReportInterval >= 1_000_000 else {
        throw node.error("must be at least 1s (the API reports usage on its own schedule), got \(node.shown)")
      }
    }
    if let node = map["delegation_fraction"] {
      let fraction = try node.number(min: 0, strict: false)
      guard fraction <= 1 else { throw node.error("must be a fraction from 0 to 1, got \(node.shown)") }
      live.delegationFraction = fraction
    }
    if let node = map["delegation_latency"] { live.delegationLatency = try node.duration() }
    if let node = map["backend_model"] { live.backendModel = try node.string() }
    for (key, keyPath) in tokens {
      if let node = map[key] {
        live[keyPath: keyPath] = try node.integer(min: 0, max: ResponseUsage.maximumTokens)
      }
    }
    if live.backendCachedInputTokens > live.backendInputTokens, let node = map["backend_cached_input_tokens"]
    {
      throw node.error(
        "cached tokens are part of the input: at most backend_input_tokens (\(live.backendInputTokens))")
    }
    if live.backendReasoningTokens > live.backendOutputTokens, let node = map["backend_reasoning_tokens"] {
      throw node.error(
        "reasoning tokens are part of the output: at most backend_output_tokens (\(live.backendOutputTokens))"
      )
    }
    return live
  }

  /// A mapping from reasoning effort to a value; efforts it leaves out keep `base`'s.
  static func reasoningBudget(
    _ cursor: YAMLCursor, base: ReasoningBudget, _ value: (YAMLCursor) throws(ScenarioError) -> Int64
  ) throws(ScenarioError) -> ReasoningBudget {
    let map = try cursor.mapping(allowed: ReasoningEffort.allCases.map(\.rawValue))
    var budget = base
    for (key, node) in map.pairs {
      guard let effort = ReasoningEffort(rawValue: key), !node.isNull else { continue }
      budget[effort] = try value(node)
    }
    return budget
  }

  /// The `world_model:` keys of the calibrated cache (``CacheBehaviour``).
  static let cacheKeys = [
    "cache_miss_after_barge_in", "cache_hit_unserved_tail", "cache_prompt_shared",
    "cache_warm_across_reconnects", "cache_minimum_input", "truncation_deletes_transcript",
  ]

  /// The cache behaviours of a `world_model:` mapping, over the calibrated defaults.
  static func cacheBehaviour(_ map: YAMLMapping) throws(ScenarioError) -> CacheBehaviour {
    var cache = CacheBehaviour()
    if let node = map["cache_miss_after_barge_in"] { cache.missAfterBargeIn = try node.probability() }
    if let node = map["cache_hit_unserved_tail"] {
      cache.unservedTail = try node.integer(min: 0, limit: ScenarioLimits.tokensPerSetting)
    }
    if let node = map["cache_prompt_shared"] { cache.promptShared = try node.probability() }
    if let node = map["cache_warm_across_reconnects"] { cache.warmAcrossReconnects = try node.bool() }
    if let node = map["cache_minimum_input"] {
      cache.minimumInput = try node.integer(min: 0, limit: ScenarioLimits.tokensPerSetting)
    }
    if let node = map["truncation_deletes_transcript"] {
      cache.truncationDeletesTranscript = try node.bool()
    }
    return cache
  }

  // MARK: Values

  /// What a distribution's values measure.
  enum ValueKind { case duration, count }

  /// A distribution: a bare value (fixed) or `{dist: ..., ...}`.
  ///
  /// Every parameter is at most `limit` (``ScenarioLimits/duration`` for durations), and draws are
  /// clamped to the caps, so a heavy tail stays bounded for every seed.
  static func distribution(
    _ cursor: YAMLCursor, kind: ValueKind, limit: Double = ScenarioLimits.duration
  ) throws(ScenarioError) -> Distribution {
    func capped(_ node: YAMLCursor, _ number: Double) throws(ScenarioError) -> Double {
      guard number <= limit else {
        guard kind == .duration else { throw node.pastLimit(limit) }
        throw node.error("\(node.shown) exceeds the limit \(DurationText.format(Micros(limit)))")
      }
      return number
    }
    func value(_ node: YAMLCursor) throws(ScenarioError) -> Double {
      switch kind {
      case .duration: try capped(node, Double(try node.duration()))
      case .count: try capped(node, try node.number(min: 0, strict: false))
      }
    }
    func positive(_ node: YAMLCursor) throws(ScenarioError) -> Double {
      switch kind {
      case .duration: return try capped(node, Double(try node.duration(positive: true)))
      case .count: return try capped(node, try node.number(min: 0, strict: true))
      }
    }
    guard case .mapping = cursor.node else { return .fixed(try value(cursor)) }
    let kinds = ["fixed", "uniform", "exponential", "lognormal", "geometric", "empirical"]
    let map = try cursor.mapping(allowed: ["dist", "value", "min", "max", "mean", "median", "p95", "values"])
    let dist = try map.require("dist").choice(kinds)
    let allowed: [String] =
      switch dist {
      case "fixed": ["value"]
      case "uniform": ["min", "max"]
      case "exponential", "geometric": ["mean"]
      case "lognormal": ["median", "p95"]
      default: ["values"]
      }
    for (key, node) in map.pairs where key != "dist" && !allowed.contains(key) {
      throw node.error(
        "is not a parameter of a \(dist) distribution (it takes \(allowed.joined(separator: ", ")))")
    }
    switch dist {
    case "fixed":
      return .fixed(try value(map.require("value")))
    case "uniform":
      let low = try value(map.require("min"))
      let highNode = try map.require("max")
      let high = try value(highNode)
      guard high >= low else { throw highNode.error("must be >= min, got \(highNode.shown)") }
      return .uniform(min: low, max: high)
    case "exponential":
      return .exponential(mean: try positive(map.require("mean")))
    case "geometric":
      guard kind == .count else { throw cursor.error("a geometric distribution gives counts, not durations") }
      let meanNode = try map.require("mean")
      let mean = try capped(meanNode, try meanNode.number())
      guard mean >= 1 else { throw meanNode.error("must be >= 1, got \(meanNode.shown)") }
      return .geometric(mean: mean)
    case "lognormal":
      let median = try positive(map.require("median"))
      let p95Node = try map.require("p95")
      let p95 = try positive(p95Node)
      guard p95 >= median else { throw p95Node.error("must be >= median, got \(p95Node.shown)") }
      return .lognormal(median: median, p95: p95)
    default:
      let listNode = try map.require("values")
      let values = try listNode.list().map { node throws(ScenarioError) in try value(node) }
      guard !values.isEmpty else { throw listNode.error("must list at least one value") }
      return .empirical(values)
    }
  }

  /// The highest hourly rate a profile accepts (one event a second): beyond it a typo such as
  /// `1e9` would make the generator loop for hours.
  static let maximumHourlyRate: Double = ScenarioLimits.hourlyRate

  /// A daily profile: one rate for every hour, or a list of 24 hourly rates.
  static func profile(_ cursor: YAMLCursor) throws(ScenarioError) -> DailyProfile {
    func rate(_ node: YAMLCursor) throws(ScenarioError) -> Double {
      let value = try node.number(min: 0, strict: false)
      guard value <= maximumHourlyRate else {
        throw node.pastLimit(maximumHourlyRate, unit: " per hour")
      }
      return value
    }
    if case .sequence = cursor.node {
      let items = try cursor.list()
      guard items.count == 24 else {
        throw cursor.error("must list 24 hourly rates (hour 0 to 23), got \(items.count)")
      }
      return DailyProfile(perHour: try items.map { node throws(ScenarioError) in try rate(node) })
    }
    return DailyProfile(constant: try rate(cursor))
  }
}
