public import Billing
public import Forecast
public import Replay
public import Simulation

extension BreakdownSnapshot {
  /// The card's price per token of every category it prices (pico-dollars).
  public static func rates(of card: PriceCard?) -> Rates {
    guard let card else { return [:] }
    var rates: Rates = [:]
    for category in TokenCategory.allCases {
      if let price = card.perToken(category) { rates[category.rawValue] = price.picoUSD }
    }
    return rates
  }

  /// FNV-1a 64 of `text`, as `fnv1a64:` and 16 hex digits.
  public static func digest(_ text: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01B3
    }
    let hex = String(hash, radix: 16)
    return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
  }
}

extension BreakdownSnapshot.Recording {
  /// A replayed recording as billed, with the card it was priced with (nil: GPT-Live or unpriced)
  /// and the usage its transcription and GPT-Live session time were billed for.
  public init(_ result: ReplayResult, card: PriceCard?) {
    let live = result.billing?.liveCard
    let quantities = BreakdownSnapshot.meters(
      transcription: result.transcriptionUsage, live: result.billed.live.usage,
      initializationMicros: (live?.initializationCharge ?? 0)
        .multipliedReportingOverflow(by: result.billed.live.usage.abandonedCreations).partialValue,
      // Backend tokens without a card were not billed, so there is nothing of theirs to re-price.
      backend: result.backendPriceCard == nil
        ? BackendUsage(inputTokens: 0, outputTokens: 0) : result.billed.live.backendTokens)
    var meters: [String: Int64] = [:]
    for (meter, quantity) in zip(SnapshotMeter.allCases, quantities) where quantity != 0 {
      meters[meter.rawValue] = quantity
    }
    var tokens: [String: Int64] = [:]
    var costs: [String: Int64] = [:]
    for category in TokenCategory.allCases {
      tokens[category.rawValue] = result.billed.tokens[category]
      costs[category.rawValue] = result.billed.costs[category].picoUSD
    }
    costs["transcription"] = result.transcriptionCost.picoUSD
    self.init(
      name: result.file, model: result.model, priceSource: card?.source ?? "",
      priceEffectiveFrom: card.map { $0.effectiveFrom.description } ?? "", tokens: tokens, costPico: costs,
      ratesPico: BreakdownSnapshot.rates(of: card), totalPico: result.total.picoUSD,
      totalUsd: DecimalText.format(Int128(result.total.picoUSD), scale: 12), meters: meters,
      meterRatesPico: BreakdownSnapshot.meterRates(
        transcription: result.transcriptionPriceCard, live: live, backend: result.backendPriceCard))
  }
}

extension BreakdownSnapshot.Forecast {
  /// A forecast of a scenario's `deployed` policy and its `baseline` (indices into the results'
  /// policies, first model), with the card it was priced with.
  public init(
    results: ForecastResults, scenarioText: String, cards: Scenario.PriceCards, baseline: Int, deployed: Int
  ) {
    let card = cards.model
    let identity = results.identity
    let days = Double(identity.horizon) / 86_400_000_000
    func policy(_ index: Int) -> BreakdownSnapshot.Policy {
      let perWorld = results.worlds.map { world in
        BreakdownSnapshot.WorldCost(
          totalPico: world.metrics[index].total.picoUSD, tokens: world.metrics[index].tokensByCategory,
          meters: BreakdownSnapshot.meters(of: world.metrics[index]))
      }
      let total = perWorld.reduce(Int128(0)) { $0 + Int128($1.totalPico) }
      let mean = Double(total) / Double(max(1, perWorld.count)) / Double(Money.picoPerUSD) / days
      return .init(
        label: identity.policies[index].gridLabel, meanUsdPerDeviceDay: SnapshotDiff.usd(mean),
        perWorld: perWorld)
    }
    self.init(
      scenario: identity.input, scenarioDigest: BreakdownSnapshot.digest(scenarioText), model: identity.model,
      priceSource: card?.source ?? "", priceEffectiveFrom: card.map { $0.effectiveFrom.description } ?? "",
      ratesPico: BreakdownSnapshot.rates(of: card), seed: identity.seed, worlds: identity.totalWorlds,
      horizonMicros: identity.horizon, baseline: policy(baseline), deployed: policy(deployed),
      meterRatesPico: BreakdownSnapshot.meterRates(
        transcription: cards.transcription, live: cards.billing.liveCard, backend: cards.backend))
  }
}

extension BreakdownSnapshot {
  /// A simulated run's meters: its transcription, GPT-Live session time (standby apart) and
  /// backend tokens.
  static func meters(of run: RunMetrics) -> [Int64] {
    let standby = min(run.liveStandbyMicros, run.liveSessionMicros)
    return meters(
      transcription: TranscriptionTotals(
        durationMicros: run.transcriptionMicros, audioInTokens: run.transcriptionAudioTokens,
        textOutTokens: run.transcriptionTextTokens),
      live: LiveUsage(activeMicros: run.liveSessionMicros - standby, standbyMicros: standby),
      initializationMicros: 0,
      backend: BackendUsage(
        inputTokens: run.backendInputTokens, cachedInputTokens: run.backendCachedTokens,
        outputTokens: run.backendOutputTokens))
  }
}
