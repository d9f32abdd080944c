public import ArgumentParser
internal import Foundation
internal import RealtimeEvents
internal import Simulation

/// `rtcost fit`: a scenario estimated from timed recordings, written as scenario YAML.
public struct FitCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "fit",
    abstract: "Estimate a scenario from timed recordings and write it as a scenario file.",
    discussion: """
      Reads the recordings' timed events and estimates what a scenario file states: conversations \
      per hour by hour of day, turns per conversation, utterance length, think time, answer audio and \
      transcript sizes, function calls and their durations, responses to noise, local commands, the \
      prompt and the session settings seen. Each distribution is fitted by maximum likelihood and \
      chosen by AIC; the report gives every parameter's sample size, the family chosen, its \
      Kolmogorov-Smirnov distance and what stayed at its default and why. The scenario file written \
      with -o loads in simulate, forecast and plan unchanged; its comments repeat the report.

      Conversations are one per session when sessions are hung up; otherwise a turn continues its \
      conversation when it starts within --conversation-gap of the previous answer's end. When most \
      conversations begin just after a local user command (a wake word), commands delimit them, and \
      an utterance that neither follows one nor continues a conversation is a response to noise.

      Examples:
        rtcost simulate scenarios/phone-agent.yaml --horizon 1d --emit-events d.jsonl
        rtcost fit d.jsonl -o fitted.yaml --span 1d
        rtcost fit mon.jsonl tue.jsonl -o week.yaml --name front-desk --format json
        rtcost forecast fitted.yaml --idle-timeouts off,1m,5m
      """)

  @Argument(help: ArgumentHelp("Timed recordings (JSON Lines) of one device or app.", valueName: "recording"))
  var files: [String] = []

  @Option(
    name: [.customShort("o"), .long],
    help: ArgumentHelp("Write the fitted scenario here (atomically).", valueName: "scenario.yaml"))
  var output: String

  @Option(name: .long, help: "The scenario's name (default: the output file's name).")
  var name: String?

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "A turn this close to the previous answer's end continues its conversation.", valueName: "duration"),
    transform: DurationValue.parse)
  var conversationGap = DurationValue(argument: "60s")!

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp("A local command this long before speech is its wake word.", valueName: "duration"),
    transform: DurationValue.parse)
  var wakeWordWindow = DurationValue(argument: "5s")!

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Each recording watched this long from its start (quiet time after its last event counts as observed).",
      valueName: "duration"),
    transform: DurationValue.parse)
  var span: DurationValue?

  @Option(
    name: .long, parsing: .unconditional,
    help: "Fewer observations than this keep a distribution at its default.")
  var minimumSamples = 5

  @Option(name: .long, help: ArgumentHelp("The report's format.", valueName: "format"))
  var format: TableOrJSON = .table

  @Option(
    name: .long,
    help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
  var report: String?

  public init() {}

  public func validate() throws {
    guard !files.isEmpty else { throw ValidationError("give at least one timed recording") }
    guard output.hasSuffix(".yaml") || output.hasSuffix(".yml") else {
      throw ValidationError("-o/--output: a scenario file ends in .yaml, got '\(output)'")
    }
    guard (1...1_000_000).contains(minimumSamples) else {
      throw ValidationError("--minimum-samples must be between 1 and 1000000, got \(minimumSamples)")
    }
  }

  public func run() throws {
    let scenarioName = name ?? ((output as NSString).lastPathComponent as NSString).deletingPathExtension
    var fitter = ScenarioFitter(
      options: ScenarioFitter.Options(
        name: scenarioName, conversationGap: conversationGap.micros, wakeWordWindow: wakeWordWindow.micros,
        minimumSamples: minimumSamples, observedSpan: span?.micros))
    do {
      for file in files { try fitter.add(try ReplayCommand.open(file, lenient: false)) }
    } catch let error as FitError {
      throw CLIError(error.description)
    }
    let fit: ScenarioFit
    let yaml: String
    do {
      fit = try fitter.fit()
      yaml = try fit.yaml(baseDirectory: (output as NSString).deletingLastPathComponent)
    } catch let error as FitError {
      throw CLIError(error.description)
    } catch let error as ScenarioWriteError {
      throw CLIError("\(output): \(error.description)")
    }
    try OutputFile.write(yaml, to: output)
    try OutputFile.write(FitReportText.render(fit, scenarioPath: output, format: format), to: report)
  }
}
