/// The prices of one GPT-Live model (`/v1/live/sessions`) from one date: session time, not tokens.
///
/// GPT-Live bills every second a session is open at the **active** rate (speech, silence until an
/// idle timeout, waiting for backend work); gpt-live-1.1 adds a lower **standby** rate for WebRTC
/// sessions while inference is paused. Creating a WebRTC session bills ``initializationCharge`` of
/// active time while it initialises, credited once the session runs, so only abandoned creations
/// pay it. Reasoning and tools run on a backend Responses model whose tokens are billed separately
/// at that model's text prices (``PriceCard/cost(ofBackend:)``) [DESIGN §7.4; OpenAI model pages
/// gpt-live-1, gpt-live-1.1; developers.openai.com/api/docs/guides/voice-latency-cost].
public struct LivePriceCard: Sendable, Equatable {
  public var model: String
  public var effectiveFrom: CalendarDay
  /// USD per minute of active session time.
  public var activePerMinute: Money
  /// USD per minute of standby time; nil when the model has no standby state (its paused time, if a
  /// recording reports any, is billed at the active rate and the bill says so).
  public var standbyPerMinute: Money?
  /// Session time billed for a WebRTC creation that never runs (15 s at the launch).
  public var initializationCharge: Int64
  public var source: String
  public var released: CalendarDay?
  public var shutdown: ModelShutdown?
  /// The surcharge in percent on data-residency endpoints; nil when none applies.
  public var residencyUpliftPercent: Int?
  /// Whether ``residencyUpliftPercent`` has been applied to the rates.
  public var isDataResidencyPriced: Bool

  /// The WebRTC initialisation time billed for an abandoned creation at the launch: 15 s
  /// [developers.openai.com/api/docs/guides/voice-latency-cost].
  public static let launchInitializationCharge: Int64 = 15_000_000

  public init(
    model: String, effectiveFrom: CalendarDay, activePerMinute: Money, standbyPerMinute: Money? = nil,
    initializationCharge: Int64 = LivePriceCard.launchInitializationCharge, source: String,
    released: CalendarDay? = nil, shutdown: ModelShutdown? = nil, residencyUpliftPercent: Int? = nil,
    isDataResidencyPriced: Bool = false
  ) {
    self.model = model
    self.effectiveFrom = effectiveFrom
    self.activePerMinute = activePerMinute
    self.standbyPerMinute = standbyPerMinute
    self.initializationCharge = initializationCharge
    self.source = source
    self.released = released
    self.shutdown = shutdown
    self.residencyUpliftPercent = residencyUpliftPercent
    self.isDataResidencyPriced = isDataResidencyPriced
  }

  /// The session time billed for a session that ran for `running` microseconds: a WebRTC session
  /// pays at least its initialisation charge (the 15 s billed at creation are credited against the
  /// running time, never refunded); a WebSocket session pays its running time.
  public func billedSessionTime(running: Int64, webRTC: Bool) -> Int64 {
    webRTC ? max(initializationCharge, running) : running
  }

  /// The bill for `usage`: each part rounded half up to the pico-dollar once, the total their sum.
  ///
  /// - Throws: ``LivePricingError/implausible(model:)`` for negative time or a bill beyond the
  ///   exact money range.
  public func cost(of usage: LiveUsage) throws(LivePricingError) -> LiveBill {
    guard usage.activeMicros >= 0, usage.standbyMicros >= 0, usage.abandonedCreations >= 0 else {
      throw .implausible(model: model)
    }
    let (initializationMicros, overflow) = initializationCharge.multipliedReportingOverflow(
      by: usage.abandonedCreations)
    guard !overflow,
      let active = DurationPricing.cost(of: usage.activeMicros, atPerMinute: activePerMinute),
      let standby = DurationPricing.cost(
        of: usage.standbyMicros, atPerMinute: standbyPerMinute ?? activePerMinute),
      let initialization = DurationPricing.cost(of: initializationMicros, atPerMinute: activePerMinute),
      let partial = try? active.adding(standby), let total = try? partial.adding(initialization)
    else { throw .implausible(model: model) }
    return LiveBill(
      active: active, standby: standby, initialization: initialization, total: total,
      standbyBilledAsActive: standbyPerMinute == nil && usage.standbyMicros > 0)
  }
}

/// Why a GPT-Live usage could not be priced.
public enum LivePricingError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Negative time, or a bill beyond the exact money range.
  case implausible(model: String)

  public var description: String {
    switch self {
    case .implausible(let model):
      "a \(model) session usage is negative or costs more than rtcost's exact money range "
        + "(about $9.2M): the usage or the price is not plausible"
    }
  }
}
