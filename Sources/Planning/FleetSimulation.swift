public import Billing
public import SessionGuard
public import Simulation

/// Simulates device-days: worlds of a group's scenario under one policy, cut by local calendar day.
public enum FleetSimulation {
  /// Days simulated and dropped at the start of every world (a world starts cold at midnight).
  public static let warmupDays = 1

  /// The seed of world `world` of group `group`: the same under every policy variant, so grid
  /// comparisons are paired (common random numbers).
  public static func worldSeed(fleetSeed: UInt64, group: Int, world: Int) -> UInt64 {
    FleetSeeds.mix(fleetSeed, 0x574F_524C_44, UInt64(group), UInt64(world))
  }

  /// `days` device-days of one world of `scenario` under `policy`, after ``warmupDays``.
  ///
  /// The scenario's horizon is replaced by `warmupDays + days` days and its policy by `policy`.
  public static func simulate(
    scenario: Scenario, policy: GuardSettings, days: Int, seed: UInt64, priceBook: PriceBook
  ) throws(CapacityError) -> FleetDeviceDays {
    precondition(days > 0, "simulate at least one day")
    var scenario = scenario
    scenario.horizon = Int64(warmupDays + days) * 86_400 * 1_000_000
    scenario.policy = policy
    let cards = try self.cards(scenario, book: priceBook)
    scenario = scenario.adoptingModelFacts(of: cards)
    let trace = WorldGenerator(scenario: scenario).generate(seed: seed)
    var recorder = FleetDayRecorder(warmupDays: warmupDays, days: days, cards: cards)
    _ = Simulator.run(
      scenario: scenario, trace: trace, policy: Simulator.Policy(settings: policy), cards: cards
    ) { event in
      recorder.observe(event)
    }
    recorder.finish(at: scenario.horizon)
    if let failure = recorder.failure { throw CapacityError("\(scenario.name): \(failure)") }
    return recorder.deviceDays
  }
}

extension FleetSimulation {
  /// The cards `scenario` is priced with from `book` (which already holds the scenario's own price
  /// file): a GPT-Live model's session-time card and its backend's, else the Realtime token card.
  public static func cards(_ scenario: Scenario, book: PriceBook) throws(CapacityError) -> Scenario.PriceCards
  {
    do {
      if book.isLiveModel(scenario.model) {
        return Scenario.PriceCards(
          billing: .live(try book.liveCard(for: scenario.model, on: scenario.startDay)),
          backend: try book.card(for: scenario.live.backendModel, on: scenario.startDay))
      }
      return Scenario.PriceCards(
        model: try book.card(for: scenario.model, on: scenario.startDay),
        transcription: try scenario.session.transcriptionModel.map { model throws(PriceBookError) in
          try book.transcriptionCard(for: model, on: scenario.startDay)
        })
    } catch {
      throw CapacityError("\(scenario.name): \(error.description)")
    }
  }
}

/// Seeds derived from several values with SplitMix64's mixer (order matters; no allocation).
public enum FleetSeeds {
  @inline(__always)
  static func scramble(_ value: UInt64) -> UInt64 {
    var generator = SplitMix64(seed: value)
    return generator.next()
  }

  /// One 64-bit seed from four values.
  @inline(__always)
  public static func mix(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64) -> UInt64 {
    scramble(scramble(scramble(scramble(a) ^ b) ^ c) ^ d)
  }
}

/// A planning failure that is not about the fleet file: one sentence naming what failed.
public struct CapacityError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
