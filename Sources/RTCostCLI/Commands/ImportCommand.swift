public import ArgumentParser
internal import Billing
internal import Import
internal import RealtimeEvents
internal import Replay
internal import SessionGuard

extension ImportSourceKind: ExpressibleByArgument {}

/// `rtcost import`: another tool's log as an rtcost recording, with its provenance and limitations.
public struct ImportCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Convert another tool's realtime log into an rtcost recording and price it.",
    discussion: """
      Reads the log of another tool and writes an rtcost recording (atomically) that replay, \
      --resimulate, forecast and fit read like any other. The report says where the events came \
      from, what the source could not say, and what the recording bills when replayed.

      helicone: Helicone's realtime session log (a list of socket messages {type, from, timestamp, \
      content}, or the request/response bodies holding them): near lossless, timed by the proxy.
      litellm: LiteLLM's logged realtime events (its standard logging payload, a list of events, or \
      JSON Lines): no per-event times, so a bare recording that prices exactly.
      livekit: LiveKit Agents' session_report.json with its audio.ogg (stereo Ogg/Opus, user left, \
      agent right; read through libsndfile): turns from the audio, usage as the session's totals.

      Examples:
        rtcost import --from helicone helicone-session.json -o session.jsonl
        rtcost import --from litellm payload.json -o bare.jsonl --format json
        rtcost import --from livekit run/session_report.json -o call.jsonl
        rtcost import --from livekit report.json --audio audio.ogg -o call.jsonl
        rtcost replay session.jsonl
      """)

  @Option(name: .long, help: ArgumentHelp("The tool that wrote the log.", valueName: "tool"))
  var from: ImportSourceKind

  @Argument(help: ArgumentHelp("The log file.", valueName: "input"))
  var input: String

  @Option(
    name: [.customShort("o"), .long],
    help: ArgumentHelp("Write the recording here (JSON Lines, atomically).", valueName: "recording.jsonl"))
  var output: String

  @Option(
    name: .long,
    help: ArgumentHelp(
      "LiveKit only: the session's audio.ogg (default: audio.ogg beside the report, when there is one).",
      valueName: "file"))
  var audio: String?

  @Option(name: .long, help: ArgumentHelp("The report's format.", valueName: "format"))
  var format: TableOrJSON = .table

  @OptionGroup var priceOptions: PriceOptions

  public init() {}

  public func validate() throws {
    if audio != nil, from != .livekit { throw ValidationError("--audio is for --from livekit") }
    guard output.hasSuffix(".jsonl") else {
      throw ValidationError("-o/--output: a recording ends in .jsonl, got '\(output)'")
    }
  }

  public func run() throws {
    let book = try priceOptions.priceBook()
    let recording: ImportedRecording
    do {
      recording = try Importer.read(from, path: input, audio: audio, book: book)
    } catch {
      throw CLIError(error.description)
    }
    let result: ReplayResult
    do {
      result = try Replay.run(
        recording.source(), options: ReplayOptions(book: book, settings: GuardSettings()))
    } catch {
      throw CLIError(error.description)
    }
    do {
      try recording.write(to: output)
    } catch {
      throw CLIError(error.description)
    }
    Console.current.out(ImportReport.render(recording, result: result, output: output, format: format))
  }
}

/// What an import found and what the recording bills.
enum ImportReport {
  static func render(
    _ recording: ImportedRecording, result: ReplayResult, output: String, format: TableOrJSON
  )
    -> String
  {
    let provenance = recording.provenance
    let tool: String
    if case .imported(let name) = provenance.origin { tool = name } else { tool = "?" }
    let responses = ResponseStatus.allCases.reduce(0) { $0 + result.billed.responses[$1] }
    switch format {
    case .json:
      return JSONValue.object([
        ("rtcost_import", .int(1)),
        ("from", .string(tool)),
        ("input", .string(provenance.name)),
        ("recording", .string(output)),
        ("events", .int(recording.events.count)),
        ("timed", .bool(recording.isTimed)),
        ("model", .string(result.model)),
        ("started_at", recording.header.startedAt.map { .string($0) } ?? .null),
        ("responses", .int(responses)),
        ("transcriptions", .int(result.transcriptions)),
        ("billed_usd", .number(result.total.decimalText)),
        ("limitations", .array(provenance.limitations.map { .string($0) })),
        ("skipped", .array(recording.skipped.map { .string($0) })),
      ]).rendered()
    case .table:
      var out = "\(provenance.name) (\(tool)) → \(output): \(recording.events.count) events, "
      out += recording.isTimed ? "timed" : "bare (no times)"
      out += ", model \(result.model)"
      if let started = recording.header.startedAt { out += ", started \(started)" }
      out += "\n"
      out +=
        "replayed: \(responses) responses, \(result.transcriptions) transcriptions, billed $\(result.total.decimalText)\n"
      out += "what the source could not say:\n"
      for limitation in provenance.limitations { out += "- \(limitation)\n" }
      for skipped in recording.skipped { out += "- skipped \(skipped)\n" }
      return out
    }
  }
}
