public import Billing
public import RealtimeEvents

/// Meters what a Realtime session costs: billed usage, transcription, and the seed's estimate.
///
/// A pure value type: events and times go in, nothing is read or written. The authoritative meter
/// prices every `response.done` usage block with the model's ``Billing/PriceCard``; transcription
/// usage is priced from its own card; the original design's duration meter runs beside them as
/// ``SeedEstimate``. Totals are kept per session, per rolling hour, per UTC day and for the lifetime
/// (which starts from what the stats file held), plus an unsaved delta for ``UsageStore``.
///
/// In seed mode the amounts handed to alerts (``snapshot(at:)``) are the seed estimate, and the
/// session amount is the lifetime amount, because the seed's `get_session_cost` ignored the session
/// (defect 9). The meters themselves are the same in both modes.
public struct UsageTracker: Sendable {
  /// What the tracker prices with and how it maps time onto calendar days.
  public struct Configuration: Sendable, Equatable {
    public var mode: GuardMode
    /// The price card of the session's model.
    public var priceCard: PriceCard
    /// The input transcription model's card; nil when transcription is off or unpriced.
    public var transcriptionCard: TranscriptionPriceCard?
    /// Unix time in microseconds at time 0, so that days are UTC calendar days.
    public var epochAtZero: Micros
    /// The length of the rolling window.
    public var rollingWindow: Micros

    public init(
      mode: GuardMode = .real, priceCard: PriceCard, transcriptionCard: TranscriptionPriceCard? = nil,
      epochAtZero: Micros = 0, rollingWindow: Micros = 3_600 * Micros.perSecond
    ) {
      self.mode = mode
      self.priceCard = priceCard
      self.transcriptionCard = transcriptionCard
      self.epochAtZero = epochAtZero
      self.rollingWindow = rollingWindow
    }
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
  private var dayIndex: Int64?
  private var dayBilled = Money.zero
  private var daySeed = Money.zero
  private var lastSeedCost = Money.zero
  private var requestedCallIDs: Set<String> = []

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
    case .sessionCreated(let config), .sessionUpdated(let config), .sessionUpdate(let config):
      if case .sessionCreated = event, sessionOpenSince == nil { startSession(at: now) }
      if let format = config.inputAudioFormat { inputFormat = format }
      if let format = config.outputAudioFormat { outputFormat = format }
    case .inputAudioAppend(let bytes):
      let micros = bytes * Micros.perSecond / inputFormat.bytesPerSecond
      apply {
        $0.inputAudioBytes += bytes
        $0.inputAudioMicros += micros
      }
    case .outputAudioDelta(let bytes):
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
      guard let usage else { return }
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
    var hourBilled = Money.zero
    var hourSeed = Money.zero
    for entry in rolling[rollingHead...] where entry.time > now - configuration.rollingWindow {
      hourBilled = hourBilled.addingSaturated(entry.billed).sum
      hourSeed = hourSeed + entry.seed
    }
    let sameDay = dayIndex == today
    let lifetime = seed ? lifetimeSeedEstimate : lifetimeBilled
    return UsageSnapshot(
      time: now, mode: configuration.mode,
      session: seed ? lifetime : session.billed,
      rollingHour: seed ? hourSeed : hourBilled,
      day: sameDay ? (seed ? daySeed : dayBilled) : .zero,
      lifetime: lifetime, sessionNumber: sessionNumber, dayIndex: today, dayEnd: dayEnd,
      rollingSpan: min(configuration.rollingWindow, now - (firstTime ?? now)))
  }

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
      do {
        let priced = try configuration.priceCard.price(usage)
        totals.tokens = priced.tokens
        totals.costs = priced.costs
        billed = priced.total
        if !priced.warnings.isEmpty {
          totals.pricingWarnings = 1
          let text = priced.warnings.map(\.description).joined(separator: "; ")
          issues.append(Issue(time: now, message: text, unpriced: false))
        }
      } catch {
        totals.unpricedResponses = 1
        issues.append(Issue(time: now, message: error.description, unpriced: true))
      }
    }
    if done.status == .cancelled && billed > .zero { totals.responses.cancelledBilled = 1 }
    apply { $0.add(totals) }
    addToWindows(at: now, billed: billed)
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
    while rollingHead < rolling.count, rolling[rollingHead].time <= now - configuration.rollingWindow {
      rollingHead += 1
    }
    if rollingHead > 1_024 && rollingHead * 2 > rolling.count {
      rolling.removeFirst(rollingHead)
      rollingHead = 0
    }
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
