public import ArgumentParser
internal import Billing
internal import Foundation
internal import RealtimeEvents
internal import SessionGuard
internal import Simulation

/// `rtcost simulate`: one simulated world under one policy, priced as a replay would price it.
public struct SimulateCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "simulate",
    abstract: "Simulate one world of a scenario under one policy and price it.",
    discussion: """
      Generates the world of SCENARIO for the seed and runs it through the discrete-event engine
      with the real session guard (idle monitor, usage tracker, cost alerts). The report has the
      replay report's sections (tokens and USD per billing category, the seed-compatible estimate,
      idle disconnects, alerts) plus the world's own counts: genuine turns, noise bursts, turns
      delayed by a reconnect, conversations whose memory a reset lost. Guard options override the
      scenario's policy. The same scenario and seed give byte-identical output. --emit-events
      writes the events as a timed recording that `rtcost replay` prices to the same total; its
      size is estimated first (an always-on microphone streams 64 KB/s of base64, 5.5 GB a day),
      and a recording past 2 GB is refused unless --allow-large-output is given.

      Examples:
        rtcost simulate
        rtcost simulate scenarios/phone-agent.yaml --seed 7 --horizon 1d --format json
        rtcost simulate --horizon 1h --idle-timeout 2m --emit-events hour.jsonl
        rtcost simulate --warn 0.5 --alert 1 --alert-action disconnect
        rtcost simulate --model gpt-live-1.1 --at 2026-11-23 --idle-timeout 1m
      """)

  @Argument(
    help: ArgumentHelp(
      "A scenario file (default: the bundled scenarios/home-robot.yaml).", valueName: "scenario"))
  var input: String?

  @Option(
    name: .long, parsing: .unconditional, help: "World seed (default: the scenario's).",
    transform: SeedValue.parse)
  var seed: UInt64?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp("Simulated time, e.g. 7d (default: the scenario's).", valueName: "duration"),
    transform: DurationValue.parse)
  var horizon: DurationValue?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Run the world on this model instead of the scenario's (a GPT-Live model speaks GPT-Live).",
      valueName: "model"))
  var model: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Price the scenario as of this day instead of its start: (the models in force then).",
      valueName: "YYYY-MM-DD"))
  var at: CalendarDay?

  @OptionGroup var guardOptions: GuardOptions

  @Option(
    name: .long, help: ArgumentHelp("Write the events as a timed recording (atomically).", valueName: "file"))
  var emitEvents: String?

  @Flag(name: .long, help: "Run even when the work estimate is past the budget (about half an hour).")
  var allowLongRun = false

  @Flag(name: .long, help: "With --emit-events: write a recording larger than 2 GB.")
  var allowLargeOutput = false

  @OptionGroup var output: OutputOptions<TableOrJSON>

  @OptionGroup var priceOptions: PriceOptions

  public init() {}

  public func validate() throws {
    _ = try guardOptions.settings(over: GuardSettings())
  }

  public func run() throws {
    let plan = try OutputPlan.check(
      [("--output", output.output), ("--emit-events", emitEvents)],
      inputs: [input, priceOptions.prices].compactMap { $0 })
    let (result, recording) = try simulate(plan: plan)
    let report = try SimulateReport.render(result, format: output.format == .json ? .json : .table)
    try plan.commit([(output.output, report)], staged: recording.map { [$0] } ?? [])
  }

  /// Loads, runs and meters.
  func simulate() throws -> WorldSimulation.Result {
    let (result, recording) = try simulate(plan: OutputPlan.check([("--emit-events", emitEvents)]))
    try OutputPlan().commit([], staged: recording.map { [$0] } ?? [])
    return result
  }

  /// Loads, runs and meters; stages the recording when asked (committed with the run's other outputs).
  func simulate(plan: OutputPlan) throws -> (WorldSimulation.Result, StagedFile?) {
    var (scenario, path) = try ScenarioInput.load(input)
    if let horizon { scenario.horizon = horizon.micros }
    if let model { scenario.model = model }
    if let at { scenario.startDay = at }
    scenario.policy = try guardOptions.settings(over: scenario.policy)
    if !allowLongRun,
      let refusal = WorkBudget.refusal(
        worldSeconds: Double(scenario.horizon) / 1_000_000,
        what: "one world of " + DurationText.format(scenario.horizon))
    {
      throw CLIError(refusal)
    }
    // One world runs in full detail (every event, on one core): past the longest duration a
    // scenario value may have, ask for a long run.
    if !allowLongRun, Double(scenario.horizon) > ScenarioLimits.duration {
      throw CLIError(
        "--horizon \(DurationText.format(scenario.horizon)): one simulated world is at most 30d "
          + "(it runs every event on one core): shorten --horizon, or give --allow-long-run")
    }
    let cards = try ScenarioInput.cards(scenario, path: path, prices: priceOptions)
    let simulation = WorldSimulation(scenario: scenario, seed: seed, cards: cards)
    if emitEvents != nil, !allowLargeOutput { try checkEmittedSize(simulation, path: path) }
    let writer: RecordingWriter?
    do {
      writer = try emitEvents.map {
        try RecordingWriter(
          target: try plan.target($0) ?? FileTarget.check($0),
          header: RecordingHeader(
            model: cards.billing.model,
            // The world's time 0 is midnight (UTC) of the scenario's first day, so a recording that
            // `rtcost fit` reads keeps its day and its hours; an undated scenario writes no date.
            startedAt: scenario.startDay.map { "\($0)T00:00:00Z" },
            note: "rtcost simulate \(scenario.name) seed \(simulation.seed)"))
      }
    } catch {
      throw CLIError(String(describing: error))
    }
    let result: WorldSimulation.Result
    let recording: StagedFile?
    do {
      result = try simulation.run(detail: .full) { event in try writer?.write(event) }
      recording = try writer?.finishStaged()
    } catch let error as SimulationError {
      throw CLIError("\(path): \(error.message)")
    } catch let error as RecordingError {
      throw CLIError(error.description)
    }
    return (result, recording)
  }

  /// The largest recording `--emit-events` writes without `--allow-large-output`.
  static let largestEmittedBytes: Int64 = 2_000_000_000

  /// Refuses, before anything is written, a recording estimated past ``largestEmittedBytes``
  /// (from a coalesced run of the same world: milliseconds for a day).
  func checkEmittedSize(_ simulation: WorldSimulation, path: String) throws {
    let dry: WorldSimulation.Result
    do {
      dry = try simulation.run(detail: .coalesced)
    } catch let error as SimulationError {
      throw CLIError("\(path): \(error.message)")
    }
    let scenario = simulation.scenario
    let bytes = EmittedRecordingSize.estimate(
      usage: dry.usage, events: dry.stats.events, input: scenario.session.inputAudioFormat,
      output: scenario.session.outputAudioFormat, appendInterval: scenario.worldModel.micAppendInterval,
      deltaDuration: scenario.worldModel.audioDeltaDuration)
    guard bytes > Self.largestEmittedBytes else { return }
    let gigabytes = (Double(bytes) / 1e8).rounded() / 10
    let streamed = Int64((Double(dry.usage.inputAudioMicros) / 1e6).rounded())
    throw CLIError(
      "--emit-events would write about \(gigabytes) GB (\(streamed) s of microphone audio as base64); "
        + "the limit is 2 GB: shorten --horizon, or give --allow-large-output")
  }
}

/// Loads scenario files and prices them, with errors as one line naming the file.
enum ScenarioInput {
  /// The scenario a command runs when none is named.
  static let defaultScenario = "home-robot.yaml"

  /// The scenario at `path`, or the bundled default when nil, with the name reports give it.
  static func load(_ path: String?) throws -> (scenario: Scenario, path: String) {
    do {
      guard let path else {
        return (
          try BundledScenarios.scenario(defaultScenario), BundledScenarios.displayPath(defaultScenario)
        )
      }
      return (try ScenarioLoader.load(path: path), path)
    } catch {
      throw CLIError(error.description)
    }
  }

  /// The scenario's cards: its own price file over the bundled book and `--prices`, with the
  /// residency uplift when asked. A model shut down on the scenario's day (its `start:`, else today)
  /// is priced all the same, with a warning.
  static func cards(
    _ scenario: Scenario, path: String, prices: PriceOptions, model: String? = nil
  ) throws -> Scenario.PriceCards {
    let base = try prices.baseBook()
    let cards: Scenario.PriceCards
    do {
      cards = try scenario.priceCards(of: model ?? scenario.model, over: base, residency: prices.residency)
    } catch .priceFile(let error) {
      throw CLIError(error.description)
    } catch .price(let error) {
      throw CLIError("\(path): \(error.description)")
    }
    var priced = scenario
    priced.model = model ?? scenario.model
    warnShutdowns(priced, book: base, on: scenario.startDay ?? CalendarDay.today)
    return cards
  }

  /// Warns (on standard error) when the scenario's model or transcription model is shut down on `day`.
  static func warnShutdowns(_ scenario: Scenario, book: PriceBook, on day: CalendarDay) {
    let book = (try? scenario.priceBook(over: book)) ?? book
    if let warning = try? book.shutdownWarning(for: scenario.model, on: day) {
      Console.current.warn("\(scenario.name): \(warning)")
    }
    if let model = scenario.session.transcriptionModel,
      let warning = try? book.transcriptionShutdownWarning(for: model, on: day)
    {
      Console.current.warn("\(scenario.name): \(warning)")
    }
  }
}
