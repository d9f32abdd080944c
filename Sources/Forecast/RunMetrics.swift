public import Billing
public import RealtimeEvents

/// What one world produced under one policy: exact integers only, so shards merge exactly.
public struct RunMetrics: Sendable, Equatable, Codable {
  /// Billed cost per category (pico-dollars), response usage only.
  public var costByCategory: [Int64]
  /// Input-transcription cost (pico-dollars).
  public var transcriptionPico: Int64
  public var genuineTurns: Int
  public var noiseBursts: Int
  /// Responses billed, by what triggered them.
  public var responsesGenuine: Int
  public var responsesNoise: Int
  /// Server `idle_timeout_ms` re-prompts.
  public var responsesReprompt: Int
  public var idleDisconnects: Int
  public var reconnects: Int
  public var failedReconnects: Int
  /// Genuine turns that had to wait for a reconnect, and by how long each waited.
  public var delayedTurnLatencies: [Micros]
  /// Conversations whose earlier turns were lost to a context reset (idle disconnect or cap).
  public var conversationsWithMemoryLost: Int
  public var warningsFired: Int
  public var alertsFired: Int
  /// When the first alert fired, from the start of the world; nil when none did.
  public var firstAlertAt: Micros?
  /// Sessions the alert policy closed.
  public var budgetDisconnects: Int
  /// Simulated events processed, for throughput figures.
  public var events: Int
  /// GPT-Live: session time billed (pico-dollars), delegated backend tokens (pico-dollars), and the
  /// billed session time and its standby part (µs). Zero for Realtime runs.
  public var liveSessionPico: Int64 = 0
  public var liveBackendPico: Int64 = 0
  public var liveSessionMicros: Micros = 0
  public var liveStandbyMicros: Micros = 0

  public init(
    costByCategory: CategoryCosts = .zero, transcription: Money = .zero, genuineTurns: Int = 0,
    noiseBursts: Int = 0, responsesGenuine: Int = 0, responsesNoise: Int = 0, responsesReprompt: Int = 0,
    idleDisconnects: Int = 0, reconnects: Int = 0, failedReconnects: Int = 0,
    delayedTurnLatencies: [Micros] = [],
    conversationsWithMemoryLost: Int = 0, warningsFired: Int = 0, alertsFired: Int = 0,
    firstAlertAt: Micros? = nil,
    budgetDisconnects: Int = 0, events: Int = 0
  ) {
    self.costByCategory = costByCategory.values.map(\.picoUSD)
    self.transcriptionPico = transcription.picoUSD
    self.genuineTurns = genuineTurns
    self.noiseBursts = noiseBursts
    self.responsesGenuine = responsesGenuine
    self.responsesNoise = responsesNoise
    self.responsesReprompt = responsesReprompt
    self.idleDisconnects = idleDisconnects
    self.reconnects = reconnects
    self.failedReconnects = failedReconnects
    self.delayedTurnLatencies = delayedTurnLatencies
    self.conversationsWithMemoryLost = conversationsWithMemoryLost
    self.warningsFired = warningsFired
    self.alertsFired = alertsFired
    self.firstAlertAt = firstAlertAt
    self.budgetDisconnects = budgetDisconnects
    self.events = events
  }

  /// Cost per category as money.
  public var categoryCosts: CategoryCosts {
    var costs = CategoryCosts.zero
    for (index, category) in TokenCategory.allCases.enumerated() where index < costByCategory.count {
      costs[category] = Money(picoUSD: costByCategory[index])
    }
    return costs
  }

  /// Everything billed: responses and transcription, or GPT-Live session time and backend tokens.
  public var total: Money {
    categoryCosts.total + Money(picoUSD: transcriptionPico) + Money(picoUSD: liveSessionPico)
      + Money(picoUSD: liveBackendPico)
  }

  enum CodingKeys: String, CodingKey {
    case costByCategory, transcriptionPico, genuineTurns, noiseBursts, responsesGenuine, responsesNoise
    case responsesReprompt, idleDisconnects, reconnects, failedReconnects, delayedTurnLatencies
    case conversationsWithMemoryLost, warningsFired, alertsFired, firstAlertAt, budgetDisconnects, events
    case liveSessionPico, liveBackendPico, liveSessionMicros, liveStandbyMicros
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    costByCategory = try c.decode([Int64].self, forKey: .costByCategory)
    transcriptionPico = try c.decode(Int64.self, forKey: .transcriptionPico)
    genuineTurns = try c.decode(Int.self, forKey: .genuineTurns)
    noiseBursts = try c.decode(Int.self, forKey: .noiseBursts)
    responsesGenuine = try c.decode(Int.self, forKey: .responsesGenuine)
    responsesNoise = try c.decode(Int.self, forKey: .responsesNoise)
    responsesReprompt = try c.decode(Int.self, forKey: .responsesReprompt)
    idleDisconnects = try c.decode(Int.self, forKey: .idleDisconnects)
    reconnects = try c.decode(Int.self, forKey: .reconnects)
    failedReconnects = try c.decode(Int.self, forKey: .failedReconnects)
    delayedTurnLatencies = try c.decode([Micros].self, forKey: .delayedTurnLatencies)
    conversationsWithMemoryLost = try c.decode(Int.self, forKey: .conversationsWithMemoryLost)
    warningsFired = try c.decode(Int.self, forKey: .warningsFired)
    alertsFired = try c.decode(Int.self, forKey: .alertsFired)
    firstAlertAt = try c.decodeIfPresent(Micros.self, forKey: .firstAlertAt)
    budgetDisconnects = try c.decode(Int.self, forKey: .budgetDisconnects)
    events = try c.decode(Int.self, forKey: .events)
    liveSessionPico = try c.decode(Int64.self, forKey: .liveSessionPico)
    liveBackendPico = try c.decode(Int64.self, forKey: .liveBackendPico)
    liveSessionMicros = try c.decode(Micros.self, forKey: .liveSessionMicros)
    liveStandbyMicros = try c.decode(Micros.self, forKey: .liveStandbyMicros)
  }
}
