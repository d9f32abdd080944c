public import Billing
public import Replay

/// A recording's bill as `replay` prices it: the figure a recording forecast's baseline reproduces.
public struct RecordedBill: Sendable, Equatable {
  /// Response usage by category.
  public var costs: CategoryCosts
  /// Input transcription.
  public var transcription: Money
  /// GPT-Live session time and delegated backend tokens.
  public var liveSession: Money
  public var liveBackend: Money
  /// Billed tokens by category.
  public var tokens: TokenCounts

  public init(
    costs: CategoryCosts = .zero, transcription: Money = .zero, liveSession: Money = .zero,
    liveBackend: Money = .zero, tokens: TokenCounts = .zero
  ) {
    self.costs = costs
    self.transcription = transcription
    self.liveSession = liveSession
    self.liveBackend = liveBackend
    self.tokens = tokens
  }

  /// The bill of a replayed recording: what its report and its stats file bill.
  public init(_ result: ReplayResult) {
    let totals = result.recordedTotals
    self.init(
      costs: totals.costs, transcription: totals.transcriptionCost, liveSession: totals.live.bill.total,
      liveBackend: totals.live.backendCost, tokens: totals.tokens)
  }

  /// Everything billed.
  public var total: Money { costs.total + transcription + liveSession + liveBackend }
}

extension RunMetrics {
  /// This run's money and tokens moved onto a recorded bill: `recorded + (self − baseline)` per
  /// category, held at zero, where `baseline` is the simulated run of the policy the recording was
  /// made under. The baseline's own run becomes the recorded bill exactly; every other policy keeps
  /// the simulator's difference from it. What the simulator does not model (typed turns, tool
  /// answers, barge-ins) is so taken to cost under every policy what it cost in the recording.
  public func anchored(to recorded: RecordedBill, baseline: RunMetrics) -> RunMetrics {
    func shift(_ recorded: Int64, _ value: Int64, _ base: Int64) -> Int64 {
      let moved = Int128(recorded) + Int128(value) - Int128(base)
      return Int64(clamping: max(0, moved))
    }
    var run = self
    for (index, category) in TokenCategory.allCases.enumerated() where index < costByCategory.count {
      run.costByCategory[index] = shift(
        recorded.costs[category].picoUSD, costByCategory[index], baseline.costByCategory[index])
      if index < tokensByCategory.count, index < baseline.tokensByCategory.count {
        run.tokensByCategory[index] = shift(
          recorded.tokens[category], tokensByCategory[index], baseline.tokensByCategory[index])
      }
    }
    run.transcriptionPico = shift(
      recorded.transcription.picoUSD, transcriptionPico, baseline.transcriptionPico)
    run.liveSessionPico = shift(recorded.liveSession.picoUSD, liveSessionPico, baseline.liveSessionPico)
    run.liveBackendPico = shift(recorded.liveBackend.picoUSD, liveBackendPico, baseline.liveBackendPico)
    // The cache bounds move with the response cost they bracket.
    let responses = Int128(run.categoryCosts.total.picoUSD) - Int128(categoryCosts.total.picoUSD)
    run.neverCachedPico = Int64(clamping: max(0, Int128(neverCachedPico) + responses))
    run.alwaysCachedPico = Int64(clamping: max(0, Int128(alwaysCachedPico) + responses))
    return run
  }
}
