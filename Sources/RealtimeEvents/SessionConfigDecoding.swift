/// Reads a `session` object of `session.created|updated|update`, beta or GA shape, into ``SessionConfig``.
///
/// Beta: `input_audio_format: "pcm16"`, `turn_detection`, `input_audio_transcription.model`.
/// GA: `audio.input.format.type: "audio/pcm"` (with `rate`), `audio.input.turn_detection`,
/// `audio.input.transcription.model`, `audio.output.format`. A field absent from the event is nil,
/// so a partial `session.update` can be merged onto the configuration in force.
enum SessionConfigDecoding {
  static func decode(_ session: KeyedDecodingContainer<JSONKey>) throws -> SessionConfig {
    var config = SessionConfig()
    config.model = try session.optional(String.self, "model")
    config.inputAudioFormat = try format(session, "input_audio_format")
    config.outputAudioFormat = try format(session, "output_audio_format")
    if let turn = try session.object("turn_detection") {
      config.turnDetection = try turnDetection(turn)
    }
    if let transcription = try session.object("input_audio_transcription") {
      config.transcriptionModel = try transcription.optional(String.self, "model")
    }
    if let audio = try session.object("audio") {
      if let input = try audio.object("input") {
        config.inputAudioFormat = try format(input, "format") ?? config.inputAudioFormat
        if let turn = try input.object("turn_detection") {
          config.turnDetection = try turnDetection(turn)
        }
        if let transcription = try input.object("transcription") {
          config.transcriptionModel = try transcription.optional(String.self, "model")
        }
      }
      if let output = try audio.object("output") {
        config.outputAudioFormat = try format(output, "format") ?? config.outputAudioFormat
      }
      // GPT-Live: one `audio.format` for both directions.
      if let both = try format(audio, "format") {
        config.inputAudioFormat = both
        config.outputAudioFormat = both
      }
    }
    config.instructionsCharacters = try session.optional(String.self, "instructions")?.count
    config.toolCount = try session.arrayCount("tools")
    config.expiresAt = try epoch(session, "expires_at")
    config.createdAt = try epoch(session, "created_at")
    if let delegation = try session.object("delegation") {
      config.delegationType = try delegation.optional(String.self, "type")
      config.backendModel = try delegation.object("responses")?.optional(String.self, "model")
    }
    return config
  }

  /// A Unix time in seconds (an integer, or a number with a fraction, rounded down); nil when absent.
  /// Times before 2020 or after 2100 are not plausible for a Realtime session and are refused.
  private static func epoch(_ container: KeyedDecodingContainer<JSONKey>, _ key: String) throws -> Int64? {
    guard let seconds = try container.optional(Double.self, key) else { return nil }
    guard seconds >= 1_577_836_800, seconds < 4_102_444_800 else {
      throw LineProblem(
        kind: .invalidValue(
          path: container.path(key), message: "\(seconds) is not a Unix time between 2020 and 2100"))
    }
    return Int64(seconds.rounded(.down))
  }

  /// A format given as a beta string, a GA string, or a GA object `{type, rate}`.
  private static func format(_ container: KeyedDecodingContainer<JSONKey>, _ key: String) throws
    -> AudioFormat?
  {
    let k = JSONKey(key)
    guard container.contains(k), try !container.decodeNil(forKey: k) else { return nil }
    var name: String
    var rate: Int?
    var namePath = container.path(key)
    do {
      name = try container.decode(String.self, forKey: k)
    } catch DecodingError.typeMismatch {
      let object = try container.nestedContainer(keyedBy: JSONKey.self, forKey: k)
      name = try object.required(String.self, "type")
      rate = try object.optional(Int.self, "rate")
      namePath = object.path("type")
    }
    guard let format = AudioFormat(apiName: name) else {
      throw LineProblem(
        kind: .invalidValue(
          path: namePath,
          message: "unknown audio format '\(name)' (known: pcm16, g711_ulaw, g711_alaw, audio/pcm, "
            + "audio/pcmu, audio/pcma)"))
    }
    let expectedRate = format == .pcm16 ? 24_000 : 8_000
    if let rate, rate != expectedRate {
      throw LineProblem(
        kind: .invalidValue(
          path: container.path(key) + ".rate",
          message: "\(name) at \(rate) Hz is not a Realtime format (expected \(expectedRate) Hz)"))
    }
    return format
  }

  private static func turnDetection(_ turn: KeyedDecodingContainer<JSONKey>) throws -> TurnDetection {
    TurnDetection(
      type: try turn.required(String.self, "type"),
      threshold: try turn.optional(Double.self, "threshold"),
      prefixPaddingMs: try turn.optional(Int.self, "prefix_padding_ms"),
      silenceDurationMs: try turn.optional(Int.self, "silence_duration_ms"),
      idleTimeoutMs: try turn.optional(Int.self, "idle_timeout_ms"),
      createResponse: try turn.optional(Bool.self, "create_response"))
  }
}

extension SessionConfig {
  /// This configuration with every non-nil field of `update` applied (a partial `session.update`
  /// changes only what it names).
  public func merging(_ update: SessionConfig) -> SessionConfig {
    var merged = self
    merged.model = update.model ?? model
    merged.inputAudioFormat = update.inputAudioFormat ?? inputAudioFormat
    merged.outputAudioFormat = update.outputAudioFormat ?? outputAudioFormat
    merged.turnDetection = update.turnDetection ?? turnDetection
    merged.transcriptionModel = update.transcriptionModel ?? transcriptionModel
    merged.instructionsCharacters = update.instructionsCharacters ?? instructionsCharacters
    merged.toolCount = update.toolCount ?? toolCount
    merged.expiresAt = update.expiresAt ?? expiresAt
    merged.createdAt = update.createdAt ?? createdAt
    merged.delegationType = update.delegationType ?? delegationType
    merged.backendModel = update.backendModel ?? backendModel
    return merged
  }
}
