public import ArgumentParser
internal import Billing
internal import Forecast
internal import Foundation
internal import RealtimeEvents
internal import Replay
internal import SessionGuard
internal import Simulation

/// `rtcost forecast`: a policy grid over many simulated worlds, with paired savings.
public struct ForecastCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "forecast",
    abstract: "Compare idle-timeout and alert policies over many simulated worlds of a scenario.",
    discussion: """
      Every policy of the grid runs on the same N worlds (common random numbers), so savings are
      paired differences against the baseline (no idle timeout unless --baseline says otherwise),
      reported with 95% intervals. With no input it runs the bundled scenarios/home-robot.yaml.
      A recording (.jsonl) as input is one world: its user turns and answer sizes re-simulated under
      every policy, with the prompt fitted as `replay --resimulate` does. The baseline is taken as
      the policy the recording was made under and bills exactly what `rtcost replay` bills (typed
      turns, tool answers, barge-ins and transcription included); every other policy is that bill
      plus the simulated difference. Per-day figures scale the recording's span plus one minute to
      24 h, as the header says (a 61 s recording: ×1409.46). A recording without timestamps gives
      every timing policy the recorded bill. --horizon must be at least 1d.
      Output is byte-identical at any --jobs; --shard i/n --out part.json writes exact per-world
      results that `rtcost merge` turns into the same report an unsharded run prints.

      Examples:
        rtcost forecast
        rtcost forecast scenarios/kiosk-push-to-talk.yaml --idle-timeouts off,30s,2m
        rtcost forecast --format json --html report.html
        rtcost forecast --max-added-wait-p95 2s --sensitivity --html report.html
        rtcost forecast --worlds 1000 --shard 0/4 --out part-0.json
        rtcost merge part-*.json
        rtcost forecast last-week.jsonl --idle-timeouts off,1m,3m,5m
      """)

  @Argument(
    help: ArgumentHelp(
      "A scenario file (default: the bundled scenarios/home-robot.yaml).", valueName: "scenario"))
  var input: String?

  @OptionGroup var grid: GuardGridOptions

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Models or APIs to compare on the same worlds, comma-separated, the first the baseline's "
        + "(e.g. gpt-realtime-2,gpt-realtime-2.1-mini,gpt-live-1.1; default: the scenario's).",
      valueName: "list"))
  var models: String?

  @Option(name: .long, parsing: .unconditional, help: "Worlds to simulate (each runs under every policy).")
  var worlds = 200

  @Option(name: .long, parsing: .unconditional, help: "Threads; the output does not depend on it.")
  var jobs = ProcessInfo.processInfo.activeProcessorCount

  @Option(
    name: .long, parsing: .unconditional, help: "Base seed of the worlds (default: the scenario's).",
    transform: SeedValue.parse)
  var seed: UInt64?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp("Simulated time per world, e.g. 7d (default: the scenario's).", valueName: "duration"),
    transform: DurationValue.parse)
  var horizon: DurationValue?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Price the scenario as of this day instead of its start: (the models in force then).",
      valueName: "YYYY-MM-DD"))
  var at: CalendarDay?

  @Flag(name: .long, help: "Run even when the work estimate is past the budget (about half an hour).")
  var allowLongRun = false

  @OptionGroup var output: OutputOptions<ReportFormat>

  @OptionGroup var html: HTMLOption

  @OptionGroup var decision: DecisionOptions

  @Flag(
    name: .long,
    help: ArgumentHelp(
      "Also vary the widest-uncertainty assumptions (cache, noise, reconnect latency) over their ranges "
        + "on the same worlds: how the recommended saving moves and whether the recommendation holds."))
  var sensitivity = false

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp("Run only shard i of n (0-based) of the worlds; needs --out.", valueName: "i/n"),
    transform: ShardSpec.parse)
  var shard: ShardSpec?

  @Option(name: .long, help: ArgumentHelp("Where --shard writes its partial results.", valueName: "file"))
  var out: String?

  @OptionGroup var priceOptions: PriceOptions

  /// Every policy simulated in every world (the same output), for scripts/bench-forecast.sh.
  @Flag(name: .long, help: .hidden)
  var unsharedRuns = false

  /// The previous approach (every policy simulated, checks reporting the streams: the same output
  /// but `events_simulated`), for scripts/bench-forecast.sh.
  @Flag(name: .long, help: .hidden)
  var previousApproach = false

  public init() {}

  public func validate() throws {
    if !(1...1_000_000).contains(worlds) {
      throw ValidationError("--worlds must be between 1 and 1000000, got \(worlds)")
    }
    if !(1...64).contains(jobs) { throw ValidationError("--jobs must be between 1 and 64, got \(jobs)") }
    if shard != nil, out == nil { throw ValidationError("--shard needs --out FILE for the partial results") }
    if shard == nil, out != nil { throw ValidationError("--out is for --shard; use --output for the report") }
    if let horizon, horizon.micros < 86_400_000_000 {
      throw ValidationError(
        "--horizon: per-day figures need at least one simulated day (activity varies by the hour), got "
          + DurationText.format(horizon.micros))
    }
    _ = try grid.grid(defaults: GuardSettings())
    _ = try modelNames()
    if sensitivity, let input, input.hasSuffix(".jsonl") {
      throw ValidationError(
        "--sensitivity varies a scenario's world model; a recording is one fixed world (give a scenario)")
    }
    if sensitivity, shard != nil {
      throw ValidationError("--sensitivity needs every world; run it without --shard")
    }
    if models != nil, let input, input.hasSuffix(".jsonl") {
      throw ValidationError("--models compares models on scenarios; a recording is replayed as its own model")
    }
  }

  public func run() throws {
    // Every output is checked before the run, which may take minutes.
    _ = try OutputPlan.check(
      [("--output", output.output), ("--html", html.html), ("--out", out)],
      inputs: [input, priceOptions.prices].compactMap { $0 })
    let forecast = try makeForecast()
    let range = shard?.range(of: forecast.worlds) ?? 0..<forecast.worlds
    let bar = ProgressBar(total: range.count, label: "forecast")
    let results: ForecastResults
    do {
      results = try forecast.run(
        worlds: range, jobs: jobs,
        approach: previousApproach ? .previous : unsharedRuns ? .everyPolicy : .sharedRuns,
        progress: { bar.update($0) })
    } catch let error as UsageError {
      throw CLIError("\(forecast.input): a simulated response cannot be priced: \(error.description)")
    }
    bar.finish()
    if let shard, let out {
      do {
        try OutputFile.write(try ForecastShardFile.encode(results, shard: shard.description), to: out)
      } catch let error as ShardFileError {
        throw CLIError(error.description)
      }
      return
    }
    let limits = decision.limits
    let varied = sensitivity ? try runSensitivity(forecast, results: results, limits: limits) : nil
    try ForecastOutput.write(
      results, format: output.format, output: output.output, html: html.html, limits: limits,
      sensitivity: varied)
  }

  /// The sensitivity run: every wide assumption at both ends of its range, on the same worlds.
  func runSensitivity(_ forecast: ScenarioForecast, results: ForecastResults, limits: DecisionLimits) throws
    -> Sensitivity
  {
    let assumptions = SensitivityAssumption.widest(for: forecast.scenario)
    let bar = ProgressBar(
      total: Sensitivity.worldCount(forecast, assumptions: assumptions), label: "sensitivity")
    defer { bar.finish() }
    do {
      return try Sensitivity.run(
        forecast, results: results, recommendation: Recommendation(results, limits: limits),
        assumptions: assumptions, jobs: jobs, progress: { bar.update($0) })
    } catch let error as UsageError {
      throw CLIError("\(forecast.input): a simulated response cannot be priced: \(error.description)")
    }
  }

  func makeForecast() throws -> ScenarioForecast {
    let book = try priceOptions.priceBook()
    if let path = input, path.hasSuffix(".jsonl") {
      do {
        return try ScenarioForecast.recording(
          open: { try ReplayCommand.open(path, lenient: false) },
          options: ReplayOptions(book: book, audioAnalyzer: WAVMarkerAnalyzer()),
          grid: try grid.grid(defaults: GuardSettings()))
      } catch let error as ForecastInputError {
        throw CLIError(error.description)
      }
    }
    var (scenario, path) = try ScenarioInput.load(input)
    if let horizon { scenario.horizon = horizon.micros }
    if let at { scenario.startDay = at }
    let names = try modelNames() ?? [scenario.model]
    let compared = try names.map { name in
      ScenarioForecast.Model(
        name: name, cards: try ScenarioInput.cards(scenario, path: path, prices: priceOptions, model: name))
    }
    let policies = try grid.grid(defaults: scenario.policy)
    let runs = worlds * policies.policies.count * compared.count
    if !allowLongRun,
      let refusal = WorkBudget.refusal(
        worldSeconds: Double(runs) * Double(scenario.horizon) / 1_000_000,
        what:
          "\(worlds) worlds × \(policies.policies.count) policies × \(compared.count) models × "
          + DurationText.format(scenario.horizon))
    {
      throw CLIError(refusal)
    }
    return ScenarioForecast(
      scenario: scenario, input: path, models: compared, policies: policies.policies,
      baseline: policies.baseline, worlds: worlds, seed: seed ?? scenario.seed)
  }

  /// `--models` as a list: names without blanks or repeats.
  func modelNames() throws -> [String]? {
    guard let models else { return nil }
    let names = models.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    guard !names.contains(where: \.isEmpty) else {
      throw ValidationError("--models: an empty name in '\(models)' (give names separated by commas)")
    }
    guard Set(names).count == names.count else {
      throw ValidationError("--models: '\(models)' names a model twice")
    }
    guard names.count <= 8 else { throw ValidationError("--models: at most 8 models, got \(names.count)") }
    return names
  }
}
