public import Billing
public import RealtimeEvents
public import SessionGuard

/// One world of a scenario under the scenario's policy, metered as a replay of its events would
/// meter them: the use case behind `rtcost simulate`.
public struct WorldSimulation: Sendable {
  public var scenario: Scenario
  /// The world's seed (the scenario's unless overridden).
  public var seed: UInt64
  /// The cards the world is priced with (``Scenario/priceCards(over:)``).
  public var cards: Scenario.PriceCards

  public init(scenario: Scenario, seed: UInt64? = nil, cards: Scenario.PriceCards) {
    self.scenario = scenario.adoptingModelFacts(of: cards)
    self.seed = seed ?? scenario.seed
    self.cards = cards
  }

  /// What one world produced.
  public struct Result: Sendable {
    public var scenario: String
    public var seed: UInt64
    public var horizon: Micros
    public var policy: GuardSettings
    public var model: String
    /// The meter over the emitted events: what a replay of them would bill.
    public var usage: UsageTotals
    public var stats: EngineStats
  }

  /// Generates the world, runs it under the scenario's policy and meters every event; `record`
  /// also receives every event (to write a recording), and its error ends the run.
  public func run(
    detail: EventDetail = .full, record: ((TimedEvent) throws -> Void)? = nil
  ) throws -> Result {
    let trace = WorldGenerator(scenario: scenario).generate(seed: seed)
    var meter = UsageTracker(
      configuration: UsageTracker.Configuration(
        mode: .real, billing: cards.billing, backend: cards.backendPricing,
        transcriptionCard: cards.transcription))
    var recordError: (any Error)?
    let stats = Simulator.run(
      scenario: scenario, trace: trace, policy: Simulator.Policy(settings: scenario.policy),
      cards: cards, detail: detail
    ) { event in
      meter.handle(event.event, at: event.time ?? 0)
      guard let record, recordError == nil else { return }
      do { try record(event) } catch { recordError = error }
    }
    if let recordError { throw recordError }
    if let issue = meter.issues.first(where: \.unpriced) {
      throw SimulationError("\(scenario.name): a simulated response cannot be priced: \(issue.message)")
    }
    return Result(
      scenario: scenario.name, seed: seed, horizon: scenario.horizon, policy: scenario.policy,
      model: cards.billing.model, usage: meter.run, stats: stats)
  }
}

/// A simulation that cannot complete, in one sentence.
public struct SimulationError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
