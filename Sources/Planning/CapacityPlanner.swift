public import Billing
import Forecast
public import SessionGuard
import Simulation

/// How a plan samples (docs/planning.md).
public struct CapacityOptions: Sendable, Equatable, Codable {
  /// Worlds simulated per group and policy variant for the device-day library.
  public var worlds: Int
  /// Days kept from each world (after the warm-up day).
  public var worldDays: Int
  /// Months sampled for the cost percentiles; month 0 also gives the per-minute peaks.
  public var months: Int
  /// Simulate every device's own month instead of sampling device-days (one month; slow: shard it).
  public var exact: Bool

  public init(worlds: Int = 20, worldDays: Int = 7, months: Int = 1_000, exact: Bool = false) {
    self.worlds = worlds
    self.worldDays = worldDays
    self.months = exact ? 1 : months
    self.exact = exact
  }
}

/// What identifies a plan run, so only shards of the same run merge.
public struct CapacityIdentity: Sendable, Equatable, Codable {
  public var fleet: String
  public var month: PlanMonth
  public var tier: Int
  public var budgetPico: Int64
  public var seed: UInt64
  public var groups: [String]
  public var counts: [Int]
  public var offsets: [Int]
  public var variants: [String]
  public var options: CapacityOptions
  /// GPT-Live: the models whose concurrent sessions are tallied, each group's index among them
  /// (nil for a Realtime group), and the organisation's cap per model.
  public var liveModels: [String] = []
  public var groupLiveModel: [Int?] = []
  public var liveSessionCap: Int? = nil
}

/// One variant's tally and the library figures its error bound needs.
public struct CapacityVariantRun: Sendable, Equatable, Codable {
  public var label: String
  public var tally: CapacityTally
  /// Per group: the mean USD per device-day of each library world (empty in exact mode).
  public var worldMeansUSD: [[Double]]
  /// Per group, what its device-day library was billed for (zero in exact mode, which keeps no
  /// library).
  public var libraryUsage: [LibraryUsage] = []
  /// Per group: the variant's policy.
  public var policies: [GuardSettings]
}

/// A whole plan (or one shard of it): exact integer tallies per variant.
public struct CapacityRun: Sendable, Equatable, Codable {
  public var identity: CapacityIdentity
  public var variants: [CapacityVariantRun]
  /// Shards this run holds (`[0]` of 1 for an unsharded run).
  public var shards: [Int]
  public var shardCount: Int
}

/// Runs a fleet plan: simulate device-day libraries, then sample and tally device months.
public enum CapacityPlanner {
  /// Runs `spec` (or shard `shard.index` of `shard.count`, by devices) on up to `jobs` threads.
  ///
  /// `priceBooks[g]` prices group `g`; `progress` receives the fraction done (0…1) from any
  /// thread. The result does not depend on `jobs` or on the sharding:
  /// every random draw is seeded by what it is for, and tallies are integer sums.
  public static func run(
    _ spec: FleetSpec, options: CapacityOptions, priceBooks: [PriceBook], jobs: Int,
    shard: (index: Int, count: Int) = (0, 1), progress: (@Sendable (Double) -> Void)? = nil
  ) throws -> CapacityRun {
    let variants = spec.variants
    let groups = spec.groups
    let days = spec.month.days
    var identity = CapacityIdentity(
      fleet: spec.name, month: spec.month, tier: spec.tier, budgetPico: spec.budget.picoUSD, seed: spec.seed,
      groups: groups.map(\.name), counts: groups.map(\.count), offsets: groups.map(\.utcOffsetMinutes),
      variants: variants.map(\.label), options: options)
    let groupModels = groups.indices.map { index in
      priceBooks[index].isLiveModel(groups[index].scenario.model) ? groups[index].scenario.model : nil
    }
    let liveModels = Array(Set(groupModels.compactMap { $0 })).sorted()
    identity.liveModels = liveModels
    identity.groupLiveModel = groupModels.map { model in model.flatMap { liveModels.firstIndex(of: $0) } }
    identity.liveSessionCap = spec.liveSessionCap
    let liveModel = identity.groupLiveModel
    let deviceRanges = groups.map {
      ForecastResults.worldRange(shard: shard.index, of: shard.count, totalWorlds: $0.count)
    }
    var results: [CapacityVariantRun] = []
    for (variantIndex, variant) in variants.enumerated() {
      let policies = variant.policies
      var libraries: [FleetDeviceDays] = []
      if !options.exact {
        let flat = groups.count * options.worlds
        let phase = Double(variantIndex * 2)
        let phases = Double(variants.count * 2)
        var worldProgress: (@Sendable (Int) -> Void)? = nil
        if let progress {
          worldProgress = { done in progress((phase + Double(done) / Double(flat)) / phases) }
        }
        let worlds = try ParallelWorlds.map(0..<flat, jobs: jobs, progress: worldProgress) { index in
          let group = index / options.worlds
          let world = index % options.worlds
          return try FleetSimulation.simulate(
            scenario: groups[group].scenario, policy: policies[group], days: options.worldDays,
            seed: FleetSimulation.worldSeed(fleetSeed: spec.seed, group: group, world: world),
            priceBook: priceBooks[group])
        }
        libraries = groups.indices.map { group in
          var library = FleetDeviceDays()
          for world in 0..<options.worlds { library.append(world: worlds[group * options.worlds + world]) }
          return library
        }
      }
      let chunks = max(1, min(jobs * 4, spec.deviceCount))
      let devicePhase = Double(variantIndex * 2 + 1)
      let phases = Double(variants.count * 2)
      var deviceProgress: (@Sendable (Int) -> Void)? = nil
      if let progress {
        deviceProgress = { done in progress((devicePhase + Double(done) / Double(chunks)) / phases) }
      }
      let frozen = libraries
      let partials = try ParallelWorlds.map(0..<chunks, jobs: jobs, progress: deviceProgress) { chunk in
        let ranges = deviceRanges.map { range in
          let local = ForecastResults.worldRange(shard: chunk, of: chunks, totalWorlds: range.count)
          return (range.lowerBound + local.lowerBound)..<(range.lowerBound + local.upperBound)
        }
        if options.exact {
          return try exactTally(
            spec, policies: policies, priceBooks: priceBooks, devices: ranges, liveModel: liveModel,
            liveModels: liveModels.count)
        }
        return CapacitySampler.tally(
          libraries: frozen, offsets: groups.map(\.utcOffsetMinutes), devices: ranges, months: options.months,
          days: days, seed: FleetSeeds.mix(spec.seed, 0x4D4F_4E54_48, 0, 0), liveModel: liveModel,
          liveModels: liveModels.count)
      }
      var tally = CapacityTally(
        months: options.months, groups: groups.count, days: days, liveModels: liveModels.count)
      for partial in partials { tally.add(partial) }
      if tally.overflowed {
        throw CapacityError(
          "\(variant.label): a group's daily cost exceeds rtcost's exact money range (about $9.2M a day per "
            + "group); split the largest groups into several groups")
      }
      results.append(
        CapacityVariantRun(
          label: variant.label, tally: tally, worldMeansUSD: libraries.map(\.worldMeansUSD),
          libraryUsage: libraries.map(\.usage), policies: policies))
    }
    return CapacityRun(identity: identity, variants: results, shards: [shard.index], shardCount: shard.count)
  }

  /// Exact mode: every device simulates its own month (local days −1 … days after a warm-up day).
  static func exactTally(
    _ spec: FleetSpec, policies: [GuardSettings], priceBooks: [PriceBook], devices: [Range<Int>],
    liveModel: [Int?], liveModels: Int
  ) throws -> CapacityTally {
    let days = spec.month.days
    var tally = CapacityTally(months: 1, groups: spec.groups.count, days: days, liveModels: liveModels)
    let draws = Array(0..<(days + 2))
    for (group, fleetGroup) in spec.groups.enumerated() {
      for device in devices[group] {
        let own = try FleetSimulation.simulate(
          scenario: fleetGroup.scenario, policy: policies[group], days: days + 2,
          seed: FleetSeeds.mix(spec.seed, 0x4558_4143_54, UInt64(group), UInt64(device)),
          priceBook: priceBooks[group])
        CapacitySampler.add(
          device: own, draws: draws, month: 0, group: group, offsetMinutes: fleetGroup.utcOffsetMinutes,
          profile: true, liveModel: liveModel[group], into: &tally)
        tally.devices[group] += 1
      }
    }
    return tally
  }

  /// Combines shards of one run into the run one process would have produced.
  public static func merge(_ parts: [CapacityRun]) throws(CapacityError) -> CapacityRun {
    guard let first = parts.first else { throw CapacityError("nothing to merge") }
    var seen = Set<Int>()
    for part in parts {
      guard part.identity == first.identity, part.shardCount == first.shardCount else {
        throw CapacityError(
          "the parts come from different plans (fleet, month, seed, options, groups or grid differ)")
      }
      for shard in part.shards {
        guard seen.insert(shard).inserted else {
          throw CapacityError("shard \(shard)/\(first.shardCount) appears twice")
        }
      }
    }
    let missing = (0..<first.shardCount).filter { !seen.contains($0) }
    guard missing.isEmpty else {
      throw CapacityError(
        "shards missing: " + missing.map { "\($0)/\(first.shardCount)" }.joined(separator: ", "))
    }
    var merged = first
    for part in parts.dropFirst() {
      for index in merged.variants.indices { merged.variants[index].tally.add(part.variants[index].tally) }
    }
    merged.shards = Array(0..<first.shardCount)
    return merged
  }
}
