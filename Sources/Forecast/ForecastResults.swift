public import Billing
public import RealtimeEvents
public import SessionGuard

/// Everything a forecast run produced: per world, the metrics of every (model × policy), model-major
/// (the index of model `m` and policy `p` is `m × policies.count + p`). Shards hold a subset of the worlds; merging concatenates them.
public struct ForecastResults: Sendable, Equatable, Codable {
  /// Identifies the run, so that only shards of the same run merge.
  public struct Identity: Sendable, Equatable, Codable {
    /// The input (scenario name or recording paths), as given.
    public var input: String
    /// The models compared; every world holds `models.count × policies.count` results, model-major.
    public var models: [String]
    /// The first model (the baseline's).
    public var model: String { models[0] }
    public var seed: UInt64
    public var horizon: Micros
    public var totalWorlds: Int
    public var policies: [GuardSettings]
    /// Index into ``policies`` of the baseline.
    public var baseline: Int

    public init(
      input: String, models: [String], seed: UInt64, horizon: Micros, totalWorlds: Int,
      policies: [GuardSettings],
      baseline: Int
    ) {
      self.input = input
      self.models = models
      self.seed = seed
      self.horizon = horizon
      self.totalWorlds = totalWorlds
      self.policies = policies
      self.baseline = baseline
    }
  }

  /// One world's metrics under every policy.
  public struct World: Sendable, Equatable, Codable {
    public var index: Int
    public var metrics: [RunMetrics]

    public init(index: Int, metrics: [RunMetrics]) {
      self.index = index
      self.metrics = metrics
    }
  }

  public var identity: Identity
  /// Sorted by index.
  public var worlds: [World]

  public init(identity: Identity, worlds: [World]) {
    self.identity = identity
    self.worlds = worlds.sorted { $0.index < $1.index }
  }

  /// The worlds a shard `index` of `count` runs: a contiguous block, sizes differing by at most one.
  public static func worldRange(shard index: Int, of count: Int, totalWorlds: Int) -> Range<Int> {
    let base = totalWorlds / count
    let extra = totalWorlds % count
    let start = index * base + min(index, extra)
    return start..<(start + base + (index < extra ? 1 : 0))
  }

  /// Combines shards of one run; the result is the same value one unsharded run produces.
  public static func merge(_ parts: [ForecastResults]) throws(ForecastMergeError) -> ForecastResults {
    guard let first = parts.first else { throw .noParts }
    for part in parts.dropFirst() where part.identity != first.identity {
      throw .differentRuns(first.identity.input, part.identity.input)
    }
    var seen = Set<Int>()
    var worlds: [World] = []
    for world in parts.flatMap(\.worlds) {
      guard seen.insert(world.index).inserted else { throw .duplicateWorld(world.index) }
      worlds.append(world)
    }
    let missing = (0..<first.identity.totalWorlds).filter { !seen.contains($0) }
    guard missing.isEmpty else { throw .missingWorlds(missing) }
    return ForecastResults(identity: first.identity, worlds: worlds)
  }
}

/// Why shards could not be merged.
public enum ForecastMergeError: Error, Equatable, CustomStringConvertible {
  case noParts
  case differentRuns(String, String)
  case duplicateWorld(Int)
  case missingWorlds([Int])

  public var description: String {
    switch self {
    case .noParts: "nothing to merge"
    case .differentRuns(let a, let b):
      "the parts come from different runs (input, seed, horizon, worlds or policy grid differ: \(a) vs \(b))"
    case .duplicateWorld(let index): "world \(index) appears in two parts"
    case .missingWorlds(let missing):
      "worlds missing from the parts: \(missing.prefix(10).map(String.init).joined(separator: ", "))"
        + (missing.count > 10 ? " and \(missing.count - 10) more" : "") + " (is a shard missing?)"
    }
  }
}
