public import Billing
public import Planning
public import Simulation

extension BreakdownSnapshot {
  /// One fleet plan: the fleet's own policies (the deployed ones) and the same policies without an
  /// idle timeout (its baseline), each over the same sampled months, with every month's bill per
  /// group kept so that two snapshots pair month by month.
  public struct Plan: Sendable, Equatable, Codable {
    /// The fleet file as given.
    public var fleet: String
    /// FNV-1a 64 of the fleet file's text.
    public var fleetDigest: String
    /// The calendar month planned (`2026-12`).
    public var month: String
    public var seed: UInt64
    /// Months sampled, library worlds and days per world (both snapshots need the same).
    public var months: Int
    public var worlds: Int
    public var worldDays: Int
    public var devices: Int
    public var groups: [PlanGroup]
    public var baseline: PlanPolicy
    public var deployed: PlanPolicy

    public init(
      fleet: String, fleetDigest: String, month: String, seed: UInt64, months: Int, worlds: Int,
      worldDays: Int, devices: Int, groups: [PlanGroup], baseline: PlanPolicy, deployed: PlanPolicy
    ) {
      self.fleet = fleet
      self.fleetDigest = fleetDigest
      self.month = month
      self.seed = seed
      self.months = months
      self.worlds = worlds
      self.worldDays = worldDays
      self.devices = devices
      self.groups = groups
      self.baseline = baseline
      self.deployed = deployed
    }
  }

  /// A fleet group: its scenario's model and the cards it was priced with.
  public struct PlanGroup: Sendable, Equatable, Codable {
    public var name: String
    public var devices: Int
    public var model: String
    public var priceSource: String
    public var priceEffectiveFrom: String
    public var ratesPico: Rates
    public var meterRatesPico: Rates

    public init(
      name: String, devices: Int, model: String, priceSource: String, priceEffectiveFrom: String,
      ratesPico: Rates, meterRatesPico: Rates
    ) {
      self.name = name
      self.devices = devices
      self.model = model
      self.priceSource = priceSource
      self.priceEffectiveFrom = priceEffectiveFrom
      self.ratesPico = ratesPico
      self.meterRatesPico = meterRatesPico
    }
  }

  /// The fleet's bill under one set of group policies.
  public struct PlanPolicy: Sendable, Equatable, Codable {
    /// Each group's policy label, joined with `; ` in group order.
    public var label: String
    /// Mean USD per month of the whole fleet, as text (a summary; the months are the truth).
    public var meanUsdPerMonth: String
    /// Per sampled month, each group's bill (pico-dollars), in group order.
    public var perMonth: [[Int64]]
    /// Per group, what its device-day library was billed for: tokens by category, meters and cost.
    public var libraries: [PlanLibrary]

    public init(label: String, meanUsdPerMonth: String, perMonth: [[Int64]], libraries: [PlanLibrary]) {
      self.label = label
      self.meanUsdPerMonth = meanUsdPerMonth
      self.perMonth = perMonth
      self.libraries = libraries
    }
  }

  /// A group's device-day library priced as it was billed.
  public struct PlanLibrary: Sendable, Equatable, Codable {
    public var costPico: Int64
    /// Tokens in ``Billing/TokenCategory`` order.
    public var tokens: [Int64]
    /// ``SnapshotMeter`` quantities in order.
    public var meters: [Int64]

    public init(costPico: Int64, tokens: [Int64], meters: [Int64]) {
      self.costPico = costPico
      self.tokens = tokens
      self.meters = meters
    }
  }
}

extension BreakdownSnapshot.Plan {
  /// A plan run with two variants, the fleet's policies (`deployed`) and the same without an idle
  /// timeout (`baseline`, indices into the run's variants), priced with each group's cards.
  public init(
    run: CapacityRun, fleetText: String, fleet: String, cards: [Scenario.PriceCards],
    baseline: Int, deployed: Int
  ) {
    let identity = run.identity
    func policy(_ index: Int) -> BreakdownSnapshot.PlanPolicy {
      let variant = run.variants[index]
      let tally = variant.tally
      let perMonth = (0..<tally.months).map { month in
        (0..<tally.groups).map { group in
          (0..<tally.days).reduce(Int64(0)) { $0 &+ tally.cost(month: month, group: group, day: $1) }
        }
      }
      let total = perMonth.reduce(Int128(0)) { sum, month in month.reduce(sum) { $0 + Int128($1) } }
      let mean = Double(total) / Double(max(1, perMonth.count)) / Double(Money.picoPerUSD)
      let libraries = variant.libraryUsage.map { usage in
        BreakdownSnapshot.PlanLibrary(
          costPico: usage.costPico, tokens: usage.tokens, meters: BreakdownSnapshot.meters(of: usage))
      }
      return .init(
        label: variant.policies.map(\.gridLabel).joined(separator: "; "),
        meanUsdPerMonth: SnapshotDiff.usd(mean), perMonth: perMonth, libraries: libraries)
    }
    self.init(
      fleet: fleet, fleetDigest: BreakdownSnapshot.digest(fleetText), month: identity.month.description,
      seed: identity.seed, months: identity.options.months, worlds: identity.options.worlds,
      worldDays: identity.options.worldDays, devices: identity.counts.reduce(0, +),
      groups: zip(identity.groups, identity.counts).enumerated().map { index, group in
        let priced = cards[index]
        let card = priced.model
        let live = priced.billing.liveCard
        return BreakdownSnapshot.PlanGroup(
          name: group.0, devices: group.1, model: priced.billing.model,
          priceSource: card?.source ?? live?.source ?? "",
          priceEffectiveFrom: (card?.effectiveFrom ?? live?.effectiveFrom).map(\.description) ?? "",
          ratesPico: BreakdownSnapshot.rates(of: card),
          meterRatesPico: BreakdownSnapshot.meterRates(
            transcription: priced.transcription, live: live, backend: priced.backend))
      },
      baseline: policy(baseline), deployed: policy(deployed))
  }
}

extension BreakdownSnapshot {
  /// A library's meters: its transcription, GPT-Live session time and backend tokens.
  static func meters(of usage: LibraryUsage) -> [Int64] {
    meters(
      transcription: TranscriptionTotals(
        durationMicros: usage.transcriptionMicros, textInTokens: usage.transcriptionTokens[0],
        audioInTokens: usage.transcriptionTokens[1], textOutTokens: usage.transcriptionTokens[2]),
      live: LiveUsage(activeMicros: usage.liveActiveMicros, standbyMicros: usage.liveStandbyMicros),
      initializationMicros: 0,
      backend: BackendUsage(
        inputTokens: usage.backendTokens[0], cachedInputTokens: usage.backendTokens[1],
        outputTokens: usage.backendTokens[2]))
  }
}
