public import ArgumentParser
internal import Billing
internal import Decisions
internal import Forecast
internal import Foundation
internal import Planning
internal import Replay
internal import SessionGuard
internal import Simulation

/// `rtcost breakdown`: a versioned cost snapshot for a team's CI (docs/ci-gates.md).
public struct BreakdownCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "breakdown",
    abstract: "Write a cost snapshot (JSON, rtcost-breakdown/1) that diff and gate compare.",
    discussion: """
      Recordings are priced exactly as billed (cost per category in pico-dollars and USD text, the \
      model and the card's source and date). Each scenario is forecast under its own policy (the \
      deployed one) and the same policy without an idle timeout (its baseline) on --worlds worlds, \
      and the snapshot keeps every world's bill and tokens, so that `rtcost diff` pairs two \
      snapshots world by world. Money is exact integers; keys are sorted.

      Examples:
        rtcost breakdown calls/*.jsonl --scenario home-robot.yaml -o base.json
        rtcost breakdown --scenario home-robot.yaml --worlds 100 -o head.json
      """)

  @Argument(help: ArgumentHelp("Recordings to price (JSON Lines).", valueName: "file"))
  var recordings: [String] = []

  @Option(name: .long, help: ArgumentHelp("A scenario to forecast (repeatable).", valueName: "file"))
  var scenario: [String] = []

  @Option(name: .long, parsing: .unconditional, help: "Worlds per scenario (both snapshots need the same).")
  var worlds = 50

  @Option(
    name: .long,
    help: ArgumentHelp(
      "A fleet file to plan (repeatable): its monthly bill, month by month.", valueName: "file"))
  var fleet: [String] = []

  @Option(name: .long, parsing: .unconditional, help: "Fleet plans: simulated worlds per group.")
  var planWorlds = 20

  @Option(name: .long, parsing: .unconditional, help: "Fleet plans: days kept per simulated world.")
  var worldDays = 7

  @Option(name: .long, parsing: .unconditional, help: "Fleet plans: device months sampled.")
  var months = 200

  @Option(
    name: .long, parsing: .unconditional, help: "Base seed of the worlds (default: each scenario's).",
    transform: SeedValue.parse)
  var seed: UInt64?

  @Option(name: .long, parsing: .unconditional, help: "Threads; the snapshot does not depend on it.")
  var jobs = ProcessInfo.processInfo.activeProcessorCount

  @Option(
    name: .shortAndLong,
    help: ArgumentHelp(
      "Where to write the snapshot (atomically; standard output if absent).", valueName: "file"))
  var output: String?

  @OptionGroup var priceOptions: PriceOptions

  public init() {}

  public func validate() throws {
    if recordings.isEmpty, scenario.isEmpty, fleet.isEmpty {
      throw ValidationError("give recordings, --scenario or --fleet (nothing to break down)")
    }
    if !(1...100_000).contains(worlds) {
      throw ValidationError("--worlds must be between 1 and 100000, got \(worlds)")
    }
    // The plan command's own ranges.
    if !(1...10_000).contains(planWorlds) {
      throw ValidationError("--plan-worlds must be between 1 and 10000, got \(planWorlds)")
    }
    if !(1...366).contains(worldDays) {
      throw ValidationError("--world-days must be between 1 and 366, got \(worldDays)")
    }
    if !(1...100_000).contains(months) {
      throw ValidationError("--months must be between 1 and 100000, got \(months)")
    }
    if !(1...256).contains(jobs) { throw ValidationError("--jobs must be between 1 and 256, got \(jobs)") }
  }

  public func run() throws {
    let book = try priceOptions.priceBook()
    var priced: [BreakdownSnapshot.Recording] = []
    for file in recordings {
      let result: ReplayResult
      do {
        result = try Replay.run(
          try ReplayCommand.open(file, lenient: false), options: ReplayOptions(book: book))
      } catch let error as ReplayError {
        throw CLIError(error.description)
      }
      priced.append(.init(result, card: try? book.card(for: result.model, on: result.priceDay)))
    }
    let forecasts = try scenario.map(forecast)
    let plans = try fleet.map(plan)
    try OutputFile.write(
      try BreakdownSnapshot(recordings: priced, forecasts: forecasts, plans: fleet.isEmpty ? nil : plans)
        .encoded(), to: output)
  }

  /// The fleet's own policies and the same without idle timeouts, over the same sampled months.
  func plan(_ input: String) throws -> BreakdownSnapshot.Plan {
    var spec: FleetSpec
    do {
      spec = try FleetLoader.load(path: input)
    } catch {
      throw CLIError(error.description)
    }
    if let seed { spec.seed = seed }
    let deployed = spec.groups.map(\.policy)
    let baseline = deployed.map { policy in
      var policy = policy
      policy.idleTimeout = nil
      return policy
    }
    spec.grid =
      baseline == deployed ? [] : [FleetVariant(label: "baseline (no idle timeout)", policies: baseline)]
    let books = try PlanCommand.priceBooks(spec, prices: priceOptions)
    let run: CapacityRun
    let cards: [Scenario.PriceCards]
    do {
      cards = try zip(spec.groups, books).map { group, book throws(CapacityError) in
        try FleetSimulation.cards(group.scenario, book: book)
      }
      run = try CapacityPlanner.run(
        spec, options: CapacityOptions(worlds: planWorlds, worldDays: worldDays, months: months),
        priceBooks: books, jobs: jobs)
    } catch let error as CapacityError {
      throw CLIError(error.description)
    }
    let text = (try? String(contentsOfFile: input, encoding: .utf8)) ?? ""
    return .init(
      run: run, fleetText: text, fleet: input, cards: cards, baseline: run.variants.count - 1, deployed: 0)
  }

  /// The scenario's deployed policy and its baseline on the same worlds.
  func forecast(_ input: String) throws -> BreakdownSnapshot.Forecast {
    let (scenario, path) = try ScenarioInput.load(input)
    let cards = try ScenarioInput.cards(scenario, path: path, prices: priceOptions)
    var baseline = scenario.policy
    baseline.idleTimeout = nil
    let policies = baseline == scenario.policy ? [baseline] : [baseline, scenario.policy]
    let forecast = ScenarioForecast(
      scenario: scenario, input: path,
      models: [ScenarioForecast.Model(name: scenario.model, cards: cards)], policies: policies, baseline: 0,
      worlds: worlds, seed: seed ?? scenario.seed)
    let results: ForecastResults
    do {
      results = try forecast.run(jobs: jobs)
    } catch let error as UsageError {
      throw CLIError("\(path): a simulated response cannot be priced: \(error.description)")
    }
    let text =
      (try? String(contentsOfFile: path, encoding: .utf8))
      ?? BundledScenarios.text((path as NSString).lastPathComponent) ?? ""
    return .init(
      results: results, scenarioText: text, cards: cards, baseline: 0, deployed: policies.count - 1)
  }
}
