public import Billing
public import RealtimeEvents

/// Settings in machine files (forecast and plan shards): exact integers, names for enums.
///
/// Amounts are pico-dollars and times microseconds; the activity rule is written by name, so only
/// the named rules (``ActivityRule/named``) can be written.
extension GuardSettings: Codable {
  enum CodingKeys: String, CodingKey {
    // camelCase: shard files write their keys in snake case with the encoder's key strategy.
    case mode, idleTimeout = "idleTimeoutUs", checkInterval = "checkIntervalUs", activity, thresholds
    case alertAction, alertCheckInterval = "alertCheckIntervalUs", dailyBudget = "dailyBudgetPico"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let name = try c.decode(String.self, forKey: .activity)
    guard let activity = ActivityRule.named(name) else {
      throw DecodingError.dataCorruptedError(
        forKey: .activity, in: c, debugDescription: "unknown activity rule '\(name)'")
    }
    let interval = try c.decode(Micros.self, forKey: .checkInterval)
    let alertInterval = try c.decode(Micros.self, forKey: .alertCheckInterval)
    guard interval > 0, alertInterval > 0 else {
      throw DecodingError.dataCorruptedError(
        forKey: .checkInterval, in: c, debugDescription: "check intervals must be positive")
    }
    self.init(
      mode: try c.decode(GuardMode.self, forKey: .mode),
      idleTimeout: try c.decodeIfPresent(Micros.self, forKey: .idleTimeout), checkInterval: interval,
      activity: activity, thresholds: try c.decode([AlertPolicy.Threshold].self, forKey: .thresholds),
      alertAction: try c.decode(AlertActionKind.self, forKey: .alertAction),
      alertCheckInterval: alertInterval,
      dailyBudget: try c.decodeIfPresent(Int64.self, forKey: .dailyBudget).map(Money.init(picoUSD:)))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(mode, forKey: .mode)
    try c.encode(idleTimeout, forKey: .idleTimeout)
    try c.encode(checkInterval, forKey: .checkInterval)
    try c.encode(activity.name, forKey: .activity)
    try c.encode(thresholds, forKey: .thresholds)
    try c.encode(alertAction, forKey: .alertAction)
    try c.encode(alertCheckInterval, forKey: .alertCheckInterval)
    try c.encode(dailyBudget?.picoUSD, forKey: .dailyBudget)
  }
}

extension AlertPolicy.Threshold: Codable {
  enum CodingKeys: String, CodingKey {
    case window, level, amount = "amountPico"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let pico = try c.decode(Int64.self, forKey: .amount)
    guard pico >= 0 else {
      throw DecodingError.dataCorruptedError(
        forKey: .amount, in: c, debugDescription: "a threshold must not be negative")
    }
    self.init(
      window: try c.decode(UsageWindow.self, forKey: .window),
      level: try c.decode(AlertLevel.self, forKey: .level),
      amount: Money(picoUSD: pico))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(window, forKey: .window)
    try c.encode(level, forKey: .level)
    try c.encode(amount.picoUSD, forKey: .amount)
  }
}
