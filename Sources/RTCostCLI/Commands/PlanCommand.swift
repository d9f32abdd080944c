public import ArgumentParser
internal import Billing
internal import Forecast
internal import Foundation
internal import Planning
internal import SessionGuard
internal import Simulation

/// `rtcost plan`: a fleet's monthly bill, its per-minute peaks and the rate-limit tier it needs.
public struct PlanCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "plan",
    abstract:
      "Plan a fleet's month: cost percentiles, peak sessions/RPM/TPM, rate-limit tier and budget day.",
    discussion: """
      Reads a fleet file: device groups (a scenario, a UTC offset, a policy),
      the month, the usage tier, the monthly budget and an optional policy
      grid (schema: docs/planning.md). Each group's scenario is simulated for
      --worlds worlds of --world-days days under each policy; the worlds are
      cut into device-days by local calendar day, and each device's month is
      drawn from those days with a seeded SplitMix64 (--months months for the
      cost percentiles; the first month also gives the per-minute peaks).
      The output is identical for every --jobs and for any --shard split
      merged with --merge. --exact simulates every device's own month instead
      (slow: shard it across machines).

      Examples:
        rtcost plan scenarios/fleet-example.yaml
        rtcost plan scenarios/fleet-example.yaml --jobs 2 --format json > plan.json
        rtcost plan scenarios/fleet-example.yaml --html plan.html
        rtcost plan scenarios/fleet-example.yaml --idle-timeouts off,2m,5m
        rtcost plan scenarios/fleet-example.yaml --shard 0/2 --out part-0.json
        rtcost plan scenarios/fleet-example.yaml --shard 1/2 --out part-1.json
        rtcost plan --merge part-0.json part-1.json --format md
      """)

  @Argument(help: "The fleet file, or with --merge the shard files.")
  var inputs: [String] = []

  @Flag(name: .long, help: "Merge shard files written with --shard/--out into one report.")
  var merge = false

  @Option(
    name: .long, parsing: .unconditional,
    help: "Worlds simulated per group and policy for the device-day library.")
  var worlds = 20

  @Option(
    name: .customLong("world-days"), parsing: .unconditional,
    help: "Days kept from each world (after one warm-up day).")
  var worldDays = 7

  @Option(name: .long, parsing: .unconditional, help: "Months sampled for the cost percentiles.")
  var months = 1_000

  @Flag(name: .long, help: "Simulate every device's own month (no sampling; one month).")
  var exact = false

  @Option(name: .long, parsing: .unconditional, help: "Threads; the output does not depend on it.")
  var jobs = 1

  @Flag(name: .long, help: "Run even when the work estimate is past the budget (about half an hour).")
  var allowLongRun = false

  @Option(
    name: .long, parsing: .unconditional, help: "Run seed (default: the fleet file's seed).",
    transform: SeedValue.parse)
  var seed: UInt64?

  @OptionGroup var grid: GuardGridOptions

  @OptionGroup var priceOptions: PriceOptions

  @OptionGroup var output: OutputOptions<ReportFormat>

  @OptionGroup var html: HTMLOption

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp("Run part i of n (0-based) of the devices.", valueName: "i/n"),
    transform: ShardSpec.parse)
  var shard: ShardSpec?

  @Option(name: .long, help: ArgumentHelp("With --shard: the shard file to write.", valueName: "file"))
  var out: String?

  public init() {}

  public func validate() throws {
    if inputs.isEmpty { throw ValidationError(merge ? "give the shard files to merge" : "give a fleet file") }
    if !merge, inputs.count > 1 { throw ValidationError("give one fleet file (or --merge with shard files)") }
    if merge, shard != nil { throw ValidationError("--merge and --shard cannot be combined") }
    if !(2...10_000).contains(worlds) {
      throw ValidationError("--worlds must be between 2 and 10000, got \(worlds)")
    }
    if !(1...366).contains(worldDays) {
      throw ValidationError("--world-days must be between 1 and 366, got \(worldDays)")
    }
    if !(1...100_000).contains(months) {
      throw ValidationError("--months must be between 1 and 100000, got \(months)")
    }
    if !(1...64).contains(jobs) { throw ValidationError("--jobs must be between 1 and 64, got \(jobs)") }
    if (shard == nil) != (out == nil) { throw ValidationError("--shard and --out go together") }
    if merge, grid.anyGiven { throw ValidationError("--merge takes no policy grid options") }
    _ = try grid.grid(defaults: GuardSettings(), wide: false)
  }

  public func run() throws {
    // Every output is checked before the run, which may take minutes.
    _ = try OutputPlan.check(
      [("--output", output.output), ("--html", html.html), ("--out", out)],
      inputs: inputs + [priceOptions.prices].compactMap { $0 })
    if merge {
      let run: CapacityRun
      do {
        let parts = try inputs.map { path in try PlanShardFile.decode(InputFile.read(path), path: path) }
        run = try CapacityPlanner.merge(parts)
      } catch let error as ShardFileError {
        throw CLIError(error.description)
      } catch let error as CapacityError {
        throw CLIError("cannot merge \(inputs.joined(separator: " ")): \(error.description)")
      }
      try write(CapacitySummary(run))
      return
    }
    var spec: FleetSpec
    do {
      spec = try FleetLoader.load(path: inputs[0])
    } catch {
      throw CLIError(error.description)
    }
    if let seed { spec.seed = seed }
    if grid.anyGiven { spec.grid = try gridVariants(spec.groups) }
    if !allowLongRun { try checkWork(spec) }
    let priceBooks = try Self.priceBooks(spec, prices: priceOptions)
    let shardSpec = shard ?? .whole
    let bar = ProgressBar(total: 100, label: "plan")
    let run: CapacityRun
    do {
      run = try CapacityPlanner.run(
        spec, options: CapacityOptions(worlds: worlds, worldDays: worldDays, months: months, exact: exact),
        priceBooks: priceBooks, jobs: jobs, shard: (shardSpec.index, shardSpec.count)
      ) { fraction in bar.update(Int(fraction * 100)) }
    } catch let error as CapacityError {
      bar.finish()
      throw CLIError(error.description)
    }
    bar.finish()
    if let out {
      do {
        try OutputFile.write(try PlanShardFile.encode(run), to: out)
      } catch let error as ShardFileError {
        throw CLIError(error.description)
      }
      return
    }
    try write(CapacitySummary(run))
  }

  /// Each group's price book: the user's cards over the bundled book, then the group scenario's own
  /// price file, with residency applied; a model shut down by the planned month is warned about.
  static func priceBooks(_ spec: FleetSpec, prices priceOptions: PriceOptions) throws -> [PriceBook] {
    let base = try priceOptions.baseBook()
    return try spec.groups.map { group in
      let book: PriceBook
      do {
        book = try group.scenario.priceBook(over: base)
      } catch let error as PriceFileError {
        throw CLIError(error.description)
      }
      if let warning = try? book.shutdownWarning(
        for: group.scenario.model, inYear: spec.month.year, month: spec.month.month)
      {
        Console.current.warn("group \(group.name): \(warning)")
      }
      return try priceOptions.applyingResidency(to: book)
    }
  }

  /// Refuses, before any simulation, a plan past ``WorkBudget``: every group's device days
  /// (its worlds' warm-up day and kept days, or with --exact every device's month) under every
  /// variant of the grid.
  func checkWork(_ spec: FleetSpec) throws {
    let variants = max(1, spec.grid.count)
    let days =
      exact
      ? spec.groups.reduce(0.0) { $0 + Double($1.count) * 31 }
      : Double(spec.groups.count) * Double(worlds) * Double(worldDays + 1)
    let what =
      exact
      ? "\(spec.groups.reduce(0) { $0 + $1.count }) devices × 31 days × \(variants) variants"
      : "\(spec.groups.count) groups × \(worlds) worlds × \(worldDays + 1) days × \(variants) variants"
    if let refusal = WorkBudget.refusal(worldSeconds: days * Double(variants) * 86_400, what: what) {
      throw CLIError(refusal)
    }
  }

  func write(_ summary: CapacitySummary) throws {
    let report = PlanReport.render(summary, format: output.format)
    let plan = try OutputPlan.check([("--output", output.output), ("--html", html.html)])
    var files: [(path: String?, text: String)] = [(output.output, report)]
    if let html = html.html { files.insert((html, PlanHTML.render(summary)), at: 0) }
    try plan.commit(files)
  }

  /// The grid options laid over every group's policy: variant k runs each group under its own
  /// policy with the k-th combination applied.
  func gridVariants(_ groups: [FleetGroup]) throws -> [FleetVariant] {
    let grids = try groups.map { try grid.grid(defaults: $0.policy, wide: false) }
    guard let count = grids.first?.policies.count, grids.allSatisfy({ $0.policies.count == count }) else {
      throw ValidationError(
        "the policy grid merges differently for the fleet's groups (their policies differ in thresholds); "
          + "give the grid in the fleet file instead")
    }
    return (0..<count).map { index in
      FleetVariant(label: grids[0].policies[index].gridLabel, policies: grids.map { $0.policies[index] })
    }
  }
}
