public import Billing
public import RealtimeEvents
public import SessionGuard
public import Simulation

/// A fleet to plan for: device groups, the month, the account's usage tier and a monthly budget.
///
/// Read from a fleet file by ``FleetLoader`` (schema: docs/planning.md). Group scenarios are
/// already loaded and validated, so planning never fails on input.
public struct FleetSpec: Sendable, Equatable {
  /// A label for reports (the file name without `.yaml` unless `name:` is given).
  public var name: String
  /// The month to plan.
  public var month: PlanMonth
  /// The account's usage tier, 1–5 (DESIGN §1 rate limits).
  public var tier: Int
  /// The monthly budget the fleet must stay under.
  public var budget: Money
  /// The run seed: worlds and device months derive from it.
  public var seed: UInt64
  public var groups: [FleetGroup]
  /// Policy variants to compare with the groups' own policies; empty when no grid is given.
  public var grid: [FleetVariant]
  /// GPT-Live: the organisation's concurrent-session cap per GPT-Live model (`live_session_cap`),
  /// the binding limit of a GPT-Live fleet; nil when not set. Caps are per organisation and not
  /// published, so only the user can give one [OpenAI model pages gpt-live-1, gpt-live-1.1].
  public var liveSessionCap: Int?

  public init(
    name: String, month: PlanMonth, tier: Int, budget: Money, seed: UInt64 = 1, groups: [FleetGroup],
    grid: [FleetVariant] = [], liveSessionCap: Int? = nil
  ) {
    self.liveSessionCap = liveSessionCap
    self.name = name
    self.month = month
    self.tier = tier
    self.budget = budget
    self.seed = seed
    self.groups = groups
    self.grid = grid
  }

  /// Every device of every group.
  public var deviceCount: Int { groups.reduce(0) { $0 + $1.count } }

  /// The variants a plan runs: index 0 is the groups' own policies, then each grid point.
  public var variants: [FleetVariant] {
    [FleetVariant(label: FleetVariant.configuredLabel, policies: groups.map(\.policy))] + grid
  }
}

/// One group of identical devices.
public struct FleetGroup: Sendable, Equatable {
  public var name: String
  /// How many devices the group has.
  public var count: Int
  /// The scenario file as resolved (relative paths are taken from the fleet file's folder).
  public var scenarioPath: String
  public var scenario: Scenario
  /// Local time minus UTC, in minutes (UTC−5 is −300).
  public var utcOffsetMinutes: Int
  /// The group's policy (the scenario's own `policy:` when the group gives none).
  public var policy: GuardSettings

  public init(
    name: String, count: Int, scenarioPath: String, scenario: Scenario, utcOffsetMinutes: Int,
    policy: GuardSettings
  ) {
    self.name = name
    self.count = count
    self.scenarioPath = scenarioPath
    self.scenario = scenario
    self.utcOffsetMinutes = utcOffsetMinutes
    self.policy = policy
  }
}

/// A calendar month, `YYYY-MM`.
public struct PlanMonth: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
  public var year: Int
  public var month: Int

  public init(year: Int, month: Int) {
    precondition((1...12).contains(month), "month must be 1...12")
    self.year = year
    self.month = month
  }

  /// Parses `YYYY-MM`; nil otherwise.
  public init?(_ text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]),
      let month = Int(parts[1]), (1...12).contains(month), year >= 1
    else { return nil }
    self.init(year: year, month: month)
  }

  /// Days in the month (Gregorian leap years).
  public var days: Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  public var description: String {
    String(year) + "-" + (month < 10 ? "0" : "") + String(month)
  }
}

/// The policies a plan runs the fleet under: one per group, and a label for reports.
public struct FleetVariant: Sendable, Equatable {
  /// The label of the groups' own policies.
  public static let configuredLabel = "as configured"

  /// `as configured`, or the grid point's settings such as `timeout=5m check=30s`.
  public var label: String
  /// Each group's policy in this variant, in group order.
  public var policies: [GuardSettings]

  public init(label: String, policies: [GuardSettings]) {
    self.label = label
    self.policies = policies
  }
}
