public import ArgumentParser
internal import Billing
internal import RealtimeEvents
internal import SessionGuard

/// `rtcost replay`: prices recordings exactly and runs them through the session guard on their own clock.
public struct ReplayCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "replay",
    abstract: "Price recorded Realtime sessions and replay them through the idle monitor and alerts.",
    discussion: """
      For each recording (DESIGN §2: timed {"t","dir","event"} lines or bare events) and in total: \
      responses by status, tokens and USD per billing category as billed (from response.done usage), \
      transcription, function calls, pricing warnings, the seed design's estimate beside the billed \
      total, and audio seconds in and out by format.

      A timed recording also runs through the real SessionGuard on its own timestamps: idle gaps, \
      every idle disconnect, reconnect and alert with its time, and a counterfactual: what the \
      recording billed while the guarded session would have been disconnected (never added to the \
      as-billed total). A bare recording gets a note instead; its pricing is exact.

      The model is the dated name from session.created/session.updated, else --model, else the \
      header's; prices are those in force on the header's started_at day (the newest without one).

      Examples:
        rtcost replay call.jsonl
        rtcost replay a.jsonl b.jsonl --format json --output replay.json
        rtcost replay mic.jsonl --idle-timeout 60s --check-interval 10s
        rtcost replay mic.jsonl --activity seed --warn 0.5 --alert 1 --alert-action disconnect
        rtcost replay server-events.jsonl --model gpt-4o-realtime-preview-2024-12-17 --lenient
        rtcost replay *.jsonl --stats usage_stats.json && rtcost dashboard usage_stats.json
        rtcost replay --resimulate server-events.jsonl --model gpt-4o-realtime-preview-2024-12-17
      """)

  @Argument(help: ArgumentHelp("Recordings to replay (JSON Lines).", valueName: "file"))
  var files: [String] = []

  @Option(name: .long, help: "The model when the recording names none in a session event (dated or alias).")
  var model: String?

  @OptionGroup var priceOptions: PriceOptions

  @Flag(name: .long, help: "Skip and count bad lines instead of stopping at the first.")
  var lenient = false

  @Option(name: .long, help: "table, json, csv or md.")
  var format: ReportFormat = .table

  @Option(
    name: .shortAndLong,
    help: ArgumentHelp(
      "Write the report to this file (atomically, only when every file replayed) instead of standard output.",
      valueName: "file"))
  var output: String?

  @Option(
    name: .customLong("idle-timeout"),
    help: ArgumentHelp("Idle timeout of the replayed monitor, or off (default 5m).", valueName: "duration"))
  var idleTimeout: String?

  @Option(
    name: .customLong("check-interval"),
    help: ArgumentHelp("How often the monitor checks (default 30s).", valueName: "duration"))
  var checkInterval: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "real components, or seed: the original design (every event is activity, duration meter, repeating alerts).",
      valueName: "real|seed"))
  var activity: String?

  @Option(
    name: .long,
    help: ArgumentHelp("Session warning threshold in USD, or none (default 0.50).", valueName: "usd"))
  var warn: String?

  @Option(
    name: .long,
    help: ArgumentHelp("Session alert threshold in USD, or none (default 1.00).", valueName: "usd"))
  var alert: String?

  @Option(
    name: .customLong("alert-action"),
    help: ArgumentHelp("What an alert does besides logging: log or disconnect.", valueName: "log|disconnect"))
  var alertAction: String?

  @Flag(
    name: .long,
    help: """
      Calibrate the world model: extract the recording's world trace, re-run it under the recorded \
      policy, and compare predicted and recorded input tokens response by response (table or json).
      """)
  var resimulate = false

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Add each recording's billed usage to this stats file (created when missing; read it with `rtcost dashboard`).",
      valueName: "file"))
  var stats: String?

  public init() {}

  public func validate() throws {
    guard !files.isEmpty else { throw ValidationError("give at least one recording") }
    _ = try policy()
  }

  public func run() throws {
    let policy = try policy()
    let book = try priceOptions.priceBook()
    if resimulate {
      guard format == .table || format == .json else {
        throw CLIError("--resimulate writes table or json, not \(format.rawValue)")
      }
      let reports = try files.map {
        try ResimulateReport.render(path: $0, model: model, priceBook: book, format: format)
      }
      try OutputFile.write(reports.joined(separator: format == .table ? "\n" : ""), to: output)
      return
    }
    var results: [ReplayFileResult] = []
    for file in files {
      results.append(
        try ReplayDriver.replay(
          path: file, lenient: lenient, book: book, modelOverride: model, policy: policy))
    }
    if let stats {
      // Recorded as an app's UsageStore records a finished session: locked, atomic, additive.
      let store = UsageStore(path: stats)
      do {
        for result in results { _ = try store.record(result.billed) }
      } catch {
        throw CLIError(error.description)
      }
    }
    try OutputFile.write(
      ReplayReport.render(results, format: format, timeOptionsGiven: timeOptionsGiven), to: output)
  }

  /// Whether any option about time was given (a bare recording notes that they were ignored).
  var timeOptionsGiven: Bool {
    [idleTimeout, checkInterval, activity, warn, alert, alertAction].contains { $0 != nil }
  }

  /// The guard settings from the options, defaults filled in.
  func policy() throws -> ReplayPolicy {
    var policy = ReplayPolicy.defaults
    if let idleTimeout {
      if idleTimeout == "off" {
        policy.idleTimeout = nil
      } else {
        guard let value = DurationText.parse(idleTimeout), value > 0 else {
          throw ValidationError(
            "--idle-timeout: '\(idleTimeout)' is not a positive duration (30s, 5m, 1h) or off")
        }
        policy.idleTimeout = value
      }
    }
    if let checkInterval {
      guard let value = DurationText.parse(checkInterval), value > 0 else {
        throw ValidationError("--check-interval: '\(checkInterval)' is not a positive duration (10s, 30s)")
      }
      policy.checkInterval = value
    }
    if let activity {
      guard let mode = GuardMode(rawValue: activity) else {
        throw ValidationError("--activity: '\(activity)' is not real or seed")
      }
      policy.mode = mode
    }
    if let warn { policy.warn = try Self.money(warn, option: "--warn") }
    if let alert { policy.alert = try Self.money(alert, option: "--alert") }
    if let alertAction {
      guard alertAction == "log" || alertAction == "disconnect" else {
        throw ValidationError("--alert-action: '\(alertAction)' is not log or disconnect")
      }
      policy.alertDisconnects = alertAction == "disconnect"
    }
    return policy
  }

  private static func money(_ text: String, option: String) throws -> Money? {
    if text == "none" { return nil }
    let trimmed = text.hasPrefix("$") ? String(text.dropFirst()) : text
    guard let money = Money(usd: trimmed), money > .zero else {
      throw ValidationError("\(option): '\(text)' is not a positive amount in USD (0.50) or none")
    }
    return money
  }
}
