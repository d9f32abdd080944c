public import ArgumentParser
internal import Billing
internal import RealtimeEvents
internal import Replay
internal import SessionGuard
internal import Simulation

/// `rtcost replay`: prices recordings exactly and runs them through the session guard on their own clock.
public struct ReplayCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "replay",
    abstract: "Price recorded Realtime sessions and replay them through the idle monitor and alerts.",
    discussion: """
      For each recording (timed {"t","dir","event"} lines or bare events; docs/recordings.md) and in \
      total: responses by status, tokens and USD per billing category as billed (from response.done \
      usage), transcription, function calls, pricing warnings, the seed design's estimate beside the \
      billed total, and audio seconds in and out by format.

      A timed recording also runs through the real SessionGuard on its own timestamps: idle gaps, \
      every idle disconnect, reconnect and alert with its time, and a counterfactual: what the \
      recording billed while the guarded session would have been disconnected (never added to the \
      as-billed total). A bare recording gets a note instead; its pricing is exact. The guard's \
      defaults are the original design's numbers (5m timeout, 30s checks, $0.50 warning, $1 alert) \
      on the real components; --mode seed reproduces the original design itself.

      Which model and which day (docs/replay.md): a dated snapshot named by the session wins; for an \
      alias, a dated --model or header model wins, else the alias resolves on the recording's day: \
      the header's started_at, else the session's expires_at minus its era's length cap, else \
      --at, else the newest snapshot with a warning. The report says where both came from.

      Examples:
        rtcost replay call.jsonl
        rtcost replay a.jsonl b.jsonl --format json --output replay.json
        rtcost replay mic.jsonl --idle-timeout 60s --check-interval 10s
        rtcost replay mic.jsonl --mode seed --alert 1 --alert-action disconnect
        rtcost replay mic.jsonl --alert day=10 --alert-action callback
        rtcost replay events.jsonl --model gpt-4o-realtime-preview --lenient
        rtcost replay *.jsonl --stats usage_stats.json
        rtcost dashboard usage_stats.json
        rtcost replay --resimulate events.jsonl --model gpt-4o-realtime-preview
        rtcost replay --resimulate --fit-cache log1.jsonl log2.jsonl
      """)

  @Argument(help: ArgumentHelp("Recordings to replay (JSON Lines).", valueName: "file"))
  var files: [String] = []

  @Option(
    name: .long,
    help: "The model when the session names no dated snapshot (a dated name wins over an alias).")
  var model: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Price an undated recording as of this day (the recording's own date wins).", valueName: "YYYY-MM-DD"))
  var at: CalendarDay?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "GPT-Live: price every delegated backend token at this model's text prices (default: the model each "
        + "backend response names, from the price book).", valueName: "MODEL"))
  var backendModel: String?

  @OptionGroup var priceOptions: PriceOptions

  @Flag(name: .long, help: "Skip and count bad lines instead of stopping at the first.")
  var lenient = false

  @OptionGroup var guardOptions: GuardOptions

  @OptionGroup var output: OutputOptions<ReportFormat>

  @Flag(
    name: .long,
    help: """
      Calibrate the world model: extract the recording's world trace, re-run it under the recorded \
      policy, and compare predicted and recorded input tokens response by response (table or json).
      """)
  var resimulate = false

  @Flag(
    name: .long,
    help: """
      With --resimulate: fit the cache behaviours (misses after a barge-in, the unserved tail of a \
      hit, a prompt warm from other sessions, a minimum input, the transcript of a truncated item) \
      to all the recordings together and print the fit, its evidence and the world_model: keys.
      """)
  var fitCache = false

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Add each recording's billed usage to this stats file (created when missing; read it with `rtcost dashboard`).",
      valueName: "file"))
  var stats: String?

  @Flag(
    name: .long,
    help:
      "With --stats: add a recording the stats file already holds (by content) again instead of skipping it.")
  var recordAgain = false

  public init() {}

  public func validate() throws {
    guard !files.isEmpty else { throw ValidationError("give at least one recording") }
    _ = try guardOptions.settings(over: .seedNumbers)
    if resimulate, output.format != .table, output.format != .json {
      throw ValidationError("--resimulate writes table or json, not \(output.format.rawValue)")
    }
    if fitCache, !resimulate { throw ValidationError("--fit-cache needs --resimulate") }
  }

  public func run() throws {
    let settings = try guardOptions.settings(over: .seedNumbers)
    let plan = try OutputPlan.check(
      [("--output", output.output)], inputs: files + [priceOptions.prices].compactMap { $0 }, stats: stats)
    let book = try priceOptions.priceBook()
    if resimulate, fitCache {
      let sources = try files.map { try Self.open($0, lenient: lenient) }
      try plan.commit([
        (
          output.output,
          try CacheFitReport.render(
            sources: sources, model: model, priceBook: book, format: output.format == .json ? .json : .table)
        )
      ])
      return
    }
    if resimulate {
      let reports = try files.map { path in
        let reader = try Self.open(path, lenient: lenient)
        return try ResimulateReport.render(
          source: reader, model: model, priceBook: book, format: output.format)
      }
      try plan.commit([(output.output, reports.joined(separator: output.format == .table ? "\n" : ""))])
      return
    }
    let options = ReplayOptions(
      book: book, model: model, settings: settings, audioAnalyzer: WAVMarkerAnalyzer(), at: at,
      backendModel: backendModel)
    var results: [ReplayResult] = []
    for file in files {
      do {
        // Read ahead on a second thread: reading and decoding overlap the pricing and the guard.
        let source = PrefetchedEventSource(try Self.open(file, lenient: lenient))
        results.append(try Replay.run(source, options: options))
      } catch let error as ReplayError {
        throw CLIError(error.description)
      }
    }
    let report = ReplayReport.render(results, format: output.format, timeOptionsGiven: guardOptions.anyGiven)
    guard let stats else {
      try plan.commit([(output.output, report)])
      return
    }
    let digests: [String?]
    do {
      digests = try files.map { (file) throws(FileError) in try SHA256.hex(ofFile: file) }
    } catch {
      throw CLIError(error.description)
    }
    // Recorded as an app's UsageStore records a finished session (locked, atomic, additive), after
    // the report is in place and only when it is: a failed run changes nothing.
    let store = UsageStore(path: stats)
    var repeats: [(file: String, earlier: ReplayedRecording)] = []
    try plan.commit([(output.output, report)]) { beforeReplacing in
      do {
        repeats = try store.update(
          { (lifetime: inout UsageStats) throws(UsageStoreError) in
            Self.add(results, files: files, digests: digests, to: &lifetime, again: recordAgain)
          }, beforeReplacing: beforeReplacing
        ).result
      } catch {
        throw CLIError(String(describing: error))
      }
    }
    for (file, earlier) in repeats {
      Console.current.warn(
        "\(stats): \(file) was already added (as \(earlier.file), sha256 \(earlier.sha256.prefix(12))); "
          + "not added again (--record-again adds it anyway)")
    }
    for (file, digest) in zip(files, digests) where digest == nil {
      Console.current.warn(
        "\(stats): \(file) is not a regular file; added without remembering it (a repeat cannot be told)")
    }
  }

  /// Adds each result's bill to `stats`, skipping a recording the file already holds (by digest)
  /// unless `again`; returns the repeats skipped, with the entry that holds them.
  static func add(
    _ results: [ReplayResult], files: [String], digests: [String?], to stats: inout UsageStats, again: Bool
  ) -> [(file: String, earlier: ReplayedRecording)] {
    var repeats: [(file: String, earlier: ReplayedRecording)] = []
    for (index, result) in results.enumerated() {
      if let digest = digests[index] {
        if let earlier = stats.replayed.first(where: { $0.sha256 == digest }) {
          guard again else {
            repeats.append((files[index], earlier))
            continue
          }
        } else {
          stats.replayed.append(ReplayedRecording(sha256: digest, file: files[index]))
        }
      }
      stats.add(result.recordedTotals, mode: .real)
    }
    return repeats
  }

  static func open(_ path: String, lenient: Bool) throws -> RecordingReader {
    do {
      return try RecordingReader(path: path, options: lenient ? .lenient : .strict)
    } catch {
      throw CLIError(error.description)
    }
  }
}
