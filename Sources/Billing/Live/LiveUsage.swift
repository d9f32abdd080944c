/// Billed GPT-Live session time: what ``LivePriceCard/cost(of:)`` prices.
public struct LiveUsage: Sendable, Equatable, Hashable {
  /// Session time at the active rate, in microseconds.
  public var activeMicros: Int64
  /// Session time in standby (a WebRTC session with inference paused), in microseconds.
  public var standbyMicros: Int64
  /// WebRTC session creations that never ran: each bills the card's initialisation charge.
  public var abandonedCreations: Int64

  public init(activeMicros: Int64 = 0, standbyMicros: Int64 = 0, abandonedCreations: Int64 = 0) {
    self.activeMicros = activeMicros
    self.standbyMicros = standbyMicros
    self.abandonedCreations = abandonedCreations
  }

  /// All billed session time (active and standby).
  public var sessionMicros: Int64 { activeMicros + standbyMicros }
}

/// A GPT-Live bill by part.
public struct LiveBill: Sendable, Equatable, Hashable {
  public var active: Money
  public var standby: Money
  /// The initialisation time of abandoned WebRTC creations.
  public var initialization: Money
  /// `active + standby + initialization`.
  public var total: Money
  /// True when standby time was billed at the active rate because the model has no standby rate.
  public var standbyBilledAsActive: Bool

  public init(
    active: Money = .zero, standby: Money = .zero, initialization: Money = .zero, total: Money = .zero,
    standbyBilledAsActive: Bool = false
  ) {
    self.active = active
    self.standby = standby
    self.initialization = initialization
    self.total = total
    self.standbyBilledAsActive = standbyBilledAsActive
  }
}
