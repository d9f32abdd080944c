/// The Realtime API's per-account rate limits by usage tier (DESIGN §1, from the model pages).
///
/// Each Response counts as one request and its whole context (input plus output tokens) counts
/// toward tokens per minute. Only Tier 1 has a requests-per-day limit. Concurrent sessions are not
/// published per tier; DESIGN §1 notes about 100 simultaneous sessions for Tier 5 at launch, which
/// reports show as a note, not a limit.
public struct RateLimitTier: Sendable, Equatable {
  public var tier: Int
  public var requestsPerMinute: Int64
  public var tokensPerMinute: Int64
  /// Requests per day; nil when the tier has no daily limit.
  public var requestsPerDay: Int64?

  public init(tier: Int, requestsPerMinute: Int64, tokensPerMinute: Int64, requestsPerDay: Int64? = nil) {
    self.tier = tier
    self.requestsPerMinute = requestsPerMinute
    self.tokensPerMinute = tokensPerMinute
    self.requestsPerDay = requestsPerDay
  }

  /// Tiers 1–5, DESIGN §1: T1 200 / 40k (RPD 1,000); T2 400 / 200k; T3 5,000 / 800k;
  /// T4 10,000 / 4M; T5 20,000 / 15M.
  public static let all: [RateLimitTier] = [
    RateLimitTier(tier: 1, requestsPerMinute: 200, tokensPerMinute: 40_000, requestsPerDay: 1_000),
    RateLimitTier(tier: 2, requestsPerMinute: 400, tokensPerMinute: 200_000),
    RateLimitTier(tier: 3, requestsPerMinute: 5_000, tokensPerMinute: 800_000),
    RateLimitTier(tier: 4, requestsPerMinute: 10_000, tokensPerMinute: 4_000_000),
    RateLimitTier(tier: 5, requestsPerMinute: 20_000, tokensPerMinute: 15_000_000),
  ]

  /// Simultaneous sessions reported for Tier 5 at launch (DESIGN §1): a note, not a published limit.
  public static let launchSessionsTier5 = 100

  /// The tier `number` (1–5).
  public static func tier(_ number: Int) -> RateLimitTier { all[number - 1] }

  /// Whether peaks of `rpm`, `tpm` and `rpd` requests per day fit this tier.
  public func holds(rpm: Int64, tpm: Int64, rpd: Int64) -> Bool {
    rpm <= requestsPerMinute && tpm <= tokensPerMinute && (requestsPerDay.map { rpd <= $0 } ?? true)
  }

  /// The smallest headroom of the limits, in % of each limit (negative when a limit is exceeded):
  /// `min((limit − peak) / limit × 100)` over RPM, TPM and (Tier 1) RPD.
  public func headroomPercent(rpm: Int64, tpm: Int64, rpd: Int64) -> Double {
    var values = [
      Double(requestsPerMinute - rpm) / Double(requestsPerMinute) * 100,
      Double(tokensPerMinute - tpm) / Double(tokensPerMinute) * 100,
    ]
    if let requestsPerDay { values.append(Double(requestsPerDay - rpd) / Double(requestsPerDay) * 100) }
    return values.min()!
  }

  /// What keeps this tier from serving peaks of `rpm`, `tpm`, `rpd` and `sessions` concurrent
  /// sessions, one phrase per limit exceeded, in that order; empty when the tier holds.
  ///
  /// Concurrent sessions are checked against ``launchSessionsTier5``, the only concurrency figure
  /// quoted: no tier is said to hold more simultaneous sessions than that.
  public func binding(rpm: Int64, tpm: Int64, rpd: Int64, sessions: Int64) -> [String] {
    var exceeded: [String] = []
    if rpm > requestsPerMinute { exceeded.append("requests/min \(rpm) > \(requestsPerMinute)") }
    if tpm > tokensPerMinute { exceeded.append("tokens/min \(tpm) > \(tokensPerMinute)") }
    if let requestsPerDay, rpd > requestsPerDay { exceeded.append("requests/day \(rpd) > \(requestsPerDay)") }
    if sessions > Int64(Self.launchSessionsTier5) {
      exceeded.append(
        "concurrent sessions \(sessions) > ~\(Self.launchSessionsTier5) (reported at Tier 5 launch; unpublished per tier)"
      )
    }
    return exceeded
  }

  /// The lowest tier whose limits hold; nil when even Tier 5's do not.
  public static func lowestHolding(rpm: Int64, tpm: Int64, rpd: Int64) -> RateLimitTier? {
    all.first { $0.holds(rpm: rpm, tpm: tpm, rpd: rpd) }
  }
}
