/// Exact integer sums of a fleet's sampled months: what a shard computes and `merge` adds up.
///
/// Costs are kept per month, group and day; the per-minute profiles (UTC minutes of the month)
/// are kept for the profile month only (month 0). Every field is an integer sum, so adding the
/// tallies of disjoint device sets gives exactly the tally of their union, in any order.
public struct CapacityTally: Sendable, Equatable, Codable {
  public var months: Int
  public var groups: Int
  public var days: Int
  /// Pico-dollars at `(month · groups + group) · days + day` (each device's local calendar day).
  public var dailyCostPico: [Int64]
  /// Sessions open during each UTC minute of the profile month.
  public var sessions: [Int32]
  /// Requests (responses created) in each UTC minute of the profile month.
  public var requests: [Int32]
  /// Whole-context tokens of the requests of each UTC minute of the profile month.
  public var tokens: [Int64]
  /// GPT-Live sessions open during each UTC minute of the profile month, per GPT-Live model
  /// (model-major, `liveModels × minutes`; empty for a Realtime fleet).
  public var liveSessions: [Int32]
  /// GPT-Live models the tally counts sessions of.
  public var liveModels: Int
  /// Devices tallied, per group.
  public var devices: [Int]
  /// Set when a group's daily cost left the exact money range (±$9.2M a day); the planner refuses
  /// such a tally instead of printing a wrapped number.
  public var overflowed = false

  /// An empty tally.
  public init(months: Int, groups: Int, days: Int, liveModels: Int = 0) {
    self.liveModels = liveModels
    liveSessions = Array(repeating: 0, count: liveModels * days * FleetDeviceDays.minutesPerDay)
    self.months = months
    self.groups = groups
    self.days = days
    dailyCostPico = Array(repeating: 0, count: months * groups * days)
    let minutes = days * FleetDeviceDays.minutesPerDay
    sessions = Array(repeating: 0, count: minutes)
    requests = Array(repeating: 0, count: minutes)
    tokens = Array(repeating: 0, count: minutes)
    devices = Array(repeating: 0, count: groups)
  }

  /// Adds another tally of the same shape.
  public mutating func add(_ other: CapacityTally) {
    precondition(
      months == other.months && groups == other.groups && days == other.days
        && liveModels == other.liveModels, "tally shapes differ")
    for index in liveSessions.indices { liveSessions[index] += other.liveSessions[index] }
    for index in dailyCostPico.indices {
      let (sum, overflow) = dailyCostPico[index].addingReportingOverflow(other.dailyCostPico[index])
      dailyCostPico[index] = sum
      overflowed = overflowed || overflow || other.overflowed
    }
    for index in sessions.indices {
      sessions[index] += other.sessions[index]
      requests[index] += other.requests[index]
      tokens[index] += other.tokens[index]
    }
    for index in devices.indices { devices[index] += other.devices[index] }
  }

  /// The cost of `group` on `day` of `month`.
  public func cost(month: Int, group: Int, day: Int) -> Int64 {
    dailyCostPico[(month * groups + group) * days + day]
  }
}
