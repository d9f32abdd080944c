public import Billing

/// What GPT-Live sessions were billed over one window: session time by part and delegated backend
/// tokens. Zero for Realtime sessions.
public struct LiveTotals: Sendable, Equatable {
  /// Billed session time (as the API reported it) and abandoned WebRTC creations.
  public var usage = LiveUsage()
  /// The session-time bill by part.
  public var bill = LiveBill()
  /// Delegated backend tokens (priced and unpriced alike).
  public var backendTokens = BackendUsage(inputTokens: 0, outputTokens: 0)
  /// Their cost at the backend model's text prices (priced responses only).
  public var backendCost = Money.zero
  /// Backend responses with usage.
  public var backendResponses = 0
  /// Sessions whose final usage a `session.closed` confirmed.
  public var confirmedSessions = 0
  /// Usage reports seen (`session.usage.updated` and `session.closed` with usage).
  public var usageReports = 0

  public init() {}

  /// Session time plus backend tokens, saturating; `overflow` when the sum left the money range.
  public var total: (sum: Money, overflow: Bool) { bill.total.addingSaturated(backendCost) }

  /// Adds another window's totals; true when a money sum left the range (held at its end).
  @discardableResult
  public mutating func add(_ other: LiveTotals) -> Bool {
    usage.activeMicros = Self.plus(usage.activeMicros, other.usage.activeMicros)
    usage.standbyMicros = Self.plus(usage.standbyMicros, other.usage.standbyMicros)
    usage.abandonedCreations = Self.plus(usage.abandonedCreations, other.usage.abandonedCreations)
    var overflow = false
    func money(_ a: inout Money, _ b: Money) {
      let (sum, over) = a.addingSaturated(b)
      a = sum
      if over { overflow = true }
    }
    money(&bill.active, other.bill.active)
    money(&bill.standby, other.bill.standby)
    money(&bill.initialization, other.bill.initialization)
    money(&bill.total, other.bill.total)
    money(&backendCost, other.backendCost)
    bill.standbyBilledAsActive = bill.standbyBilledAsActive || other.bill.standbyBilledAsActive
    backendTokens.add(other.backendTokens)
    backendResponses += other.backendResponses
    confirmedSessions += other.confirmedSessions
    usageReports += other.usageReports
    return overflow
  }

  private static func plus(_ a: Int64, _ b: Int64) -> Int64 {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? .max : sum
  }
}
