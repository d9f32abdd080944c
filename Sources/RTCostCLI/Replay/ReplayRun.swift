internal import Billing
internal import Foundation
internal import RealtimeEvents
internal import SessionGuard

/// Streams one recording's events through the meters and, when timed, through a ``SessionGuard`` on
/// the virtual clock (the recording's own `t`).
///
/// Pure apart from the price book: events in, a ``ReplayFileResult`` out. The driver contract:
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
struct ReplayRun {
  let file: String
  let book: PriceBook
  let modelOverride: String?
  let policy: ReplayPolicy
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
  private var transcriptions = 0
  private var unpricedTranscriptions = 0
  private var warnings: [ReplayWarning] = []
  private(set) var warningCount = 0
  private var guardRun: GuardRun?
  private var audioInputs = ReplayAudioInputs()

  private struct Pricing {
    var model: String
    var source: ModelSource
    var day: CalendarDay?
    var tracker: UsageTracker
  }

  init(file: String, book: PriceBook, modelOverride: String?, policy: ReplayPolicy) {
    self.file = file
    self.book = book
    self.modelOverride = modelOverride
    self.policy = policy
  }

  /// Adds the next event; `header` is the recording's header (known once the first event was read).
  mutating func add(_ event: TimedEvent, header: RecordingHeader?) throws {
    summary.add(event)
    audioInputs.note(event)
    if pricing == nil {
      pending.append(event)
      guard resolvesModel(event.event) || pending.count >= Self.maxPending else { return }
      try resolve(header: header)
      let buffered = pending
      pending = []
      for event in buffered { try process(event) }
      return
    }
    try process(event)
  }

  /// The report for the recording, once every event was added.
  mutating func finish(header: RecordingHeader?, stats: RecordingReadStats) throws -> ReplayFileResult {
    if pricing == nil {
      try resolve(header: header)
      let buffered = pending
      pending = []
      for event in buffered { try process(event) }
    }
    // The recording ends the billed meter's session, so its connected time counts (DESIGN §4 defect 9).
    self.pricing?.tracker.endSession(at: summary.lastTime ?? 0)
    guard let pricing else { throw CLIError("\(file): no model could be resolved") }
    var all = warnings
    for warning in stats.warnings { all.append(ReplayWarning(line: warning.line, message: warning.message)) }
    for error in stats.skippedErrors {
      all.append(ReplayWarning(line: error.line, message: "skipped (--lenient): \(error.message)"))
    }
    let ordered = all.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }
      .map(\.element)
    return ReplayFileResult(
      file: file, model: pricing.model, modelSource: pricing.source, priceDay: pricing.day, summary: summary,
      readStats: stats, billed: pricing.tracker.run, transcriptionCost: transcriptionCost,
      transcriptions: transcriptions, unpricedTranscriptions: unpricedTranscriptions, warnings: ordered,
      warningCount: warningCount + stats.warningCount + stats.skippedLines,
      audioInputs: try audioInputs.analyse(
        recording: file, session: session, card: try book.card(for: pricing.model, on: pricing.day)),
      guardOutcome: guardRun.map { $0.outcome(end: summary.lastTime ?? $0.start) })
  }

  private func resolvesModel(_ event: RealtimeEvent) -> Bool {
    switch event {
    case .sessionCreated(let config), .sessionUpdated(let config): config.model != nil
    case .responseDone, .transcriptionCompleted: true
    default: false
    }
  }

  private mutating func resolve(header: RecordingHeader?) throws {
    let source: ModelSource
    let name: String
    if let model = summary.model {
      (name, source) = (model, .session)
    } else if let modelOverride {
      (name, source) = (modelOverride, .option)
    } else if let model = header?.model {
      (name, source) = (model, .header)
    } else {
      throw CLIError(
        "\(file): no model known: the recording has no session.created or session.updated naming one and "
          + "no header model; give one with --model (e.g. --model gpt-realtime)")
    }
    let day = header?.startedAt.flatMap { CalendarDay(String($0.prefix(10))) }
    if let startedAt = header?.startedAt, day == nil {
      note(line: 1, "header started_at '\(startedAt)' is not a date: the newest prices were used")
    }
    let card: PriceCard
    do {
      card = try book.card(for: name, on: day)
    } catch {
      throw CLIError("\(file): \(error.description)")
    }
    let epoch = header?.startedAt.flatMap(Self.epochMicros) ?? 0
    let tracker = UsageTracker(
      configuration: UsageTracker.Configuration(mode: .real, priceCard: card, epochAtZero: epoch))
    pricing = Pricing(model: card.model, source: source, day: day, tracker: tracker)
    if summary.isTimed {
      let transcriptionCard = summary.session.transcriptionModel.flatMap {
        try? book.transcriptionCard(for: $0, on: day)
      }
      guardRun = GuardRun(
        configuration: policy.configuration(
          card: card, transcriptionCard: transcriptionCard, epochAtZero: epoch),
        policy: policy)
    }
  }

  private mutating func process(_ timed: TimedEvent) throws {
    guard var pricing else { return }
    self.pricing = nil
    defer { self.pricing = pricing }
    let event = timed.event
    let before = pricing.tracker.run.billed + transcriptionCost
    let issuesBefore = pricing.tracker.issues.count
    switch event {
    case .sessionCreated(let config), .sessionUpdated(let config), .sessionUpdate(let config):
      session = session.merging(config)
      pricing.tracker.handle(event, at: timed.time ?? 0)
    case .transcriptionCompleted(let usage):
      // Priced below with the card in force; the tracker only sees that one completed.
      pricing.tracker.handle(.transcriptionCompleted(nil), at: timed.time ?? 0)
      if let usage { priceTranscription(usage, line: timed.line, day: pricing.day) }
    default:
      pricing.tracker.handle(event, at: timed.time ?? 0)
    }
    for issue in pricing.tracker.issues[issuesBefore...] {
      note(line: timed.line, (issue.unpriced ? "not priced: " : "") + issue.message)
    }
    let delta = pricing.tracker.run.billed + transcriptionCost - before
    if let time = timed.time { guardRun?.feed(timed, at: time, billed: delta) }
  }

  private mutating func priceTranscription(_ usage: TranscriptionUsage, line: Int, day: CalendarDay?) {
    guard let model = session.transcriptionModel else {
      unpricedTranscriptions += 1
      note(line: line, "not priced: transcription usage but no transcription model in the session")
      return
    }
    do {
      let card: TranscriptionPriceCard
      if let known = transcriptionCards[model] {
        card = known
      } else {
        card = try book.transcriptionCard(for: model, on: day)
        transcriptionCards[model] = card
      }
      transcriptionCost = transcriptionCost + (try card.cost(of: usage))
      transcriptions += 1
    } catch {
      unpricedTranscriptions += 1
      note(line: line, "not priced: transcription (\(model)): \(error)")
    }
  }

  private mutating func note(line: Int, _ message: String) {
    warningCount += 1
    if warnings.count < Self.keptWarnings { warnings.append(ReplayWarning(line: line, message: message)) }
  }

  /// Unix microseconds of an ISO 8601 time (`2026-11-20T18:00:00Z`, fractional seconds allowed).
  static func epochMicros(_ text: String) -> Micros? {
    let plain = ISO8601DateFormatter()
    let fractional = ISO8601DateFormatter()
    fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    guard let date = plain.date(from: text) ?? fractional.date(from: text) else { return nil }
    return Micros((date.timeIntervalSince1970 * 1_000_000).rounded())
  }
}
