public import Billing
public import RealtimeEvents
public import SessionGuard

/// What a replay prices with and runs under.
public struct ReplayOptions: Sendable {
  /// The price book (the bundled book, or one overlaid with a price file).
  public var book: PriceBook
  /// The model when the recording names none (`--model`): dated name or alias.
  public var model: String?
  /// The guard the what-if half runs (idle monitor, alerts).
  public var settings: GuardSettings
  /// Analyses the WAVs of `local.audio` markers; nil refuses recordings that hold any.
  public var audioAnalyzer: (any LocalAudioAnalyzer)?
  /// The day to price an undated recording on (`--at`); the recording's own date wins.
  public var at: CalendarDay?
  /// GPT-Live: the model whose text prices price every delegated backend token
  /// (`--backend-model`); nil: the model each backend response names, looked up in the book.
  public var backendModel: String?

  public init(
    book: PriceBook = .bundled, model: String? = nil, settings: GuardSettings = .seedNumbers,
    audioAnalyzer: (any LocalAudioAnalyzer)? = nil, at: CalendarDay? = nil, backendModel: String? = nil
  ) {
    self.book = book
    self.model = model
    self.settings = settings
    self.audioAnalyzer = audioAnalyzer
    self.at = at
    self.backendModel = backendModel
  }
}

/// A recording that cannot be replayed, in one sentence naming the recording (and line).
public struct ReplayError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// Replays event sources: the use case behind `rtcost replay`, usable from an app or a test.
public enum Replay {
  /// Reads every event of `source` and replays it under `options`.
  ///
  /// ```swift
  /// let reader = try RecordingReader(path: "call.jsonl")
  /// let result = try Replay.run(reader, options: ReplayOptions(settings: settings))
  /// print(result.total, result.guardOutcome?.notBilled ?? .zero)
  /// ```
  public static func run(_ source: any EventSource, options: ReplayOptions) throws(ReplayError)
    -> ReplayResult
  {
    var session = ReplaySession(name: source.provenance.name, options: options)
    do {
      while let event = try source.next() { try session.add(event, header: source.header) }
    } catch let error as RecordingError {
      throw ReplayError(error.description)
    } catch let error as ReplayError {
      throw error
    } catch {
      throw ReplayError("\(source.provenance.name): \(error)")
    }
    return try session.finish(header: source.header, stats: source.stats)
  }
}

/// Streams one recording's events through the meters and, when timed, through a ``SessionGuard`` on
/// the virtual clock (the recording's own `t`).
///
/// Pure apart from the price book: events in, a ``ReplayResult`` out. The driver contract:
/// - The model is resolved at the first `session.created`/`session.updated` naming one, or at the first
///   priced event, or at the end: the session's dated name, else `--model`, else the header. Events before
///   that point wait in a buffer (in practice the first line or two; at most ``maxPending`` events).
/// - The as-billed meter is a real ``UsageTracker`` that sees every event (the recorded session was
///   connected throughout). Transcription is priced here with the card of the transcription model in
///   force at each event, because a `session.update` can switch it mid-recording.
/// - The guard connects at the first event. Due checks run before each event. When the monitor asks to
///   reconnect, the connection opens at once (no latency) and the user input that asked is fed again on
///   it. Every other event that arrives while disconnected is what the recording did but the guarded
///   session would not have seen: its billed cost is the counterfactual saving, kept apart.
/// - The recording ends at its last event: checks due up to it run, none after.
public struct ReplaySession {
  let file: String
  let book: PriceBook
  let modelOverride: String?
  let policy: GuardSettings
  let audioAnalyzer: (any LocalAudioAnalyzer)?
  let optionDay: CalendarDay?
  let backendModel: String?
  /// At most this many warnings are kept (all are counted in ``warningCount``).
  static let keptWarnings = 50
  /// Events buffered while waiting for a session event that names the model; past this many the model
  /// is resolved from what is known (memory stays bounded for recordings without session events).
  static let maxPending = 4_096

  private(set) var summary = RecordingSummary()
  private var pending: [TimedEvent] = []
  private var pricing: Pricing?
  private var session = SessionConfig()
  private var transcriptionCards: [String: TranscriptionPriceCard] = [:]
  private var transcriptionCost = Money.zero
  private var transcriptionUsage = TranscriptionTotals()
  /// The models whose cards priced a transcription (one: the result names its card).
  private var transcriptionModelsPriced: Set<String> = []
  private var transcriptionOverflowed = false
  private var transcriptions = 0
  private var unpricedTranscriptions = 0
  private var speechSpans = SpeechSpans()
  private var transcriptionEstimate = TranscriptionEstimate()
  private var warnings: [ReplayWarning] = []
  private(set) var warningCount = 0
  private var guardRun: GuardReplay?
  private var audioMarkers: [LocalAudioMarkerPlacement] = []

  private struct Pricing {
    var resolution: ModelResolution
    var tracker: UsageTracker
    var day: CalendarDay? { resolution.day }
  }

  /// A replay of the recording called `name` (errors and reports name it).
  public init(name: String, options: ReplayOptions) {
    file = name
    book = options.book
    modelOverride = options.model
    policy = options.settings
    audioAnalyzer = options.audioAnalyzer
    optionDay = options.at
    backendModel = options.backendModel
  }

  /// Adds the next event; `header` is the recording's header (known once the first event was read).
  public mutating func add(_ event: TimedEvent, header: RecordingHeader?) throws(ReplayError) {
    summary.add(event)
    if case .localAudio(let marker) = event.event {
      audioMarkers.append(LocalAudioMarkerPlacement(time: event.time, line: event.line, marker: marker))
    }
    if pricing == nil {
      pending.append(event)
      guard resolvesModel(event.event) || pending.count >= Self.maxPending else { return }
      try resolve(header: header)
      let buffered = pending
      pending = []
      for event in buffered { process(event) }
      return
    }
    process(event)
  }

  /// The report for the recording, once every event was added.
  public mutating func finish(header: RecordingHeader?, stats: RecordingReadStats) throws(ReplayError)
    -> ReplayResult
  {
    if pricing == nil {
      try resolve(header: header)
      let buffered = pending
      pending = []
      for event in buffered { process(event) }
    }
    // The recording ends the billed meter's session, so its connected time counts (DESIGN §4 defect 9).
    self.pricing?.tracker.endSession(at: summary.lastTime ?? 0)
    guard let pricing else { throw ReplayError("\(file): no model could be resolved") }
    let run = pricing.tracker.run
    if !run.isExact || transcriptionOverflowed || run.billed.addingSaturated(transcriptionCost).overflow {
      throw ReplayError(
        "\(file): the billed total passes \(Money.max) (rtcost's exact money range): the usage counts "
          + "are not plausible for one recording")
    }
    var all = warnings
    for warning in stats.warnings { all.append(ReplayWarning(line: warning.line, message: warning.message)) }
    for error in stats.skippedErrors {
      let held = stats.skippedUsageEvent(onLine: error.line).map {
        " (the line held a \($0.rawValue): its usage is missing, so the total is a lower bound)"
      }
      all.append(
        ReplayWarning(line: error.line, message: "skipped (--lenient): \(error.message)" + (held ?? "")))
    }
    // The warnings of the whole run, made here: counted beside those ``note(line:_:)`` counted.
    var finishWarnings = 0
    if let check = liveClockCheck(run) {
      all.append(ReplayWarning(line: 0, message: check))
      finishWarnings += 1
    }
    if pricing.resolution.billing.isLive, summary.liveCloseReasons.isEmpty, run.live.usageReports > 0 {
      finishWarnings += 1
      all.append(
        ReplayWarning(
          line: 0,
          message: "no session.closed: the last usage report is not confirmed as the session's final usage"))
    }
    let ordered = all.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }
      .map(\.element)
    return ReplayResult(
      file: file, model: pricing.resolution.model, modelSource: pricing.resolution.modelSource,
      priceDay: pricing.day, priceDaySource: pricing.resolution.daySource, summary: summary,
      readStats: stats, billed: pricing.tracker.run, transcriptionCost: transcriptionCost,
      transcriptions: transcriptions, unpricedTranscriptions: unpricedTranscriptions,
      transcriptionEstimate: transcriptionEstimate,
      billing: pricing.resolution.billing, transcriptionUsage: transcriptionUsage,
      transcriptionPriceCard: transcriptionModelsPriced.count == 1
        ? transcriptionModelsPriced.first.flatMap { transcriptionCards[$0] } : nil,
      backendPriceCard: backendCard(pricing.tracker.configuration.backend), warnings: ordered,
      warningCount: warningCount + finishWarnings + stats.warningCount + stats.skippedLines,
      audioInputs: try analyseAudio(billing: pricing.resolution.billing),
      guardOutcome: guardRun.map { $0.outcome(end: summary.lastTime ?? $0.start) })
  }

  private func resolvesModel(_ event: RealtimeEvent) -> Bool {
    switch event {
    case .sessionCreated(let config), .sessionUpdated(let config), .liveSessionStart(let config),
      .liveSessionStarted(let config):
      config.model != nil
    case .responseDone, .transcriptionCompleted, .liveUsageUpdated, .liveSessionClosed, .liveBackendEvent:
      true
    default: false
    }
  }

  /// GPT-Live: a warning when the duration the API billed and the time connected on the
  /// recording's clock disagree by more than ``LiveClockCheck/tolerance(of:)``; none for a bare
  /// recording (no times: its clock shows nothing to compare).
  private func liveClockCheck(_ run: UsageTotals) -> String? {
    guard run.live.usageReports > 0, summary.isTimed else { return nil }
    let billed = run.live.usage.sessionMicros
    let clock = run.connectedMicros
    guard abs(billed - clock) > LiveClockCheck.tolerance(of: max(billed, clock)) else { return nil }
    return "the API billed \(SecondsText.format(micros: billed)) s of session time but the recording's clock "
      + "shows \(SecondsText.format(micros: clock)) s connected: billed as the API reported (a WebRTC session "
      + "bills at least 15 s; a recording that starts late or stops early differs too)"
  }

  private func analyseAudio(billing: SessionBilling) throws(ReplayError) -> [ReplayAudioInput] {
    guard !audioMarkers.isEmpty else { return [] }
    guard let card = billing.tokenCard else {
      throw ReplayError(
        "\(file):\(audioMarkers[0].line): local.audio markers estimate Realtime audio tokens, but "
          + "\(billing.model) bills session time: remove the markers or replay with a Realtime --model")
    }
    guard let audioAnalyzer else {
      throw ReplayError(
        "\(file):\(audioMarkers[0].line): local.audio markers need a WAV analyser, and none was given")
    }
    return try audioAnalyzer.analyse(audioMarkers, recording: file, session: session, card: card)
  }

  private mutating func resolve(header: RecordingHeader?) throws(ReplayError) {
    let resolution = try ModelResolution.resolve(
      ModelResolution.Evidence(
        sessionModel: summary.model, optionModel: modelOverride, headerModel: header?.model,
        headerStartedAt: header?.startedAt, sessionExpiresAt: summary.session.expiresAt,
        sessionCreatedAt: summary.session.createdAt, optionDay: optionDay,
        liveSession: summary.isLive),
      book: book, name: file)
    for warning in resolution.warnings { note(line: 0, warning) }
    let epoch = resolution.epochAtZero ?? 0
    let backend = try backendPricing(on: resolution.day)
    let tracker = UsageTracker(
      configuration: UsageTracker.Configuration(
        mode: .real, billing: resolution.billing, backend: backend, epochAtZero: epoch))
    pricing = Pricing(resolution: resolution, tracker: tracker)
    if summary.isTimed {
      let transcriptionCard = summary.session.transcriptionModel.flatMap {
        try? book.transcriptionCard(for: $0, on: resolution.day)
      }
      guardRun = GuardReplay(
        configuration: policy.configuration(
          billing: resolution.billing, backend: backend, transcriptionCard: transcriptionCard,
          epochAtZero: epoch),
        policy: policy)
    }
  }

  /// The card that priced the backend tokens: `--backend-model`'s, else the session's backend
  /// model's; nil when neither is known.
  private func backendCard(_ pricing: BackendPricing) -> PriceCard? {
    pricing.card(for: session.backendModel)
  }

  /// How backend tokens are priced: `--backend-model`'s card, else every model and alias of the
  /// book on the recording's day by name.
  private func backendPricing(on day: CalendarDay?) throws(ReplayError) -> BackendPricing {
    if let backendModel {
      do {
        return BackendPricing(override: try book.card(for: backendModel, on: day))
      } catch {
        throw ReplayError("\(file): --backend-model: \(error.description)")
      }
    }
    var cards: [String: PriceCard] = [:]
    for name in book.modelNames + book.aliases.map(\.alias) {
      if let card = try? book.card(for: name, on: day) { cards[name] = card }
    }
    return BackendPricing(cards: cards)
  }

  private mutating func process(_ timed: TimedEvent) {
    // The tracker is mutated where it is stored: copying `pricing` out and back (a large struct,
    // twice per event) was most of the time replay spent outside the reader.
    guard let issuesBefore = pricing?.tracker.issues.count else { return }
    let day = pricing?.day
    let event = timed.event
    let before = (pricing?.tracker.run.billed ?? .zero).addingSaturated(transcriptionCost).sum
    switch event {
    case .sessionCreated(let config), .sessionUpdated(let config), .sessionUpdate(let config),
      .liveSessionStart(let config), .liveSessionStarted(let config):
      session = session.merging(config)
      meter(event, at: timed.time ?? 0)
    case .transcriptionCompleted(let usage):
      // Priced here with the card in force; the tracker counts the ones without usage.
      let span = speechSpans.transcriptionFinished()
      if let usage {
        priceTranscription(usage, line: timed.line, day: day)
      } else {
        meter(event, at: timed.time ?? 0)
        transcriptionEstimate.add(span: span, card: transcriptionCard(day: day))
      }
    case .transcriptionFailed:
      _ = speechSpans.transcriptionFinished()
      meter(event, at: timed.time ?? 0)
    case .speechStarted(let start):
      speechSpans.speechStarted(audioStart: start)
      meter(event, at: timed.time ?? 0)
    case .speechStopped(let end):
      speechSpans.speechStopped(audioEnd: end)
      meter(event, at: timed.time ?? 0)
    case .inputAudioCommitted:
      speechSpans.committed(transcribed: session.transcriptionModel != nil)
      meter(event, at: timed.time ?? 0)
    case .inputAudioCleared:
      speechSpans.cleared()
      meter(event, at: timed.time ?? 0)
    default:
      meter(event, at: timed.time ?? 0)
    }
    if pricing!.tracker.issues.count > issuesBefore {
      for issue in pricing!.tracker.issues[issuesBefore...] {
        note(line: timed.line, (issue.unpriced ? "not priced: " : "") + issue.message)
      }
    }
    let after = (pricing?.tracker.run.billed ?? .zero).addingSaturated(transcriptionCost).sum
    let delta = after.addingSaturated(Money(picoUSD: -before.picoUSD)).sum
    if let time = timed.time { guardRun?.feed(timed, at: time, billed: delta) }
  }

  /// Meters `event` on the as-billed tracker, in place.
  private mutating func meter(_ event: RealtimeEvent, at time: Micros) {
    pricing!.tracker.handle(event, at: time)
  }

  /// The card of the transcription model in force, cached by model; nil when none is set or known.
  private mutating func transcriptionCard(day: CalendarDay?) -> TranscriptionPriceCard? {
    guard let model = session.transcriptionModel else { return nil }
    return try? cachedTranscriptionCard(model, day: day)
  }

  private mutating func cachedTranscriptionCard(_ model: String, day: CalendarDay?) throws(PriceBookError)
    -> TranscriptionPriceCard
  {
    if let known = transcriptionCards[model] { return known }
    let card = try book.transcriptionCard(for: model, on: day)
    transcriptionCards[model] = card
    return card
  }

  private mutating func priceTranscription(_ usage: TranscriptionUsage, line: Int, day: CalendarDay?) {
    guard let model = session.transcriptionModel else {
      unpricedTranscriptions += 1
      note(line: line, "not priced: transcription usage but no transcription model in the session")
      return
    }
    do {
      let card = try cachedTranscriptionCard(model, day: day)
      let (sum, overflow) = transcriptionCost.addingSaturated(try card.cost(of: usage))
      transcriptionCost = sum
      if overflow { transcriptionOverflowed = true }
      transcriptions += 1
      transcriptionUsage.add(usage)
      transcriptionModelsPriced.insert(model)
    } catch {
      unpricedTranscriptions += 1
      note(line: line, "not priced: transcription (\(model)): \(error)")
    }
  }

  private mutating func note(line: Int, _ message: String) {
    warningCount += 1
    if warnings.count < Self.keptWarnings { warnings.append(ReplayWarning(line: line, message: message)) }
  }

}
