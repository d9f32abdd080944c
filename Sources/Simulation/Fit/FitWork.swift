import Billing
import RealtimeEvents
import SessionGuard

/// The interpretation behind ``ScenarioFitter/fit()``: conversations, noise, samples, estimates.
struct FitWork {
  let options: ScenarioFitter.Options
  let recordings: [RecordingObservations]
  var scenario: Scenario
  var rows: [FitReport.Row] = []
  var notes: [String] = []

  init(options: ScenarioFitter.Options, recordings: [RecordingObservations]) {
    self.options = options
    self.recordings = recordings
    scenario =
      options.base
      ?? Scenario(name: options.name, model: "gpt-realtime", horizon: 86_400_000_000, seed: 1)
    scenario.name = options.name
    scenario.policy = GuardSettings()
    scenario.audioInputs = []
  }

  /// What answered one utterance.
  struct Answer {
    var audio: Micros?
    var text: Int64?
    var completed: Bool
    var playbackEnd: Micros
    var call: Call?
  }

  struct Call {
    var duration: Micros?
    var arguments: Int64?
    var outputTokens: Int64?
  }

  struct Turn {
    var utterance: RecordingObservations.Utterance
    var answer: Answer
  }

  struct Conversation {
    var recording: Int
    var turns: [Turn]
    var wakeWordLead: Micros?
    var start: Micros { turns[0].utterance.start }
  }

  // MARK: The run

  mutating func run() throws(FitError) -> ScenarioFit {
    try settings()
    let perConversation = scenario.session.lifecycle == .perConversation
    var conversations: [Conversation] = []
    var noise: [(recording: Int, turn: Turn)] = []
    var unusedCommands = 0
    let wakeWords = !perConversation && wakeWordsDelimitConversations()
    for (index, recording) in recordings.enumerated() {
      let turns = recording.utterances.sorted { $0.start < $1.start }.map {
        Turn(utterance: $0, answer: answer($0, in: recording))
      }
      let split =
        perConversation
        ? bySession(turns, recording: index)
        : wakeWords
          ? byWakeWord(turns, recording: index, commands: recording.commands) : byGap(turns, recording: index)
      conversations += split.conversations
      noise += split.noise.map { (index, $0) }
      unusedCommands += split.unusedCommands
    }
    if perConversation {
      notes.append(
        "Conversations: one per session (sessions end with hangup); noise inside a call cannot be told "
          + "from a turn and is counted as one.")
    } else if wakeWords {
      notes.append(
        "Conversations: each starts at a wake word (a local user command at most "
          + "\(DurationText.format(options.wakeWordWindow)) before speech) and continues while turns start within "
          + "\(DurationText.format(options.conversationGap)) of the previous answer's end; any other utterance is "
          + "a response to noise.")
    } else {
      notes.append(
        "Conversations: split where a turn starts more than \(DurationText.format(options.conversationGap)) after "
          + "the previous answer's end; without wake words no utterance can be told to be noise.")
    }
    let genuine = conversations.flatMap(\.turns)
    guard !genuine.isEmpty else {
      throw FitError(
        "\(recordings.map(\.name).joined(separator: ", ")): no committed user utterance with an answer: nothing to fit"
      )
    }
    fitUser(conversations, perConversation: perConversation)
    fitNoise(noise, conversations: conversations, identified: wakeWords)
    fitCommands(conversations, unused: unusedCommands, wakeWords: wakeWords)
    fitPrompt()
    var span: Micros = 0
    for recording in recordings { span += recording.observed.end - recording.observed.start }
    let days = max(1, (span + 86_399_999_999) / 86_400_000_000)
    scenario.horizon = days * 86_400_000_000
    scenario.startDay = recordings.compactMap(\.startDay).min() ?? options.base?.startDay
    scenario.seed = options.base?.seed ?? 1
    let report = FitReport(
      recordings: recordings.map(\.name), observedHours: Double(span) / 3_600_000_000,
      sessions: recordings.reduce(0) { $0 + $1.sessions.count }, conversations: conversations.count,
      genuineTurns: genuine.count, noiseResponses: noise.count,
      reprompts: recordings.reduce(0) { $0 + $1.reprompts.count }, rows: rows, notes: notes)
    return ScenarioFit(scenario: scenario, report: report)
  }

  // MARK: Session settings

  mutating func settings() throws(FitError) {
    let sessions = recordings.flatMap(\.sessions)
    let configs = sessions.map(\.config)
    guard let model = configs.compactMap(\.model).first else {
      throw FitError(
        "\(recordings.map(\.name).joined(separator: ", ")): no session event names the model, so the scenario has none"
      )
    }
    scenario.model = model
    row("model", sessions.count, model, .observed)
    var session = scenario.session
    if let format = configs.compactMap(\.inputAudioFormat).first {
      session.inputAudioFormat = format
      row("session.input_audio_format", sessions.count, format.rawValue, .observed)
    }
    if let format = configs.compactMap(\.outputAudioFormat).first {
      session.outputAudioFormat = format
      row("session.output_audio_format", sessions.count, format.rawValue, .observed)
    }
    let speechEvents = recordings.contains { recording in !recording.utterances.isEmpty }
    if let detection = configs.compactMap(\.turnDetection).first {
      session.turnDetection = TurnDetectionMode(rawValue: detection.type) ?? .serverVAD
      if let padding = detection.prefixPaddingMs { session.prefixPadding = Micros(padding) * 1_000 }
      if let silence = detection.silenceDurationMs { session.silenceDuration = Micros(silence) * 1_000 }
      if let threshold = detection.threshold, (0...1).contains(threshold) { session.vadThreshold = threshold }
      session.idleTimeout = detection.idleTimeoutMs.map { Micros($0) * 1_000 }
      if session.turnDetection != .serverVAD { session.idleTimeout = nil }
      row("session.turn_detection", sessions.count, session.turnDetection.rawValue, .observed)
      row("session.prefix_padding", sessions.count, DurationText.format(session.prefixPadding), .observed)
      row("session.silence_duration", sessions.count, DurationText.format(session.silenceDuration), .observed)
    } else if speechEvents, recordings.contains(where: { $0.utterances.contains { $0.speech > 0 } }),
      !appendsOnly()
    {
      session.turnDetection = .serverVAD
      row(
        "session.turn_detection", 0, "server_vad", .defaulted("speech events without turn detection settings")
      )
    } else {
      session.turnDetection = .none
      row("session.turn_detection", sessions.count, "none", .observed)
    }
    if let transcription = configs.compactMap(\.transcriptionModel).first {
      if PriceBook.bundled.transcription.contains(where: { $0.model == transcription }) {
        session.transcriptionModel = transcription
        row("session.transcription", sessions.count, transcription, .observed)
      } else {
        notes.append(
          "The sessions transcribe with \(transcription), which no bundled price card prices: left out.")
      }
    } else {
      session.transcriptionModel = nil
    }
    session.lifecycle = sessions.contains { $0.closeReason == .hangup } ? .perConversation : .alwaysOn
    row(
      "session.lifecycle", sessions.count, session.lifecycle.rawValue,
      session.lifecycle == .perConversation ? .observed : .defaulted("no session was hung up"))
    let expiries = recordings.flatMap { recording in
      recording.expiries.compactMap { time -> Double? in
        guard let start = recording.sessions.last(where: { $0.start <= time })?.start else { return nil }
        return Double(time - start)
      }
    }
    if !expiries.isEmpty {
      let sorted = expiries.sorted()
      session.sessionCap = Micros(DistributionFit.round(sorted[sorted.count / 2], .duration))
      row("session.session_cap", expiries.count, DurationText.format(session.sessionCap), .estimated)
    } else {
      row(
        "session.session_cap", 0, DurationText.format(session.sessionCap),
        .defaulted("no session reached the length cap"))
    }
    // Reconnects: from a local command that found the session closed by the guard to the next session.
    var latencies: [Double] = []
    for recording in recordings {
      for (index, closed) in recording.sessions.enumerated()
      where closed.closeReason == .idleTimeout || closed.closeReason == .budgetExceeded {
        guard let end = closed.end, index + 1 < recording.sessions.count else { continue }
        let next = recording.sessions[index + 1].start
        if let trigger = recording.commands.first(where: { $0 >= end && $0 <= next }) {
          latencies.append(Double(next - trigger))
        }
      }
    }
    session.reconnectLatency = distribution(
      "session.reconnect_latency", latencies, .duration, default: session.reconnectLatency,
      none: "no reconnect a local command started after a guard's close")
    scenario.session = session
  }

  func appendsOnly() -> Bool {
    recordings.allSatisfy { recording in recording.sessions.allSatisfy { $0.config.turnDetection == nil } }
      && recordings.allSatisfy { $0.utterances.allSatisfy { !$0.bargeIn } }
  }

  // MARK: Turns and conversations

  func answer(_ utterance: RecordingObservations.Utterance, in recording: RecordingObservations) -> Answer {
    let config =
      recording.sessions.indices.contains(utterance.session)
      ? recording.sessions[utterance.session].config : SessionConfig()
    let bytesPerSecond = (config.outputAudioFormat ?? .pcm16).bytesPerSecond
    let parameters = scenario.worldModel
    let callResponse = utterance.responses.first { $0.functionCall }
    let spoken = utterance.responses.first { !$0.functionCall }
    var call: Call?
    if let callResponse {
      var found = Call()
      if let done = callResponse.argumentsDone, let output = callResponse.toolOutput {
        found.duration = output - done
      }
      found.arguments = callResponse.usage?.textOut
      if let arguments = found.arguments, let before = callResponse.usage, let after = spoken?.usage {
        let grown =
          (after.textIn + after.textInCached) - (before.textIn + before.textInCached) - 2
          * parameters.specialTokensPerItem
          - arguments
        if grown >= 0 { found.outputTokens = grown }
      }
      call = found
    }
    guard let spoken else {
      return Answer(audio: nil, text: nil, completed: false, playbackEnd: utterance.commit, call: call)
    }
    var audio: Micros?
    if spoken.audioBytes > 0 {
      audio = spoken.audioBytes * 1_000_000 / bytesPerSecond
    } else if let usage = spoken.usage {
      audio = usage.audioOut * 1_000_000 / parameters.assistantAudioTokensPerSecond
    }
    let start = spoken.firstAudio ?? spoken.created + parameters.firstAudioLatency
    return Answer(
      audio: audio, text: spoken.usage?.textOut, completed: spoken.status == .completed,
      playbackEnd: start + (audio ?? 0), call: call)
  }

  struct Split {
    var conversations: [Conversation] = []
    var noise: [Turn] = []
    var unusedCommands = 0
  }

  func bySession(_ turns: [Turn], recording: Int) -> Split {
    var split = Split()
    var bySession: [Int: [Turn]] = [:]
    for turn in turns { bySession[turn.utterance.session, default: []].append(turn) }
    for session in bySession.keys.sorted() {
      split.conversations.append(Conversation(recording: recording, turns: bySession[session]!))
    }
    split.unusedCommands = recordings[recording].commands.count
    return split
  }

  func byGap(_ turns: [Turn], recording: Int) -> Split {
    var split = Split()
    var current: Conversation?
    for turn in turns {
      if var conversation = current,
        turn.utterance.start - conversation.turns.last!.answer.playbackEnd <= options.conversationGap
      {
        conversation.turns.append(turn)
        current = conversation
      } else {
        if let conversation = current { split.conversations.append(conversation) }
        current = Conversation(recording: recording, turns: [turn])
      }
    }
    if let conversation = current { split.conversations.append(conversation) }
    split.unusedCommands = recordings[recording].commands.count
    return split
  }

  func byWakeWord(_ turns: [Turn], recording: Int, commands: [Micros]) -> Split {
    var split = Split()
    var current: Conversation?
    var next = 0
    var used = 0
    for turn in turns {
      let start = turn.utterance.start
      // The last command in the window before this utterance, skipping older ones.
      var wake: Micros?
      while next < commands.count, commands[next] <= start {
        if start - commands[next] <= options.wakeWordWindow { wake = commands[next] }
        next += 1
      }
      if let wake {
        if let conversation = current { split.conversations.append(conversation) }
        // The lead is the user's own only when the session was open at the wake word: otherwise the
        // turn also waited for the reconnect the wake word started.
        let open = recordings[recording].sessions.contains { session in
          session.start <= wake && (session.end ?? Micros.max) > start
        }
        current = Conversation(recording: recording, turns: [turn], wakeWordLead: open ? start - wake : nil)
        used += 1
      } else if var conversation = current,
        start - conversation.turns.last!.answer.playbackEnd <= options.conversationGap
      {
        conversation.turns.append(turn)
        current = conversation
      } else {
        if let conversation = current { split.conversations.append(conversation) }
        current = nil
        split.noise.append(turn)
      }
    }
    if let conversation = current { split.conversations.append(conversation) }
    split.unusedCommands = commands.count - used
    return split
  }

  /// Whether the local commands are wake words: most of them (and at least 3) are followed within
  /// ``ScenarioFitter/Options/wakeWordWindow`` by the start of an utterance. By chance that would
  /// happen to few: at 20 utterances an hour, 2.8 % of commands in a 5 s window.
  func wakeWordsDelimitConversations() -> Bool {
    var commands = 0
    var followed = 0
    for recording in recordings {
      let starts = recording.utterances.map(\.start).sorted()
      var next = 0
      for command in recording.commands.sorted() {
        commands += 1
        while next < starts.count, starts[next] < command { next += 1 }
        if next < starts.count, starts[next] - command <= options.wakeWordWindow { followed += 1 }
      }
    }
    return followed >= 3 && followed * 2 >= commands
  }

  // MARK: Sections

  mutating func fitUser(_ conversations: [Conversation], perConversation: Bool) {
    var user = scenario.user
    let turns = conversations.flatMap(\.turns)
    // Rates: starts per hour of day over the time no conversation ran.
    var idle: [[(Micros, Micros)]] = []
    for (index, recording) in recordings.enumerated() {
      let busy = conversations.filter { $0.recording == index }.map { conversation in
        (
          conversation.start,
          conversation.turns.last!.answer.playbackEnd + (perConversation ? hangup(conversation) : 0)
        )
      }
      idle.append(Intervals.subtract(busy, from: recording.observed))
    }
    user.conversationsPerHour = profile(
      "user.conversations_per_hour", starts: conversations.map { ($0.recording, $0.start) }, exposure: idle)
    user.turns = distribution(
      "user.turns", conversations.map { Double($0.turns.count) }, .turns, default: user.turns,
      none: "no conversations")
    user.utterance = distribution(
      "user.utterance", turns.map { Double($0.utterance.speech) }.filter { $0 > 0 }, .duration,
      default: user.utterance, none: "no utterances")
    let completed = turns.filter { $0.answer.completed }
    let interrupted = turns.count - completed.count
    if interrupted > 0 {
      notes.append(
        "\(interrupted) of \(turns.count) answers were interrupted or not completed: their sizes are left out of "
          + "response_audio and response_text_tokens (they were cut short).")
    }
    user.responseAudio = distribution(
      "user.response_audio", completed.compactMap { $0.answer.audio.map(Double.init) }.filter { $0 > 0 },
      .duration,
      default: user.responseAudio, none: "no completed answer with audio")
    user.responseTextTokens = distribution(
      "user.response_text_tokens", completed.compactMap { $0.answer.text.map(Double.init) }, .count,
      default: user.responseTextTokens, none: "no completed answer with usage")
    let calls = turns.compactMap(\.answer.call)
    user.functionCalls.probability = (Double(calls.count) / Double(turns.count) * 10_000).rounded() / 10_000
    row(
      "user.function_calls.probability", turns.count, ScenarioWriter.number(user.functionCalls.probability),
      .estimated)
    user.functionCalls.duration = distribution(
      "user.function_calls.duration", calls.compactMap { $0.duration.map(Double.init) }.filter { $0 >= 0 },
      .duration, default: user.functionCalls.duration, none: "no tool output seen after a call")
    user.functionCalls.argumentsTokens = distribution(
      "user.function_calls.arguments_tokens", calls.compactMap { $0.arguments.map(Double.init) }, .count,
      default: user.functionCalls.argumentsTokens, none: "no call with usage")
    user.functionCalls.outputTokens = distribution(
      "user.function_calls.output_tokens", calls.compactMap { $0.outputTokens.map(Double.init) }, .count,
      default: user.functionCalls.outputTokens,
      none: "no call followed by an answer with usage (tool results are sized from the next input's growth)")
    var thinks: [Double] = []
    for conversation in conversations {
      for (previous, next) in zip(conversation.turns, conversation.turns.dropFirst()) {
        let think = next.utterance.start - previous.answer.playbackEnd
        if think >= 0 { thinks.append(Double(think)) }
      }
    }
    user.thinkTime = distribution(
      "user.think_time", thinks, .duration, default: user.thinkTime, none: "no conversation with two turns")
    if perConversation {
      // Only after a completed answer to a turn that interrupted nothing: after a barge-in the call
      // was planned to end after the interrupted answer, whose length is unknown.
      let hangups = conversations.compactMap { conversation -> Double? in
        let last = conversation.turns.last!
        let value = hangup(conversation)
        return value >= 0 && last.answer.completed && !last.utterance.bargeIn ? Double(value) : nil
      }
      user.hangup = distribution(
        "user.hangup", hangups, .duration, default: user.hangup, none: "no session hung up after its answer")
    } else {
      row(
        "user.hangup", 0, (try? ScenarioWriter.distribution(user.hangup, .duration, "")) ?? "",
        .defaulted("an always-on session has no hang-up to see"))
    }
    scenario.user = user
  }

  /// The time from a per-conversation session's last answer to its close.
  func hangup(_ conversation: Conversation) -> Micros {
    let session = conversation.turns.last!.utterance.session
    let recording = recordings[conversation.recording]
    guard recording.sessions.indices.contains(session), let end = recording.sessions[session].end else {
      return -1
    }
    return end - conversation.turns.last!.answer.playbackEnd
  }

  mutating func fitNoise(
    _ noise: [(recording: Int, turn: Turn)], conversations: [Conversation], identified: Bool
  ) {
    guard identified else {
      scenario.noise = []
      row("noise", 0, "none", .defaulted("noise cannot be told from turns without wake words"))
      return
    }
    guard !noise.isEmpty else {
      scenario.noise = []
      row("noise", 0, "none", .estimated)
      notes.append(
        "Noise: every utterance followed a wake word or continued a conversation: no noise source.")
      return
    }
    // Exposure: idle time with a session open.
    var exposure: [[(Micros, Micros)]] = []
    for (index, recording) in recordings.enumerated() {
      let busy = conversations.filter { $0.recording == index }.map {
        ($0.start, $0.turns.last!.answer.playbackEnd)
      }
      let idle = Intervals.subtract(busy, from: recording.observed)
      let open = recording.sessions.map { ($0.start, $0.end ?? recording.lastEvent) }
      exposure.append(Intervals.intersect(idle, open))
    }
    var source = NoiseSource(name: "noise", burstsPerHour: DailyProfile(constant: 0))
    if let existing = options.base?.noise.first { source = existing }
    source.name = "noise"
    source.burstsPerHour = profile(
      "noise[0].bursts_per_hour", starts: noise.map { ($0.recording, $0.turn.utterance.start) },
      exposure: exposure)
    let turns = noise.map(\.turn)
    source.length = distribution(
      "noise[0].length", turns.map { Double($0.utterance.speech) }.filter { $0 > 0 }, .duration,
      default: source.length,
      none: "no noise response")
    let completed = turns.filter(\.answer.completed)
    source.responseAudio = distribution(
      "noise[0].response_audio", completed.compactMap { $0.answer.audio.map(Double.init) }.filter { $0 > 0 },
      .duration, default: source.responseAudio, none: "no completed answer to noise")
    source.responseTextTokens = distribution(
      "noise[0].response_text_tokens", completed.compactMap { $0.answer.text.map(Double.init) }, .count,
      default: source.responseTextTokens, none: "no completed answer to noise")
    scenario.noise = [source]
    // Noise during a conversation's think time is counted as a turn: estimate how much.
    var thinking: Micros = 0
    for conversation in conversations {
      for (previous, next) in zip(conversation.turns, conversation.turns.dropFirst()) {
        thinking += max(0, next.utterance.start - previous.answer.playbackEnd)
      }
    }
    var idleHours = 0.0
    for intervals in exposure {
      idleHours += Double(intervals.reduce(0) { $0 + $1.1 - $1.0 }) / 3_600_000_000
    }
    if idleHours > 0 {
      let rate = Double(noise.count) / idleHours
      let hidden = rate * Double(thinking) / 3_600_000_000
      notes.append(
        "Noise: \(noise.count) responses to speech that neither followed a wake word nor continued a conversation "
          + "(\(fixed(rate, 2))/h of idle time). Noise during conversations cannot be told from turns: at that rate "
          + "about \(fixed(hidden, 1)) of the \(conversations.flatMap(\.turns).count) turns are noise.")
    }
  }

  mutating func fitCommands(_ conversations: [Conversation], unused: Int, wakeWords: Bool) {
    var commands = scenario.commands
    commands.wakeWord = wakeWords
    row("commands.wake_word", conversations.count, String(wakeWords), wakeWords ? .estimated : .observed)
    if wakeWords {
      let leads = conversations.compactMap(\.wakeWordLead).map(Double.init).sorted()
      if !leads.isEmpty {
        commands.wakeWordLead = Micros(DistributionFit.round(leads[leads.count / 2], .duration))
        row("commands.wake_word_lead", leads.count, DurationText.format(commands.wakeWordLead), .estimated)
      }
    }
    var hours = 0.0
    for recording in recordings {
      hours += Double(recording.observed.end - recording.observed.start) / 3_600_000_000
    }
    let rate = hours > 0 ? (Double(unused) / hours * 1_000).rounded() / 1_000 : 0
    commands.perHour = DailyProfile(constant: rate)
    row("commands.per_hour", unused, ScenarioWriter.number(rate), .estimated)
    scenario.commands = commands
  }

  mutating func fitPrompt() {
    let special = scenario.worldModel.specialTokensPerItem
    var prompts: [Double] = []
    for recording in recordings {
      for (index, _) in recording.sessions.enumerated() {
        let first = recording.utterances.first { $0.session == index && $0.responses.first?.usage != nil }
        guard let usage = first?.responses.first?.usage else { continue }
        let prompt = usage.textIn + usage.textInCached - special
        if prompt >= 0 { prompts.append(Double(prompt)) }
      }
    }
    guard !prompts.isEmpty else {
      row(
        "session.instructions_tokens", 0, String(scenario.session.instructionsTokens),
        .defaulted("no session's first response has usage"))
      return
    }
    let sorted = prompts.sorted()
    let prompt = min(Int64(sorted[sorted.count / 2]), 16_384)
    scenario.session.instructionsTokens = prompt
    scenario.session.toolsTokens = 0
    row("session.instructions_tokens", prompts.count, String(prompt), .estimated)
    row(
      "session.tools_tokens", 0, "0",
      .defaulted("usage reports instructions and tools as one text prefix, fitted as instructions_tokens"))
  }

  // MARK: Estimates

  /// A distribution fitted to `values`, or `fallback` (reported with `none`) when too few.
  mutating func distribution(
    _ keyPath: String, _ values: [Double], _ kind: DistributionFit.Kind, default fallback: Distribution,
    none: String
  ) -> Distribution {
    let writerKind: ScenarioWriter.ValueKind = kind == .duration ? .duration : .count
    let fallbackText = (try? ScenarioWriter.distribution(fallback, writerKind, keyPath)) ?? ""
    guard values.count >= options.minimumSamples else {
      let reason =
        values.isEmpty ? none : "\(values.count) observations, fewer than \(options.minimumSamples)"
      row(keyPath, values.count, fallbackText, .defaulted(reason))
      return fallback
    }
    guard let fit = DistributionFit.fit(values, kind: kind) else {
      row(keyPath, 0, fallbackText, .defaulted(none))
      return fallback
    }
    row(
      keyPath, values.count, (try? ScenarioWriter.distribution(fit.distribution, writerKind, keyPath)) ?? "",
      .fitted(fit))
    return fit.distribution
  }

  /// Events per hour by hour of day: counts over exposure; unobserved hours get the overall rate.
  mutating func profile(
    _ keyPath: String, starts: [(recording: Int, time: Micros)], exposure: [[(Micros, Micros)]]
  ) -> DailyProfile {
    var counts = [Double](repeating: 0, count: 24)
    var hours = [Double](repeating: 0, count: 24)
    for (recording, time) in starts {
      counts[hourOfDay(time, recording)] += 1
    }
    for (recording, intervals) in exposure.enumerated() {
      for (start, end) in intervals {
        var time = start
        while time < end {
          let clock = time + recordings[recording].timeOfDayAtZero
          let nextHour = (clock / 3_600_000_000 + 1) * 3_600_000_000 - recordings[recording].timeOfDayAtZero
          let until = min(end, nextHour)
          hours[hourOfDay(time, recording)] += Double(until - time) / 3_600_000_000
          time = until
        }
      }
    }
    let total = counts.reduce(0, +)
    let totalHours = hours.reduce(0, +)
    let overall = totalHours > 0 ? total / totalHours : 0
    var unobserved: [Int] = []
    let rates = (0..<24).map { hour -> Double in
      // Less than a minute of exposure tells nothing about an hour.
      guard hours[hour] >= 1.0 / 60 else {
        unobserved.append(hour)
        return Self.roundRate(overall)
      }
      return Self.roundRate(counts[hour] / hours[hour])
    }
    if !unobserved.isEmpty {
      notes.append(
        "\(keyPath): hours \(unobserved.map(String.init).joined(separator: ", ")) were not observed; they get the "
          + "overall rate \(fixed(overall, 3))/h.")
    }
    let profile = DailyProfile(perHour: rates)
    row(
      keyPath, Int(total), (try? ScenarioWriter.profile(profile, keyPath)) ?? "", .estimated)
    return profile
  }

  static func roundRate(_ rate: Double) -> Double {
    min(ScenarioLoader.maximumHourlyRate, (rate * 1_000).rounded() / 1_000)
  }

  func hourOfDay(_ time: Micros, _ recording: Int) -> Int {
    let clock = time + recordings[recording].timeOfDayAtZero
    return Int(((clock / 3_600_000_000) % 24 + 24) % 24)
  }

  mutating func row(_ keyPath: String, _ samples: Int, _ value: String, _ source: FitReport.Source) {
    rows.append(FitReport.Row(keyPath: keyPath, samples: samples, value: value, source: source))
  }
}

/// Half-open time intervals, sorted and disjoint.
enum Intervals {
  /// `whole` less the union of `holes`.
  static func subtract(_ holes: [(Micros, Micros)], from whole: (Micros, Micros)) -> [(Micros, Micros)] {
    var result: [(Micros, Micros)] = []
    var cursor = whole.0
    for (start, end) in holes.sorted(by: { $0.0 < $1.0 }) {
      if start > cursor { result.append((cursor, min(start, whole.1))) }
      cursor = max(cursor, end)
      if cursor >= whole.1 { break }
    }
    if cursor < whole.1 { result.append((cursor, whole.1)) }
    return result.filter { $0.1 > $0.0 }
  }

  /// The intersection of two lists of intervals.
  static func intersect(_ a: [(Micros, Micros)], _ b: [(Micros, Micros)]) -> [(Micros, Micros)] {
    var result: [(Micros, Micros)] = []
    for x in a {
      for y in b {
        let start = max(x.0, y.0)
        let end = min(x.1, y.1)
        if end > start { result.append((start, end)) }
      }
    }
    return result.sorted { $0.0 < $1.0 }
  }
}
