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
  /// Billed tokens per category (response usage), in ``TokenCategory`` order.
  public var tokensByCategory: [Int64]
  /// The response cost had nothing been cached (pico-dollars): the never-cached bound.
  public var neverCachedPico: Int64
  /// The response cost had every response been served all an exact-prefix cache could (the whole
  /// previous input, else the prompt): the always-cached bound (pico-dollars).
  public var alwaysCachedPico: Int64
  /// GPT-Live: session time billed (pico-dollars), delegated backend tokens (pico-dollars), and the
  /// billed session time and its standby part (µs). Zero for Realtime runs.
  public var liveSessionPico: Int64 = 0
  public var liveBackendPico: Int64 = 0
  public var liveSessionMicros: Micros = 0
  public var liveStandbyMicros: Micros = 0
  /// The usage behind ``transcriptionPico`` and ``liveBackendPico``, so that a cost snapshot can
  /// price it again with other cards: the audio a duration-billed model transcribed (µs), the
  /// audio-in and text-out tokens of a token-billed one, and the backend tokens (input, its cached
  /// part, output). Zero where nothing was priced.
  public var transcriptionMicros: Micros = 0
  public var transcriptionAudioTokens: Int64 = 0
  public var transcriptionTextTokens: Int64 = 0
  public var backendInputTokens: Int64 = 0
  public var backendCachedTokens: Int64 = 0
  public var backendOutputTokens: Int64 = 0

  public init(
    costByCategory: CategoryCosts = .zero, transcription: Money = .zero, genuineTurns: Int = 0,
    noiseBursts: Int = 0, responsesGenuine: Int = 0, responsesNoise: Int = 0, responsesReprompt: Int = 0,
    idleDisconnects: Int = 0, reconnects: Int = 0, failedReconnects: Int = 0,
    delayedTurnLatencies: [Micros] = [],
    conversationsWithMemoryLost: Int = 0, warningsFired: Int = 0, alertsFired: Int = 0,
    firstAlertAt: Micros? = nil,
    budgetDisconnects: Int = 0, events: Int = 0, neverCached: Money? = nil, alwaysCached: Money? = nil,
    tokens: TokenCounts = .zero
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
    self.tokensByCategory = tokens.values
    // Without bounds (a run whose cache is not modelled), both are the billed response cost.
    self.neverCachedPico = (neverCached ?? costByCategory.total).picoUSD
    self.alwaysCachedPico = (alwaysCached ?? costByCategory.total).picoUSD
  }

  /// Cost per category as money.
  public var categoryCosts: CategoryCosts {
    var costs = CategoryCosts.zero
    for (index, category) in TokenCategory.allCases.enumerated() where index < costByCategory.count {
      costs[category] = Money(picoUSD: costByCategory[index])
    }
    return costs
  }

  /// Responses billed, whatever triggered them: the requests a usage export counts.
  public var requests: Int { responsesGenuine + responsesNoise + responsesReprompt }

  /// Billed tokens as counts per category.
  public var tokens: TokenCounts {
    var counts = TokenCounts.zero
    for (index, category) in TokenCategory.allCases.enumerated() where index < tokensByCategory.count {
      counts[category] = tokensByCategory[index]
    }
    return counts
  }

  /// Everything billed: responses and transcription, or GPT-Live session time and backend tokens.
  public var total: Money {
    categoryCosts.total + Money(picoUSD: transcriptionPico) + Money(picoUSD: liveSessionPico)
      + Money(picoUSD: liveBackendPico)
  }

  /// Everything billed had nothing been cached, and had everything an exact-prefix cache can serve
  /// been cached (transcription included in both): the range the cache model moves ``total`` in.
  public var cacheBounds: (alwaysCached: Money, neverCached: Money) {
    let transcription = Money(picoUSD: transcriptionPico)
    return (Money(picoUSD: alwaysCachedPico) + transcription, Money(picoUSD: neverCachedPico) + transcription)
  }
}
