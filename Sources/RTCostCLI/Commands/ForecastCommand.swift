public import ArgumentParser
internal import Billing
internal import Forecast
internal import Foundation
internal import RealtimeEvents
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
      A timed recording (.jsonl) as input is one world: its user turns and answer sizes re-simulated
      under every policy, with the prompt fitted as `replay --resimulate` does.
      Output is byte-identical at any --jobs; --shard i/n --out part.json writes exact per-world
      results that `rtcost merge` turns into the same report an unsharded run prints.

      Examples:
        rtcost forecast
        rtcost forecast scenarios/kiosk-push-to-talk.yaml --idle-timeouts off,30s,2m --worlds 50
        rtcost forecast --format json --html report.html
        rtcost forecast --worlds 1000 --shard 0/4 --out part-0.json   # then: rtcost merge part-*.json
        rtcost forecast last-week.jsonl --idle-timeouts off,1m,3m,5m
      """)

  @Argument(
    help: ArgumentHelp(
      "A scenario file (default: the bundled scenarios/home-robot.yaml).", valueName: "scenario"))
  var input: String?

  @OptionGroup var grid: PolicyGridOptions

  @Option(name: .long, help: "Worlds to simulate (each runs under every policy).")
  var worlds = 200

  @Option(name: .long, help: "Threads; the output does not depend on it.")
  var jobs = ProcessInfo.processInfo.activeProcessorCount

  @Option(name: .long, help: "Base seed of the worlds (default: the scenario's).")
  var seed: UInt64?

  @Option(
    name: .long,
    help: ArgumentHelp("Simulated time per world, e.g. 7d (default: the scenario's).", valueName: "duration"))
  var horizon: String?

  @Option(name: .long, help: "table, json, csv or md.")
  var format: ReportFormat = .table

  @Option(
    name: .long, help: ArgumentHelp("Also write a self-contained HTML report with charts.", valueName: "file")
  )
  var html: String?

  @Option(
    name: .long,
    help: ArgumentHelp("Write the report to a file (atomically) instead of stdout.", valueName: "file"))
  var output: String?

  @Option(
    name: .long,
    help: ArgumentHelp("Run only shard i of n (0-based) of the worlds; needs --out.", valueName: "i/n"))
  var shard: String?

  @Option(name: .long, help: ArgumentHelp("Where --shard writes its partial results.", valueName: "file"))
  var out: String?

  @OptionGroup var priceOptions: PriceOptions

  public init() {}

  public func validate() throws {
    if !(1...1_000_000).contains(worlds) { throw ValidationError("--worlds must be between 1 and 1000000") }
    if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    if shard != nil, out == nil { throw ValidationError("--shard needs --out FILE for the partial results") }
    if shard == nil, out != nil { throw ValidationError("--out is for --shard; use --output for the report") }
    if let shard, ShardSpec(shard) == nil {
      throw ValidationError("--shard must be i/n with 0 ≤ i < n, got \(shard)")
    }
  }

  public func run() throws {
    let forecast = try makeForecast()
    let spec = shard.flatMap(ShardSpec.init)
    let range =
      spec.map { ForecastResults.worldRange(shard: $0.index, of: $0.count, totalWorlds: forecast.worlds) }
      ?? 0..<forecast.worlds
    let bar = ProgressBar(total: range.count, label: "forecast")
    let results: ForecastResults
    do {
      results = try forecast.run(worlds: range, jobs: jobs, progress: { bar.update($0) })
    } catch let error as UsageError {
      throw CLIError("\(forecast.input): a simulated response cannot be priced: \(error.description)")
    }
    bar.finish()
    if let spec, let out {
      try OutputFile.write(ForecastShardFile.encode(results, shard: spec.description), to: out)
      return
    }
    try ForecastOutput.write(results, format: format, output: output, html: html)
  }

  /// A recording as input: its own world (one), re-simulated under every policy of the grid.
  func recordingForecast(_ path: String) throws -> ScenarioForecast {
    let recorded: RecordedTrace
    do {
      recorded = try Calibration.extract(path: path)
    } catch {
      throw CLIError(String(describing: error))
    }
    guard let model = recorded.model else {
      throw CLIError("\(path): no session event names the model, so the recording cannot be re-simulated")
    }
    guard recorded.timed else {
      throw CLIError("\(path): this recording has no timestamps: idle timeouts cannot be re-simulated on it")
    }
    let book = try priceOptions.priceBook()
    let card: PriceCard
    do {
      card = try book.card(for: model)
    } catch {
      throw CLIError("\(path): \(error.description)")
    }
    let calibration = Calibration.run(recorded)
    var scenario = RecordingWorld.scenario(
      name: path, model: card.model, promptTokens: calibration.promptTokens, horizon: 0)
    let trace = RecordingWorld.trace(recorded, session: scenario.session)
    scenario.horizon = trace.horizon
    let (policies, baseline) = try grid.grid(defaults: scenario.policy)
    var forecast = ScenarioForecast(
      scenario: scenario, input: path, priceCard: card, transcriptionCard: nil, policies: policies,
      baseline: baseline, worlds: 1, seed: 0)
    forecast.fixedTrace = trace
    return forecast
  }

  func makeForecast() throws -> ScenarioForecast {
    let path = try input ?? BundledScenarios.path("home-robot.yaml")
    if path.hasSuffix(".jsonl") { return try recordingForecast(path) }
    var scenario: Scenario
    do {
      scenario = try ScenarioLoader.load(path: path)
    } catch {
      throw CLIError(error.description)
    }
    if let horizon {
      guard let micros = DurationText.parse(horizon), micros > 0 else {
        throw CLIError("--horizon: '\(horizon)' is not a positive duration such as 7d")
      }
      scenario.horizon = micros
    }
    var book = try priceOptions.priceBook()
    if let file = scenario.pricesFile {
      let resolved = URL(
        fileURLWithPath: file, relativeTo: URL(fileURLWithPath: path).deletingLastPathComponent()
      ).path
      book = book.overlaid(with: try PriceFileLoader.load(path: resolved))
    }
    let card: PriceCard
    let transcription: TranscriptionPriceCard?
    do {
      card = try book.card(for: scenario.model, on: scenario.startDay)
      transcription = try scenario.session.transcriptionModel.map {
        try book.transcriptionCard(for: $0, on: scenario.startDay)
      }
    } catch {
      throw CLIError("\(path): \(String(describing: error))")
    }
    let (policies, baseline) = try grid.grid(defaults: scenario.policy)
    return ScenarioForecast(
      scenario: scenario, input: path, priceCard: card, transcriptionCard: transcription, policies: policies,
      baseline: baseline, worlds: worlds, seed: seed ?? scenario.seed)
  }
}
