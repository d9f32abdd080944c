public import Billing
internal import Forecast

/// Two snapshots compared: recordings exactly, forecasts world by world on the same seeds.
///
/// Each change is split by re-pricing, in this order:
/// 1. **price book** (or **model**, when the model differs): the head's usage at the head's prices
///    minus the same usage at the base's prices;
/// 2. **policy**, only when the deployed policy's label differs: how much more the head's policy
///    adds over its own baseline than the base's policy did over its baseline, at the base's prices;
/// 3. **workload**: the rest, the head's usage at the base's prices against the base's bill.
/// The components of a change add up to it exactly (per world, in pico-dollars). Usage billed
/// other than per response token (transcription, GPT-Live session time and backend tokens) is
/// re-priced from the snapshot's ``SnapshotMeter``s; a snapshot written before meters were kept,
/// or a card without a rate some usage needs, leaves that entry un-repriced (its whole change is
/// workload).
public struct SnapshotDiff: Sendable, Equatable {
  /// What a change is attributed to.
  public enum Component: String, Sendable, Equatable, CaseIterable {
    case priceBook = "price_book"
    case policy
    case workload
    case model
  }

  /// A paired mean over worlds (USD per device-day) with its 95% interval.
  public struct Estimate: Sendable, Equatable {
    public var mean: Double
    public var interval: ClosedRange<Double>

    /// The mean and Student-t interval of `values`.
    public init(_ values: [Double]) {
      mean = Statistics.mean(values) ?? 0
      interval = Statistics.meanInterval95(values) ?? 0...0
    }
  }

  /// Whether an entry is in both snapshots.
  public enum Presence: String, Sendable, Equatable {
    case both, added, removed
  }

  /// A recording's change, exact.
  public struct RecordingChange: Sendable, Equatable {
    public var name: String
    public var presence: Presence
    public var basePico: Int128
    public var headPico: Int128
    public var deltaPico: Int128 { headPico - basePico }
    /// Every component, in ``Component`` order (zero where nothing moved).
    public var components: [(component: Component, pico: Int128)]

    public static func == (lhs: RecordingChange, rhs: RecordingChange) -> Bool {
      lhs.name == rhs.name && lhs.presence == rhs.presence && lhs.basePico == rhs.basePico
        && lhs.headPico == rhs.headPico && lhs.components.map(\.component) == rhs.components.map(\.component)
        && lhs.components.map(\.pico) == rhs.components.map(\.pico)
    }
  }

  /// A forecast's change on the deployed policy, paired over worlds (USD per device-day).
  public struct ForecastChange: Sendable, Equatable {
    public var scenario: String
    public var presence: Presence
    public var baseLabel: String
    public var headLabel: String
    public var baseMean: Double
    public var headMean: Double
    public var delta: Estimate
    public var worlds: Int
    public var seed: UInt64
    public var components: [(component: Component, estimate: Estimate)]

    /// The change as a percentage of the base's mean (0 when the base costs nothing).
    public func percent(_ value: Double) -> Double { baseMean > 0 ? value / baseMean * 100 : 0 }

    public static func == (lhs: ForecastChange, rhs: ForecastChange) -> Bool {
      lhs.scenario == rhs.scenario && lhs.presence == rhs.presence && lhs.baseMean == rhs.baseMean
        && lhs.headMean == rhs.headMean && lhs.delta == rhs.delta
        && lhs.components.map(\.component) == rhs.components.map(\.component)
        && lhs.components.map(\.estimate) == rhs.components.map(\.estimate)
    }
  }

  public var recordings: [RecordingChange]
  public var forecasts: [ForecastChange]
  /// Fleet plans, paired month by month: the same shape as a forecast's change, in USD per month
  /// of the whole fleet, with ``ForecastChange/worlds`` counting the sampled months.
  public var plans: [ForecastChange]

  /// Compares `base` with `head`; entries pair by name (recordings) and scenario (forecasts), in
  /// the head's order, then the base's removed ones.
  public init(base: BreakdownSnapshot, head: BreakdownSnapshot) throws(SnapshotError) {
    recordings = head.recordings.map { recording in
      guard let old = base.recordings.first(where: { $0.name == recording.name }) else {
        return Self.added(recording.name, Int128(recording.totalPico))
      }
      return Self.compare(old, recording)
    }
    recordings += base.recordings.filter { old in !head.recordings.contains { $0.name == old.name } }.map {
      let pico = Int128($0.totalPico)
      return RecordingChange(
        name: $0.name, presence: .removed, basePico: pico, headPico: 0,
        components: Component.allCases.map { ($0, $0 == .workload ? -pico : 0) })
    }
    var forecasts: [ForecastChange] = []
    for forecast in head.forecasts {
      if let old = base.forecasts.first(where: { $0.scenario == forecast.scenario }) {
        forecasts.append(try Self.compare(old, forecast))
      } else {
        forecasts.append(Self.unpaired(forecast, presence: .added))
      }
    }
    for old in base.forecasts where !head.forecasts.contains(where: { $0.scenario == old.scenario }) {
      forecasts.append(Self.unpaired(old, presence: .removed))
    }
    self.forecasts = forecasts
    var plans: [ForecastChange] = []
    let basePlans = base.plans ?? []
    for plan in head.plans ?? [] {
      if let old = basePlans.first(where: { $0.fleet == plan.fleet }) {
        plans.append(try Self.compare(old, plan))
      } else {
        plans.append(Self.unpaired(plan, presence: .added))
      }
    }
    for old in basePlans where !(head.plans ?? []).contains(where: { $0.fleet == old.fleet }) {
      plans.append(Self.unpaired(old, presence: .removed))
    }
    self.plans = plans
  }

  /// The billing categories in ``Billing/TokenCategory`` order, as snapshot keys.
  static let categoryNames = TokenCategory.allCases.map(\.rawValue)

  private static func added(_ name: String, _ pico: Int128) -> RecordingChange {
    RecordingChange(
      name: name, presence: .added, basePico: 0, headPico: pico,
      components: Component.allCases.map { ($0, $0 == .workload ? pico : 0) })
  }

  /// Σ tokens × rates; nil when a category with tokens has no rate.
  static func tokenCost(_ tokens: [Int64], _ rates: BreakdownSnapshot.Rates) -> Int128? {
    var total = Int128(0)
    for (index, category) in categoryNames.enumerated() where index < tokens.count {
      guard tokens[index] != 0 else { continue }
      guard let rate = rates[category] else { return nil }
      total += Int128(tokens[index]) * Int128(rate)
    }
    return total
  }

  /// Σ meter quantities × rates; nil when a meter with usage has no rate.
  static func meterCost(_ meters: [Int64]?, _ rates: BreakdownSnapshot.Rates?) -> Int128? {
    guard let meters else { return 0 }
    var total = Int128(0)
    for (meter, quantity) in zip(SnapshotMeter.allCases, meters) where quantity != 0 {
      guard let rate = rates?[meter.rawValue], let cost = meter.cost(quantity, rate: rate) else { return nil }
      total += cost
    }
    return total
  }

  /// The bill of `tokens`, `meters` and `total` (at `own` rates) re-priced at `other` rates: the
  /// token and meter parts re-priced, the rest kept. Nil when either side lacks a rate the usage
  /// needs.
  static func repriced(
    total: Int64, tokens: [Int64], own: BreakdownSnapshot.Rates, other: BreakdownSnapshot.Rates,
    meters: [Int64]? = nil, ownMeters: BreakdownSnapshot.Rates? = nil,
    otherMeters: BreakdownSnapshot.Rates? = nil
  ) -> Int128? {
    guard let atOwn = tokenCost(tokens, own), let atOther = tokenCost(tokens, other),
      let metersAtOwn = meterCost(meters, ownMeters), let metersAtOther = meterCost(meters, otherMeters)
    else { return nil }
    return Int128(total) - atOwn - metersAtOwn + atOther + metersAtOther
  }

  private static func compare(
    _ base: BreakdownSnapshot.Recording, _ head: BreakdownSnapshot.Recording
  ) -> RecordingChange {
    let tokens = categoryNames.map { head.tokens[$0] ?? 0 }
    let meters = head.meters.map { meters in SnapshotMeter.allCases.map { meters[$0.rawValue] ?? 0 } }
    let atBase =
      repriced(
        total: head.totalPico, tokens: tokens, own: head.ratesPico, other: base.ratesPico, meters: meters,
        ownMeters: head.meterRatesPico, otherMeters: base.meterRatesPico)
      ?? Int128(head.totalPico)
    let price = Int128(head.totalPico) - atBase
    let workload = atBase - Int128(base.totalPico)
    let priceComponent: Component = base.model == head.model ? .priceBook : .model
    return RecordingChange(
      name: head.name, presence: .both, basePico: Int128(base.totalPico), headPico: Int128(head.totalPico),
      components: Component.allCases.map { component in
        (component, component == priceComponent ? price : component == .workload ? workload : 0)
      })
  }

  private static func compare(
    _ base: BreakdownSnapshot.Forecast, _ head: BreakdownSnapshot.Forecast
  ) throws(SnapshotError) -> ForecastChange {
    guard base.seed == head.seed, base.worlds == head.worlds, base.horizonMicros == head.horizonMicros,
      base.deployed.perWorld.count == head.deployed.perWorld.count,
      base.baseline.perWorld.count == head.baseline.perWorld.count,
      head.deployed.perWorld.count == head.baseline.perWorld.count
    else {
      throw SnapshotError(
        "\(head.scenario): the forecasts cannot be paired (base: seed \(base.seed), \(base.worlds) worlds, "
          + "head: seed \(head.seed), \(head.worlds) worlds, or another horizon); "
          + "run both breakdowns with the same --seed, --worlds and horizon")
    }
    let scale = 1 / Double(Money.picoPerUSD) / head.days
    func usd(_ pico: Int128) -> Double { Double(pico) * scale }
    func atBase(_ world: BreakdownSnapshot.WorldCost) -> Int128 {
      repriced(
        total: world.totalPico, tokens: world.tokens, own: head.ratesPico, other: base.ratesPico,
        meters: world.meters, ownMeters: head.meterRatesPico, otherMeters: base.meterRatesPico)
        ?? Int128(world.totalPico)
    }
    let policyChanged = base.deployed.label != head.deployed.label
    var deltas: [Double] = []
    var parts: [Component: [Double]] = [:]
    for world in 0..<head.deployed.perWorld.count {
      let hp = head.deployed.perWorld[world]
      let h0 = head.baseline.perWorld[world]
      let bp = Int128(base.deployed.perWorld[world].totalPico)
      let b0 = Int128(base.baseline.perWorld[world].totalPico)
      let price = Int128(hp.totalPico) - atBase(hp)
      let policy = policyChanged ? (atBase(hp) - atBase(h0)) - (bp - b0) : 0
      let workload = policyChanged ? atBase(h0) - b0 : atBase(hp) - bp
      deltas.append(usd(Int128(hp.totalPico) - bp))
      parts[base.model == head.model ? .priceBook : .model, default: []].append(usd(price))
      parts[.policy, default: []].append(usd(policy))
      parts[.workload, default: []].append(usd(workload))
    }
    let zero = Array(repeating: 0.0, count: deltas.count)
    return ForecastChange(
      scenario: head.scenario, presence: .both, baseLabel: base.deployed.label,
      headLabel: head.deployed.label,
      baseMean: mean(base.deployed, days: base.days), headMean: mean(head.deployed, days: head.days),
      delta: Estimate(deltas), worlds: head.worlds, seed: head.seed,
      components: Component.allCases.map { ($0, Estimate(parts[$0] ?? zero)) })
  }

  private static func unpaired(_ forecast: BreakdownSnapshot.Forecast, presence: Presence) -> ForecastChange {
    unpaired(
      forecast.scenario, label: forecast.deployed.label, mean: mean(forecast.deployed, days: forecast.days),
      count: forecast.worlds, seed: forecast.seed, presence: presence)
  }

  /// An entry in one snapshot only: all of it workload, added or removed.
  private static func unpaired(
    _ name: String, label: String, mean value: Double, count: Int, seed: UInt64, presence: Presence
  ) -> ForecastChange {
    let signed = presence == .added ? value : -value
    return ForecastChange(
      scenario: name, presence: presence, baseLabel: presence == .added ? "" : label,
      headLabel: presence == .added ? label : "",
      baseMean: presence == .added ? 0 : value, headMean: presence == .added ? value : 0,
      delta: Estimate([signed]), worlds: count, seed: seed,
      components: Component.allCases.map { ($0, Estimate([$0 == .workload ? signed : 0])) })
  }

  /// Two plans compared month by month. A group's bill is re-priced with the mix of usage of its
  /// device-day library: each month's bill of the group scales by what the library's usage costs
  /// at the base's cards against what it cost at the head's (exact when every day has the same
  /// mix; the price part is otherwise an estimate, and the parts still add up to the change).
  private static func compare(
    _ base: BreakdownSnapshot.Plan, _ head: BreakdownSnapshot.Plan
  ) throws(SnapshotError) -> ForecastChange {
    let groups = head.groups.count
    let shapesMatch =
      [base.deployed, base.baseline, head.deployed, head.baseline].allSatisfy { policy in
        policy.perMonth.count == head.months && policy.perMonth.allSatisfy { $0.count == groups }
          && policy.libraries.count == groups
      }
    guard base.seed == head.seed, base.months == head.months, base.worlds == head.worlds,
      base.worldDays == head.worldDays, base.month == head.month, base.groups.count == groups,
      zip(base.groups, head.groups).allSatisfy({ $0.name == $1.name && $0.devices == $1.devices }),
      shapesMatch
    else {
      throw SnapshotError(
        "\(head.fleet): the plans cannot be paired (base: seed \(base.seed), \(base.months) months of "
          + "\(base.month), head: seed \(head.seed), \(head.months) months of \(head.month), or other "
          + "groups or library sizes); run both breakdowns with the same fleet groups, --seed and options")
    }
    /// Per group, the base's cost of the head library's usage over its cost at the head's cards.
    func ratios(_ policy: BreakdownSnapshot.PlanPolicy) -> [(num: Int128, den: Int128)] {
      (0..<groups).map { group in
        let library = policy.libraries[group]
        let cost = Int128(library.costPico)
        guard cost > 0,
          let atBase = repriced(
            total: library.costPico, tokens: library.tokens, own: head.groups[group].ratesPico,
            other: base.groups[group].ratesPico, meters: library.meters,
            ownMeters: head.groups[group].meterRatesPico, otherMeters: base.groups[group].meterRatesPico)
        else { return (1, 1) }
        return (atBase, cost)
      }
    }
    func atBase(_ month: [Int64], _ ratios: [(num: Int128, den: Int128)]) -> Int128 {
      zip(month, ratios).reduce(Int128(0)) { sum, pair in
        let (bill, ratio) = pair
        if ratio.num == ratio.den { return sum + Int128(bill) }
        let (product, overflow) = Int128(bill).multipliedReportingOverflow(by: ratio.num)
        guard !overflow else {
          return sum + Int128((Double(bill) * Double(ratio.num) / Double(ratio.den)).rounded())
        }
        return sum + (product + ratio.den / 2) / ratio.den
      }
    }
    func total(_ month: [Int64]) -> Int128 { month.reduce(Int128(0)) { $0 + Int128($1) } }
    let deployedRatios = ratios(head.deployed)
    let baselineRatios = ratios(head.baseline)
    let policyChanged = base.deployed.label != head.deployed.label
    let modelChanged = zip(base.groups, head.groups).contains { $0.model != $1.model }
    let scale = 1 / Double(Money.picoPerUSD)
    func usd(_ pico: Int128) -> Double { Double(pico) * scale }
    var deltas: [Double] = []
    var parts: [Component: [Double]] = [:]
    for month in 0..<head.months {
      let hp = head.deployed.perMonth[month]
      let h0 = head.baseline.perMonth[month]
      let bp = total(base.deployed.perMonth[month])
      let b0 = total(base.baseline.perMonth[month])
      let hpAtBase = atBase(hp, deployedRatios)
      let h0AtBase = atBase(h0, baselineRatios)
      let price = total(hp) - hpAtBase
      let policy = policyChanged ? (hpAtBase - h0AtBase) - (bp - b0) : 0
      let workload = policyChanged ? h0AtBase - b0 : hpAtBase - bp
      deltas.append(usd(total(hp) - bp))
      parts[modelChanged ? .model : .priceBook, default: []].append(usd(price))
      parts[.policy, default: []].append(usd(policy))
      parts[.workload, default: []].append(usd(workload))
    }
    let zero = Array(repeating: 0.0, count: deltas.count)
    return ForecastChange(
      scenario: head.fleet, presence: .both, baseLabel: base.deployed.label, headLabel: head.deployed.label,
      baseMean: monthlyMean(base.deployed), headMean: monthlyMean(head.deployed), delta: Estimate(deltas),
      worlds: head.months, seed: head.seed,
      components: Component.allCases.map { ($0, Estimate(parts[$0] ?? zero)) })
  }

  private static func unpaired(_ plan: BreakdownSnapshot.Plan, presence: Presence) -> ForecastChange {
    unpaired(
      plan.fleet, label: plan.deployed.label, mean: monthlyMean(plan.deployed), count: plan.months,
      seed: plan.seed, presence: presence)
  }

  /// A plan's exact mean per month of the whole fleet (USD).
  static func monthlyMean(_ policy: BreakdownSnapshot.PlanPolicy) -> Double {
    let total = policy.perMonth.reduce(Int128(0)) { sum, month in month.reduce(sum) { $0 + Int128($1) } }
    return Double(total) / Double(max(1, policy.perMonth.count)) / Double(Money.picoPerUSD)
  }

  /// A policy's exact mean per device-day (USD).
  static func mean(_ policy: BreakdownSnapshot.Policy, days: Double) -> Double {
    let total = policy.perWorld.reduce(Int128(0)) { $0 + Int128($1.totalPico) }
    return Double(total) / Double(max(1, policy.perWorld.count)) / Double(Money.picoPerUSD) / days
  }

  /// Dollars with six decimals, for summaries.
  public static func usd(_ value: Double) -> String {
    let rounded = (value * 1_000_000).rounded()
    let sign = rounded < 0 ? "-" : ""
    let micros = Int64(abs(rounded))
    let fraction = String(micros % 1_000_000)
    return sign + "\(micros / 1_000_000)." + String(repeating: "0", count: 6 - fraction.count) + fraction
  }
}
