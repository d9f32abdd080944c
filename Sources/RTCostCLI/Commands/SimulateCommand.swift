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
      delayed by a reconnect, conversations whose memory a reset lost. Options override the
      scenario's policy. The same scenario and seed give byte-identical output. --emit-events
      writes the events as a timed recording that `rtcost replay` prices to the same total.

      Examples:
        rtcost simulate
        rtcost simulate scenarios/phone-agent.yaml --seed 7 --horizon 1d --format json
        rtcost simulate --idle-timeout 2m --activity seed --emit-events week.jsonl
        rtcost simulate --warn 0.5 --alert 1 --alert-action disconnect
      """)

  @Argument(
    help: ArgumentHelp(
      "A scenario file (default: the bundled scenarios/home-robot.yaml).", valueName: "scenario"))
  var input: String?

  @Option(name: .long, help: "World seed (default: the scenario's).")
  var seed: UInt64?

  @Option(
    name: .long,
    help: ArgumentHelp("Simulated time, e.g. 7d (default: the scenario's).", valueName: "duration"))
  var horizon: String?

  @Option(name: .long, help: ArgumentHelp("Idle timeout, e.g. 5m, or off.", valueName: "duration|off"))
  var idleTimeout: String?

  @Option(name: .long, help: ArgumentHelp("Idle check interval, e.g. 30s.", valueName: "duration"))
  var checkInterval: String?

  @Option(name: .long, help: "Activity rule of the idle monitor: real or seed.")
  var activity: String?

  @Option(name: .long, help: ArgumentHelp("Session warning threshold in USD.", valueName: "usd"))
  var warn: String?

  @Option(name: .long, help: ArgumentHelp("Session alert threshold in USD.", valueName: "usd"))
  var alert: String?

  @Option(name: .long, help: "What an alert does: log, callback or disconnect.")
  var alertAction: String?

  @Option(
    name: .long, help: ArgumentHelp("Write the events as a timed recording (atomically).", valueName: "file"))
  var emitEvents: String?

  @Option(name: .long, help: "table or json.")
  var format: TableOrJSON = .table

  @Option(name: .long, help: ArgumentHelp("Write the report to a file (atomically).", valueName: "file"))
  var output: String?

  @OptionGroup var priceOptions: PriceOptions

  public init() {}

  public func validate() throws {
  }

  public func run() throws {
    let result = try simulate()
    try OutputFile.write(
      try SimulateReport.render(result, format: format == .json ? .json : .table), to: output)
  }

  /// Loads, runs and meters; writes the recording when asked.
  func simulate() throws -> SimulateResult {
    let path = try input ?? BundledScenarios.path("home-robot.yaml")
    var scenario: Scenario
    do {
      scenario = try ScenarioLoader.load(path: path)
    } catch {
      throw CLIError(error.description)
    }
    try applyOverrides(to: &scenario)
    let (card, transcription) = try priceCards(scenario: scenario, path: path)
    let seed = self.seed ?? scenario.seed
    let trace = WorldGenerator(scenario: scenario).generate(seed: seed)

    var meter = UsageTracker(
      configuration: UsageTracker.Configuration(
        mode: .real, priceCard: card, transcriptionCard: transcription))
    let writer: RecordingWriter?
    do {
      writer = try emitEvents.map {
        try RecordingWriter(
          path: $0,
          header: RecordingHeader(
            model: card.model, note: "rtcost simulate \(scenario.name) seed \(seed)"))
      }
    } catch {
      throw CLIError(String(describing: error))
    }
    var writeError: RecordingError?
    let stats = Simulator.run(
      scenario: scenario, trace: trace, policy: Simulator.Policy(settings: scenario.policy), priceCard: card,
      transcriptionCard: transcription, detail: .full
    ) { event in
      meter.handle(event.event, at: event.time ?? 0)
      guard let writer, writeError == nil else { return }
      do throws(RecordingError) { try writer.write(event) } catch { writeError = error }
    }
    if let writeError { throw CLIError(writeError.description) }
    if let issue = meter.issues.first(where: \.unpriced) {
      throw CLIError("\(path): a simulated response cannot be priced: \(issue.message)")
    }
    do {
      try writer?.finish()
    } catch {
      throw CLIError(error.description)
    }
    return SimulateResult(
      scenario: scenario.name, seed: seed, horizon: scenario.horizon, policy: scenario.policy,
      model: card.model, usage: meter.run, stats: stats)
  }

  func applyOverrides(to scenario: inout Scenario) throws {
    if let horizon {
      guard let micros = DurationText.parse(horizon), micros > 0 else {
        throw CLIError("--horizon: '\(horizon)' is not a positive duration such as 7d")
      }
      scenario.horizon = micros
    }
    if let idleTimeout {
      if idleTimeout == "off" {
        scenario.policy.idleTimeout = nil
      } else {
        guard let micros = DurationText.parse(idleTimeout), micros > 0 else {
          throw CLIError("--idle-timeout: '\(idleTimeout)' is not a positive duration such as 5m, or off")
        }
        scenario.policy.idleTimeout = micros
      }
    }
    if let checkInterval {
      guard let micros = DurationText.parse(checkInterval), micros > 0 else {
        throw CLIError("--check-interval: '\(checkInterval)' is not a positive duration such as 30s")
      }
      scenario.policy.checkInterval = micros
    }
    if let activity {
      switch activity {
      case "real": scenario.policy.activity = .real
      case "seed": scenario.policy.activity = .seed
      default: throw CLIError("--activity: must be real or seed, got '\(activity)'")
      }
    }
    if let warn { scenario.policy.warn = try Self.money(warn, option: "--warn") }
    if let alert { scenario.policy.alert = try Self.money(alert, option: "--alert") }
    if let alertAction {
      guard let action = AlertAction(rawValue: alertAction) else {
        throw CLIError("--alert-action: must be log, callback or disconnect, got '\(alertAction)'")
      }
      scenario.policy.alertAction = action
    }
    if let warn = scenario.policy.warn, let alert = scenario.policy.alert, alert < warn {
      throw CLIError("--alert: the alert threshold (\(alert)) must not be below the warning (\(warn))")
    }
  }

  static func money(_ text: String, option: String) throws -> Money {
    let digits = text.hasPrefix("$") ? String(text.dropFirst()) : text
    guard let money = Money(usd: digits), money >= .zero else {
      throw CLIError("\(option): '\(text)' is not an amount in USD such as 0.50")
    }
    return money
  }

  /// The scenario model's card (the scenario's own price file over --prices over the bundled book).
  func priceCards(scenario: Scenario, path: String) throws -> (PriceCard, TranscriptionPriceCard?) {
    var book = try priceOptions.priceBook()
    if let file = scenario.pricesFile {
      let resolved = URL(
        fileURLWithPath: file, relativeTo: URL(fileURLWithPath: path).deletingLastPathComponent()
      ).path
      book = book.overlaid(with: try PriceFileLoader.load(path: resolved))
    }
    do {
      let card = try book.card(for: scenario.model, on: scenario.startDay)
      let transcription = try scenario.session.transcriptionModel.map {
        try book.transcriptionCard(for: $0, on: scenario.startDay)
      }
      return (card, transcription)
    } catch {
      throw CLIError("\(path): \(String(describing: error))")
    }
  }
}
