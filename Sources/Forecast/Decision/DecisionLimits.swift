public import RealtimeEvents

/// The limits a recommended policy must keep (`forecast --max-…`): what a user will pay in waiting
/// and lost memory for a saving.
///
/// Each limit is judged on its conservative side: a per-device-day figure on the high end of the
/// 95% interval of its mean over the worlds, the p95 wait on every delayed turn of every world pooled
/// (a tail already, reported as it is).
public struct DecisionLimits: Sendable, Equatable {
  /// What a limit bounds.
  public enum Kind: String, Sendable, Equatable, CaseIterable {
    /// `--max-added-wait-p95`: the 95th percentile of the wait a delayed turn paid for a reconnect (s).
    case addedWaitP95 = "added_wait_p95_seconds"
    /// `--max-added-wait-per-day`: seconds genuine turns waited for reconnects per device-day.
    case addedWaitPerDay = "added_wait_seconds_per_day"
    /// `--max-delayed-turns-per-day`: genuine turns that waited for a reconnect per device-day.
    case delayedTurnsPerDay = "delayed_turns_per_day"
    /// `--max-memory-lost-per-day`: conversations whose earlier turns were lost per device-day.
    case memoryLostPerDay = "memory_lost_per_day"

    /// The command-line option that sets it.
    public var option: String {
      switch self {
      case .addedWaitP95: "--max-added-wait-p95"
      case .addedWaitPerDay: "--max-added-wait-per-day"
      case .delayedTurnsPerDay: "--max-delayed-turns-per-day"
      case .memoryLostPerDay: "--max-memory-lost-per-day"
      }
    }

    /// A short name for reports.
    public var title: String {
      switch self {
      case .addedWaitP95: "p95 added wait"
      case .addedWaitPerDay: "added wait/day"
      case .delayedTurnsPerDay: "turns delayed/day"
      case .memoryLostPerDay: "memory lost/day"
      }
    }

    /// Whether the figure is in seconds (else a count per device-day).
    public var isSeconds: Bool { self == .addedWaitP95 || self == .addedWaitPerDay }

    /// Which side of the figure is judged.
    public var judgedOn: String {
      self == .addedWaitP95
        ? "p95 of all delayed turns pooled over the worlds" : "high end of the 95% interval of the mean"
    }
  }

  /// One limit: a kind and the largest figure allowed.
  public struct Limit: Sendable, Equatable {
    public var kind: Kind
    public var maximum: Double

    public init(kind: Kind, maximum: Double) {
      self.kind = kind
      self.maximum = maximum
    }
  }

  /// The limits in ``Kind`` order, at most one of each kind.
  public private(set) var limits: [Limit]

  /// Limits from optional maxima (seconds for the waits); nil leaves a kind unlimited.
  public init(
    addedWaitP95: Micros? = nil, addedWaitPerDay: Micros? = nil, delayedTurnsPerDay: Double? = nil,
    memoryLostPerDay: Double? = nil
  ) {
    let seconds = { (micros: Micros?) in micros.map { Double($0) / Double(Micros.perSecond) } }
    let given: [(Kind, Double?)] = [
      (.addedWaitP95, seconds(addedWaitP95)), (.addedWaitPerDay, seconds(addedWaitPerDay)),
      (.delayedTurnsPerDay, delayedTurnsPerDay), (.memoryLostPerDay, memoryLostPerDay),
    ]
    limits = given.compactMap { kind, maximum in maximum.map { Limit(kind: kind, maximum: $0) } }
  }

  /// No limit given: every policy is admissible.
  public var isEmpty: Bool { limits.isEmpty }

  /// The figure a policy is judged on for `kind`: see the type's documentation.
  public static func figure(_ kind: Kind, summary: PolicySummary, runs: [RunMetrics], days: Double) -> Double
  {
    func upper(_ value: (RunMetrics) -> Double) -> Double {
      let perDay = runs.map { value($0) / days }
      return Statistics.meanInterval95(perDay)?.upperBound ?? 0
    }
    switch kind {
    case .addedWaitP95: return summary.latencyP95 ?? 0
    case .addedWaitPerDay:
      return upper { Double($0.delayedTurnLatencies.reduce(0, +)) / Double(Micros.perSecond) }
    case .delayedTurnsPerDay: return upper { Double($0.delayedTurnLatencies.count) }
    case .memoryLostPerDay: return upper { Double($0.conversationsWithMemoryLost) }
    }
  }
}
