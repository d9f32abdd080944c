public import RealtimeEvents
public import Simulation

/// A world-model assumption with wide uncertainty, and the range a sensitivity run varies it over,
/// with where the range comes from.
public struct SensitivityAssumption: Sendable {
  /// One end of the range: its value in words and how it changes a scenario.
  public struct Setting: Sendable {
    public var value: String
    public var apply: @Sendable (inout Scenario) -> Void

    public init(value: String, apply: @escaping @Sendable (inout Scenario) -> Void) {
      self.value = value
      self.apply = apply
    }
  }

  /// The scenario key (`cache_lifetime`, `noise.bursts_per_hour`, …).
  public var key: String
  /// The value the forecast ran with, in words.
  public var nominal: String
  public var low: Setting
  public var high: Setting
  /// Why the range is what it is.
  public var source: String

  /// The assumptions with the widest uncertainty that `scenario` depends on, each over its stated
  /// range: the cache's lifetime and its two fitted probabilities, whether a reconnect finds the
  /// prompt warm, the noise rate and the reconnect latency. Noise and reconnect latency appear only
  /// when the scenario has noise sources or a scalable latency.
  public static func widest(for scenario: Scenario) -> [SensitivityAssumption] {
    let model = scenario.worldModel
    var list: [SensitivityAssumption] = [
      SensitivityAssumption(
        key: "cache_lifetime", nominal: DurationText.format(model.cacheLifetime),
        low: .init(value: "5m") { $0.worldModel.cacheLifetime = 300_000_000 },
        high: .init(value: "1h") { $0.worldModel.cacheLifetime = 3_600_000_000 },
        source:
          "OpenAI's prompt-caching guide: prefixes stay cached 5 to 10 minutes of inactivity, up to an "
          + "hour off-peak; not documented for Realtime (docs/sources.md)"),
      SensitivityAssumption(
        key: "cache_miss_after_barge_in", nominal: probability(model.cache.missAfterBargeIn),
        low: .init(value: "0.29") { $0.worldModel.cache.missAfterBargeIn = 0.29 },
        high: .init(value: "0.96") { $0.worldModel.cache.missAfterBargeIn = 0.96 },
        source:
          "Clopper–Pearson 95% interval of the 5 misses in 7 barge-ins of the banyan captures (docs/sources.md)"
      ),
      SensitivityAssumption(
        key: "cache_prompt_shared", nominal: probability(model.cache.promptShared),
        low: .init(value: "0.01") { $0.worldModel.cache.promptShared = 0.013 },
        high: .init(value: "0.99") { $0.worldModel.cache.promptShared = 0.987 },
        source: "Clopper–Pearson 95% interval of 1 warm first response in 2 captures (docs/sources.md)"),
      SensitivityAssumption(
        key: "cache_warm_across_reconnects", nominal: String(model.cache.warmAcrossReconnects),
        low: .init(value: "false") { $0.worldModel.cache.warmAcrossReconnects = false },
        high: .init(value: "true") { $0.worldModel.cache.warmAcrossReconnects = true },
        source:
          "two observations (log2's first response, openai-dotnet#1045) against the exact-prefix rule's cold start"
      ),
    ]
    if !scenario.noise.isEmpty {
      let perDay = scenario.noise.reduce(0) { $0 + $1.burstsPerHour.perDay }
      list.append(
        SensitivityAssumption(
          key: "noise.bursts_per_hour", nominal: "×1 (\(whole(perDay)) bursts/day)",
          low: .init(value: "×0.5") { scaleNoise(&$0, by: 0.5) },
          high: .init(value: "×2") { scaleNoise(&$0, by: 2) },
          source: "the scenario's rates are assumptions with no measurement: halved and doubled"))
    }
    if scaled(scenario.session.reconnectLatency, by: 1) != nil {
      list.append(
        SensitivityAssumption(
          key: "session.reconnect_latency", nominal: "×1",
          low: .init(value: "×0.5") { scaleReconnect(&$0, by: 0.5) },
          high: .init(value: "×2") { scaleReconnect(&$0, by: 2) },
          source: "an assumption (WebSocket + TLS + session.update round trips): halved and doubled"))
    }
    return list
  }

  static func probability(_ value: Double) -> String {
    let hundredths = (value * 100).rounded()
    return hundredths == 100 ? "1" : "0.\(hundredths < 10 ? "0" : "")\(Int(hundredths))"
  }

  static func whole(_ value: Double) -> String { String(Int(value.rounded())) }

  static func scaleNoise(_ scenario: inout Scenario, by factor: Double) {
    for index in scenario.noise.indices {
      scenario.noise[index].burstsPerHour = DailyProfile(
        perHour: scenario.noise[index].burstsPerHour.perHour.map { $0 * factor })
    }
  }

  static func scaleReconnect(_ scenario: inout Scenario, by factor: Double) {
    if let latency = scaled(scenario.session.reconnectLatency, by: factor) {
      scenario.session.reconnectLatency = latency
    }
  }

  /// A duration distribution with every value multiplied by `factor`; nil for a count distribution.
  static func scaled(_ distribution: Distribution, by factor: Double) -> Distribution? {
    switch distribution {
    case .fixed(let value): .fixed(value * factor)
    case .uniform(let low, let high): .uniform(min: low * factor, max: high * factor)
    case .exponential(let mean): .exponential(mean: mean * factor)
    case .lognormal(let median, let p95): .lognormal(median: median * factor, p95: p95 * factor)
    case .geometric: nil
    case .empirical(let values): .empirical(values.map { $0 * factor })
    }
  }
}
