public import ArgumentParser
internal import Billing
internal import Capture
internal import Foundation
internal import NIOHTTP1
internal import RealtimeEvents
internal import Replay

/// `rtcost record --call-id rtc_…`: records a WebRTC or SIP call's server events from its sideband.
public struct RecordCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "record",
    abstract: "Attach to a WebRTC or SIP call's sideband and record its server events.",
    discussion: """
      Opens wss://api.openai.com/v1/realtime?call_id=CALL (the call id is the Location of the \
      app's POST /v1/realtime/calls) with the key in --api-key-env and records every server event \
      (response.done usage included) as a timed recording. The sideband gets no close when the \
      browser leaves, so the recording also ends after --quiet-timeout without a server event, or \
      at --max-duration. At the end it prints what the recording bills (as `rtcost replay` does).

      Examples:
        rtcost record --call-id rtc_abc123 --output call.jsonl
        rtcost record --call-id rtc_abc123 --record-dir recordings --quiet-timeout 2m
      """)

  @Option(
    name: .customLong("call-id"), help: ArgumentHelp("The call to attach to (rtc_...).", valueName: "id"))
  var callID: String

  @Option(
    name: .customLong("api-key-env"),
    help: ArgumentHelp("The environment variable holding the key.", valueName: "name"))
  var apiKeyEnv = "OPENAI_API_KEY"

  @Option(name: .long, help: ArgumentHelp("The API base URL.", valueName: "url"))
  var upstream = "wss://api.openai.com/v1"

  @Option(name: .long, help: ArgumentHelp("Write the recording to this file.", valueName: "file"))
  var output: String?

  @Option(
    name: .customLong("record-dir"),
    help: ArgumentHelp("Write the recording into this folder.", valueName: "dir"))
  var recordDir: String?

  @Option(
    name: .customLong("quiet-timeout"), parsing: .unconditional,
    help: ArgumentHelp("End after this long without a server event.", valueName: "duration"),
    transform: DurationValue.parse)
  var quietTimeout = try! DurationValue(parsing: "5m")

  @Option(
    name: .customLong("max-duration"), parsing: .unconditional,
    help: ArgumentHelp("End after this long in any case.", valueName: "duration"),
    transform: DurationValue.parse)
  var maxDuration = try! DurationValue(parsing: "61m")

  @Option(
    name: .long, help: "The model for the recording's header and its bill, when the session names none.")
  var model: String?

  @OptionGroup var priceOptions: PriceOptions

  public init() {}

  public func validate() throws {
    guard !callID.isEmpty, callID.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
      throw ValidationError("--call-id must be a call id such as rtc_abc123, not '\(callID)'")
    }
    guard (output == nil) != (recordDir == nil) else {
      throw ValidationError("give one of --output FILE or --record-dir DIR")
    }
  }

  public func run() async throws {
    try await record(environment: ProcessInfo.processInfo.environment)
  }

  /// The command with `environment` for --api-key-env (a test passes its own).
  ///
  /// The recording is created only once the sideband is attached: a refused call (404
  /// `call_id_not_found`, 401) or an unreachable API leaves no file, so the same command can be
  /// run again. Once attached, every line is written as it arrives (docs/files.md, live recordings).
  func record(environment: [String: String]) async throws {
    guard let key = environment[apiKeyEnv], !key.isEmpty else {
      throw CLIError("--api-key-env \(apiKeyEnv): the environment variable is not set or empty")
    }
    let started = UTCTime.nowMicros()
    let name = "\(UTCTime.compact(started))-\(callID).jsonl"
    let storage: any RecordingStorage
    let fileName: String
    do {
      if let output {
        let target: FileTarget
        do { target = try FileTarget.check(output) } catch { throw CLIError(error.description) }
        guard target.kind == .missing else { throw CLIError("\(output): exists; not overwritten") }
        storage = try FolderRecordingStorage(folder: target.folder)
        fileName = target.name
      } else {
        storage = try FolderRecordingStorage(folder: recordDir!)
        fileName = name
      }
    } catch let error as RecordingStorageError {
      throw CLIError(error.description)
    }
    let endpoint: UpstreamEndpoint
    do {
      endpoint = UpstreamEndpoint(base: try WebSocketURL(upstream, option: "--upstream"))
    } catch {
      throw CLIError(error.description)
    }
    let url = SidebandRecorder.url(callID: callID, upstream: endpoint)
    var headers = HTTPHeaders()
    headers.add(name: "Host", value: url.hostHeader)
    headers.add(name: "Authorization", value: "Bearer \(key)")
    let header = RecordingHeader(
      model: model, startedAt: UTCTime.iso8601(started), note: "rtcost record sideband \(callID)")
    let console = Console.current
    console.err("recording the sideband of \(callID) from \(url.hostHeader)\n")
    let result: SidebandRecorder.Result
    do {
      result = try await SidebandRecorder.record(
        url: url, headers: headers,
        options: .init(
          quietTimeout: .microseconds(quietTimeout.micros), maxDuration: .microseconds(maxDuration.micros))
      ) {
        SessionRecorder(storage: storage, queue: RecordingQueue(), name: fileName, header: header)
      }
    } catch let refusal as HandshakeRefusal {
      throw CLIError("the API refused the sideband of \(callID): \(refusal); nothing was recorded")
    } catch {
      throw CLIError("cannot attach to the sideband of \(callID): \(error); nothing was recorded")
    }
    let location = result.recording.location ?? fileName
    var summary =
      "recorded \(result.serverEvents) server events to \(location); ended: \(Self.describe(result.ending))\n"
    if let incomplete = result.recording.incomplete {
      summary += "warning: the recording is incomplete: \(incomplete)\n"
    }
    do {
      let replay = try Replay.run(
        try RecordingReader(path: location),
        options: ReplayOptions(book: try priceOptions.priceBook(), model: model))
      summary +=
        "billed \(replay.billed.billed) over \(replay.billed.responses.total) responses (\(replay.model))\n"
    } catch {
      summary += "not priced: \(error)\n"
    }
    console.out(summary)
  }

  static func describe(_ ending: SidebandRecorder.Ending) -> String {
    switch ending {
    case .closed(let detail): "the API closed the sideband (\(detail))"
    case .lost(let why): "the connection was lost (\(why))"
    case .quiet(let after): "no server event for \(after)"
    case .maxDuration(let after): "the maximum duration \(after) passed"
    }
  }
}
