public import Billing
public import RealtimeEvents

/// Meters what a voice session costs: billed usage, transcription, and the seed's estimate.
///
/// A pure value type: events and times go in, nothing is read or written. For a Realtime session
/// the authoritative meter prices every `response.done` usage block with the model's
/// ``Billing/PriceCard``; for a GPT-Live session it bills the session time the API reports
/// (`session.usage.updated` and `session.closed` carry the *cumulative* duration: each report
/// replaces the last, never adds to it) with the model's ``Billing/LivePriceCard``, and delegated
/// backend tokens (`response.event`) at the backend model's text prices. Transcription usage is
/// priced from its own card; the original design's duration meter runs beside them as
/// ``SeedEstimate``. Each block's bounds (DESIGN §7.3) go into the totals: the slack of an
/// undetailed cached split, blocks billed at their totals, and `response.done` or transcriptions
/// without usage (``UsageTotals/isLowerBound``). Totals are kept per session, per rolling hour,
/// per UTC day and for the lifetime (which starts from what the stats file held), plus an unsaved
/// delta for ``UsageStore``.
///
/// In seed mode the amounts handed to alerts (``snapshot(at:)``) are the seed estimate, and the
/// session amount is the lifetime amount, because the seed's `get_session_cost` ignored the session
/// (defect 9). The meters themselves are the same in both modes.
public struct UsageTracker: Sendable {
  /// What the tracker prices with and how it maps time onto calendar days.
  public struct Configuration: Sendable, Equatable {
    public var mode: GuardMode
    /// How the session's model bills: per token or per second of session time.
    public var billing: SessionBilling
    /// How a GPT-Live session's delegated backend tokens are priced.
    public var backend: BackendPricing
    /// The input transcription model's card; nil when transcription is off or unpriced.
    public var transcriptionCard: TranscriptionPriceCard?
    /// Unix time in microseconds at time 0, so that days are UTC calendar days.
    public var epochAtZero: Micros
    /// The length of the rolling window.
    public var rollingWindow: Micros

    public init(
      mode: GuardMode = .real, billing: SessionBilling, backend: BackendPricing = .none,
      transcriptionCard: TranscriptionPriceCard? = nil, epochAtZero: Micros = 0,
      rollingWindow: Micros = 3_600 * Micros.perSecond
    ) {
      self.mode = mode
      self.billing = billing
      self.backend = backend
      self.transcriptionCard = transcriptionCard
      self.epochAtZero = epochAtZero
      self.rollingWindow = rollingWindow
    }

    /// A Realtime session priced per token with `priceCard`.
    public init(
      mode: GuardMode = .real, priceCard: PriceCard, transcriptionCard: TranscriptionPriceCard? = nil,
      epochAtZero: Micros = 0, rollingWindow: Micros = 3_600 * Micros.perSecond
    ) {
      self.init(
        mode: mode, billing: .tokens(priceCard), transcriptionCard: transcriptionCard,
        epochAtZero: epochAtZero, rollingWindow: rollingWindow)
    }

    /// The token card of a Realtime session; nil for GPT-Live.
    public var priceCard: PriceCard? { billing.tokenCard }
  }

  /// Something about the usage that a report must show (a pricing warning or error), with its time.
  public struct Issue: Sendable, Equatable {
    public var time: Micros
    public var message: String
    /// True when the usage could not be priced at all.
    public var unpriced: Bool
  }

  /// Lifetime amounts loaded from a stats file, added to this run's lifetime window.
  public struct LifetimeStart: Sendable, Equatable {
    public var billed: Money
    public var seedEstimate: Money

    public init(billed: Money = .zero, seedEstimate: Money = .zero) {
      self.billed = billed
      self.seedEstimate = seedEstimate
    }
  }

  public let configuration: Configuration
  /// What the stats file held when tracking started.
  public let lifetimeStart: LifetimeStart
  /// This run's totals (add ``lifetimeStart`` for the lifetime amounts).
  public private(set) var run = UsageTotals()
  /// The current (or last) session's totals.
  public private(set) var session = UsageTotals()
  /// Totals not yet handed to a ``UsageStore`` (see ``takeUnsaved()``).
  public private(set) var unsaved = UsageTotals()
  public private(set) var sessionNumber = 0
  /// When the open session started; nil between sessions.
  public private(set) var sessionOpenSince: Micros?
  public private(set) var issues: [Issue] = []
  public private(set) var inputFormat: AudioFormat = .pcm16
  public private(set) var outputFormat: AudioFormat = .pcm16

  private var firstTime: Micros?
  private var rolling: [(time: Micros, billed: Money, seed: Money)] = []
  private var rollingHead = 0
  /// The sums of `rolling[rollingHead...]`, kept as entries come and go, so that a snapshot costs
  /// the entries that left the window since the last cost was added, not every entry in it
  /// (summing the window at each snapshot made n responses within an hour cost O(n²)).
  private var rollingBilled: Int128 = 0
  private var rollingSeed: Int128 = 0
  private var dayIndex: Int64?
  private var dayBilled = Money.zero
  private var daySeed = Money.zero
  private var lastSeedCost = Money.zero
  private var requestedCallIDs: Set<String> = []
  /// GPT-Live: the last cumulative usage the API reported for the open session, its bill, and when.
  private var liveReported = LiveUsage()
  private var liveReportedBill = LiveBill()
  private var liveReportedAt: Micros?
  private var backendModel: String?
  private var warnedStandbyAsActive = false

  public init(configuration: Configuration, lifetimeStart: LifetimeStart = LifetimeStart()) {
    self.configuration = configuration
    self.lifetimeStart = lifetimeStart
  }

  /// Billed money over the lifetime (stats file + this run).
  public var lifetimeBilled: Money { lifetimeStart.billed.addingSaturated(run.billed).sum }
  /// The seed estimate over the lifetime (stats file + this run).
  public var lifetimeSeedEstimate: Money { lifetimeStart.seedEstimate + run.seedEstimate.cost }

  /// Time connected in this run up to `now`, the open session included.
  public func connectedTime(at now: Micros) -> Micros {
    run.connectedMicros + (sessionOpenSince.map { max(0, now - $0) } ?? 0)
  }

  /// A connection opened at `now`: a new session window starts.
  public mutating func startSession(at now: Micros) {
    if sessionOpenSince != nil { endSession(at: now) }
    note(now)
    sessionNumber += 1
    session = UsageTotals()
    sessionOpenSince = now
    liveReported = LiveUsage()
    liveReportedBill = LiveBill()
    liveReportedAt = nil
    apply { $0.sessions += 1 }
  }

  /// The connection closed at `now`: its connected time is added to every window.
  public mutating func endSession(at now: Micros) {
    guard let since = sessionOpenSince else { return }
    note(now)
    sessionOpenSince = nil
    let connected = max(0, now - since)
    apply { $0.connectedMicros += connected }
  }

  /// Meters one event at `now` (non-decreasing). `session.created` opens a session if none is open.
  public mutating func handle(_ event: RealtimeEvent, at now: Micros) {
    note(now)
    switch event {
    case .sessionCreated(let config), .sessionUpdated(let config), .sessionUpdate(let config),
      .liveSessionStart(let config), .liveSessionStarted(let config):
      switch event {
      case .sessionCreated, .liveSessionStarted: if sessionOpenSince == nil { startSession(at: now) }
      default: break
      }
      if let format = config.inputAudioFormat { inputFormat = format }
      if let format = config.outputAudioFormat { outputFormat = format }
      if let model = config.backendModel { backendModel = model }
    case .liveUsageUpdated(let report):
      meterLive(report, at: now)
    case .liveSessionClosed(_, let report):
      if let report { meterLive(report, at: now) }
      apply { $0.live.confirmedSessions += 1 }
      endSession(at: now)
    case .liveBackendEvent(let backend):
      guard let usage = backend.usage else { return }
      recordBackend(usage, model: backend.model ?? backendModel, at: now)
    case .inputAudioAppend(let bytes), .liveInputAudioAppend(let bytes):
      let micros = bytes * Micros.perSecond / inputFormat.bytesPerSecond
      apply {
        $0.inputAudioBytes += bytes
        $0.inputAudioMicros += micros
      }
    case .outputAudioDelta(let bytes), .liveOutputAudioDelta(let bytes):
      let micros = bytes * Micros.perSecond / outputFormat.bytesPerSecond
      apply {
        $0.seedEstimate.outputAudioBytes += bytes
        $0.outputAudioMicros += micros
      }
    case .functionCallArgumentsDone(let callID, _):
      if let callID { requestedCallIDs.insert(callID) }
      apply { $0.functionCalls += 1 }
    case .responseDone(let done):
      record(done, at: now)
    case .transcriptionCompleted(let usage):
      guard let usage else {
        apply { $0.transcriptionsWithoutUsage += 1 }
        return
      }
      guard let card = configuration.transcriptionCard else {
        issues.append(
          Issue(time: now, message: "transcription usage without a transcription price card", unpriced: true))
        apply { $0.unpricedResponses += 1 }
        return
      }
      do {
        let cost = try card.cost(of: usage)
        apply {
          let (sum, overflow) = $0.transcriptionCost.addingSaturated(cost)
          $0.transcriptionCost = sum
          if overflow { $0.overflowed = true }
          $0.transcriptions += 1
        }
        addToWindows(at: now, billed: cost)
      } catch {
        issues.append(Issue(time: now, message: error.description, unpriced: true))
        apply { $0.unpricedResponses += 1 }
      }
    default:
      break
    }
  }

  /// A GPT-Live WebRTC session creation that never ran, at `now`: it bills the card's
  /// initialisation charge (15 s at the active rate at the launch). No effect for token billing.
  public mutating func liveCreationAbandoned(at now: Micros) {
    note(now)
    guard let card = configuration.billing.liveCard else { return }
    do {
      let bill = try card.cost(of: LiveUsage(abandonedCreations: 1))
      var delta = LiveTotals()
      delta.usage.abandonedCreations = 1
      delta.bill = bill
      apply { _ = $0.live.add(delta) }
      addToWindows(at: now, billed: bill.total)
    } catch {
      issues.append(Issue(time: now, message: error.description, unpriced: true))
      apply { $0.unpricedResponses += 1 }
    }
  }

  /// Hands the totals metered since the last call to the caller (for ``UsageStore/record(_:)``).
  public mutating func takeUnsaved() -> UsageTotals {
    defer { unsaved = UsageTotals() }
    return unsaved
  }

  /// The amounts per window at `now`, in the mode's meter.
  public func snapshot(at now: Micros) -> UsageSnapshot {
    let seed = configuration.mode == .seed
    let today = Self.day(of: configuration.epochAtZero + now)
    let dayEnd = (today + 1) * Self.microsPerDay - configuration.epochAtZero
    let window = rollingWindow(at: now)
    // Costs are never negative, so the sum held at the money range is what adding the entries
    // one by one, saturating, gives.
    let hourBilled = Money(picoUSD: Int64(clamping: window.billed))
    let hourSeed = Money(picoUSD: Int64(window.seed))
    let sameDay = dayIndex == today
    let accrued = seed ? Money.zero : liveAccrual(at: now)
    let lifetime = seed ? lifetimeSeedEstimate : lifetimeBilled.addingSaturated(accrued).sum
    return UsageSnapshot(
      time: now, mode: configuration.mode,
      session: seed ? lifetime : session.billed.addingSaturated(accrued).sum,
      rollingHour: seed ? hourSeed : hourBilled.addingSaturated(accrued).sum,
      day: sameDay ? (seed ? daySeed : dayBilled.addingSaturated(accrued).sum) : accrued,
      lifetime: lifetime, sessionNumber: sessionNumber, dayIndex: today, dayEnd: dayEnd,
      rollingSpan: min(configuration.rollingWindow, now - (firstTime ?? now)))
  }

  /// GPT-Live session time since the API's last usage report, at the active rate: what the open
  /// session has cost by the clock but the API has not reported yet. Alerts see it, so a budget
  /// acts between reports; billed totals never include it.
  public func liveAccrual(at now: Micros) -> Money {
    guard let card = configuration.billing.liveCard, let open = sessionOpenSince else { return .zero }
    let since = max(open, liveReportedAt ?? open)
    return DurationPricing.cost(of: max(0, now - since), atPerMinute: card.activePerMinute) ?? .max
  }

  /// The cumulative usage the API last reported for the open GPT-Live session.
  public var liveReportedUsage: LiveUsage { liveReported }

  /// Microseconds in a day.
  public static let microsPerDay: Micros = 86_400 * Micros.perSecond

  /// Days since 1970-01-01 of a Unix time in microseconds (floor division).
  public static func day(of epochMicros: Micros) -> Int64 {
    let (quotient, remainder) = epochMicros.quotientAndRemainder(dividingBy: microsPerDay)
    return remainder < 0 ? quotient - 1 : quotient
  }

  private mutating func record(_ done: ResponseDone, at now: Micros) {
    var billed = Money.zero
    var totals = UsageTotals()
    totals.responses[done.status] += 1
    for call in done.functionCalls {
      if let id = call.callID, requestedCallIDs.remove(id) != nil { continue }
      totals.functionCalls += 1
    }
    if let usage = done.usage {
      totals.seedEstimate.inputTokens = usage.inputTokens ?? 0
      totals.seedEstimate.outputTokens = usage.outputTokens ?? 0
      do throws(UsageError) {
        guard let card = configuration.priceCard else {
          throw UsageError.categoryNotPriced(
            model: configuration.billing.model, category: .audioOut, tokens: usage.outputTokens ?? 0)
        }
        let priced = try card.price(usage)
        totals.tokens = priced.tokens
        totals.costs = priced.costs
        billed = priced.total
        if priced.boundsWarning != nil {
          totals.cachedSplitAssumed = 1
          totals.cachedSplitSlack = priced.total - priced.lowerBound
        }
        if priced.upperBound == nil { totals.billedAtTotals = 1 }
        let warnings = priced.warningsWithBounds
        if !warnings.isEmpty {
          totals.pricingWarnings = 1
          let text = warnings.map(\.description).joined(separator: "; ")
          issues.append(Issue(time: now, message: text, unpriced: false))
        }
      } catch {
        totals.unpricedResponses = 1
        issues.append(Issue(time: now, message: error.description, unpriced: true))
      }
    } else {
      totals.responsesWithoutUsage = 1
      issues.append(
        Issue(
          time: now,
          message: "response.done without usage: its cost is unknown, so the billed total is a lower bound",
          unpriced: false))
    }
    if done.status == .cancelled && billed > .zero { totals.responses.cancelledBilled = 1 }
    apply { $0.add(totals) }
    addToWindows(at: now, billed: billed)
  }

  /// Bills a cumulative GPT-Live usage report: the difference between its bill and the last one's,
  /// so a session is billed exactly the bill of its last report however many reports there were.
  private mutating func meterLive(_ report: LiveUsageReport, at now: Micros) {
    let reported = report.usage
    guard let card = configuration.billing.liveCard else {
      issues.append(
        Issue(
          time: now,
          message: "GPT-Live usage in a session priced per token (\(configuration.billing.model)): "
            + "give a GPT-Live model with --model", unpriced: true))
      apply { $0.unpricedResponses += 1 }
      return
    }
    guard reported.sessionMicros >= liveReported.sessionMicros else {
      issues.append(
        Issue(
          time: now,
          message:
            "GPT-Live usage went down from \(SecondsText.format(micros: liveReported.sessionMicros)) s "
            + "to \(SecondsText.format(micros: reported.sessionMicros)) s: usage is cumulative, so the larger "
            + "was kept", unpriced: false))
      apply { $0.pricingWarnings += 1 }
      return
    }
    let bill: LiveBill
    do {
      bill = try card.cost(of: reported)
    } catch {
      issues.append(Issue(time: now, message: error.description, unpriced: true))
      apply { $0.unpricedResponses += 1 }
      return
    }
    if bill.standbyBilledAsActive && !warnedStandbyAsActive {
      warnedStandbyAsActive = true
      issues.append(
        Issue(
          time: now,
          message: "\(card.model) has no standby rate: standby time was billed at the active rate",
          unpriced: false))
    }
    var delta = LiveTotals()
    delta.usage = LiveUsage(
      activeMicros: reported.activeMicros - liveReported.activeMicros,
      standbyMicros: reported.standbyMicros - liveReported.standbyMicros)
    delta.bill = LiveBill(
      active: bill.active - liveReportedBill.active, standby: bill.standby - liveReportedBill.standby,
      total: bill.total - liveReportedBill.total, standbyBilledAsActive: bill.standbyBilledAsActive)
    delta.usageReports = 1
    liveReported = reported
    liveReportedBill = bill
    liveReportedAt = now
    apply { _ = $0.live.add(delta) }
    addToWindows(at: now, billed: delta.bill.total)
  }

  /// Prices one backend response's tokens at the backend model's text prices.
  private mutating func recordBackend(_ usage: BackendUsage, model: String?, at now: Micros) {
    var delta = LiveTotals()
    delta.backendTokens = usage
    delta.backendResponses = 1
    guard let card = configuration.backend.card(for: model) else {
      let name = model.map { "'\($0)'" } ?? "an unnamed model"
      issues.append(
        Issue(
          time: now,
          message: "backend tokens of \(name) (\(usage.inputTokens) in, \(usage.outputTokens) out): no price "
            + "for the backend model; add it with --prices or price them with --backend-model",
          unpriced: true))
      apply {
        _ = $0.live.add(delta)
        $0.unpricedResponses += 1
      }
      return
    }
    do {
      delta.backendCost = try card.cost(ofBackend: usage)
    } catch {
      issues.append(Issue(time: now, message: error.description, unpriced: true))
      apply {
        _ = $0.live.add(delta)
        $0.unpricedResponses += 1
      }
      return
    }
    apply { _ = $0.live.add(delta) }
    addToWindows(at: now, billed: delta.backendCost)
  }

  private mutating func addToWindows(at now: Micros, billed: Money) {
    let seedCost = run.seedEstimate.cost
    let seedDelta = seedCost - lastSeedCost
    lastSeedCost = seedCost
    let today = Self.day(of: configuration.epochAtZero + now)
    if dayIndex != today {
      dayIndex = today
      dayBilled = .zero
      daySeed = .zero
    }
    dayBilled = dayBilled.addingSaturated(billed).sum
    daySeed = daySeed + seedDelta
    rolling.append((now, billed, seedDelta))
    rollingBilled += Int128(billed.picoUSD)
    rollingSeed += Int128(seedDelta.picoUSD)
    (rollingHead, rollingBilled, rollingSeed) = rollingWindow(at: now)
    if rollingHead > 1_024 && rollingHead * 2 > rolling.count {
      rolling.removeFirst(rollingHead)
      rollingHead = 0
    }
  }

  /// The rolling window at `now`: where its entries start and their sums, once the entries
  /// older than the window are dropped from the kept sums.
  private func rollingWindow(at now: Micros) -> (head: Int, billed: Int128, seed: Int128) {
    var (head, billed, seed) = (rollingHead, rollingBilled, rollingSeed)
    while head < rolling.count, rolling[head].time <= now - configuration.rollingWindow {
      billed -= Int128(rolling[head].billed.picoUSD)
      seed -= Int128(rolling[head].seed.picoUSD)
      head += 1
    }
    return (head, billed, seed)
  }

  private mutating func apply(_ change: (inout UsageTotals) -> Void) {
    change(&run)
    change(&session)
    change(&unsaved)
  }

  private mutating func note(_ now: Micros) {
    if firstTime == nil { firstTime = now }
  }
}
