public import ArgumentParser
internal import Capture
internal import Logging
internal import ServiceLifecycle

/// `rtcost serve RECORDING`: a local fake Realtime endpoint that plays a recording's server events.
public struct ServeCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Play a recording's server events to a client, as a local fake Realtime endpoint.",
    discussion: """
      Every client that connects to ws://HOST:PORT/... (any path, so .../v1/realtime?model=... works) \
      receives the recording's server events exactly as the recording holds them, one text frame each, \
      at their recorded times (--speed N plays N times faster, --no-pacing sends them at once). With \
      --wait-for-client each server event waits for the client messages the recording has before it. \
      At the end it closes with 1000 (--hold keeps the connection open). No API key is needed: run an \
      app against a recorded session, or put `rtcost proxy --upstream ws://HOST:PORT/v1` in front.

      Faults for testing a client or the proxy: --refuse 401|404|429 refuses every handshake with \
      that status and an API-shaped error body; --drop-after N drops the connection without a close \
      frame after N events.

      Examples:
        rtcost serve call.jsonl --port 9000
        rtcost serve call.jsonl --speed 10 --wait-for-client
        rtcost serve call.jsonl --refuse 401
      """)

  @Argument(help: ArgumentHelp("The recording to play.", valueName: "recording"))
  var recording: String

  @Option(name: .long, help: "The address to listen on.")
  var host = "127.0.0.1"

  @Option(name: .long, parsing: .unconditional, help: "The port to listen on (0: any free port).")
  var port = 9000

  @Option(name: .long, parsing: .unconditional, help: "Play this many times faster than recorded.")
  var speed: Double = 1

  @Flag(name: .customLong("no-pacing"), help: "Send every event at once.")
  var noPacing = false

  @Flag(
    name: .customLong("wait-for-client"),
    help: "Wait for the client messages the recording has before each event.")
  var waitForClient = false

  @Flag(name: .long, help: "Keep the connection open after the last event.")
  var hold = false

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp("Refuse every handshake with this HTTP status.", valueName: "status"))
  var refuse: Int?

  @Option(
    name: .customLong("drop-after"), parsing: .unconditional,
    help: ArgumentHelp("Drop the connection after this many events.", valueName: "n"))
  var dropAfter: Int?

  public init() {}

  public func validate() throws {
    guard speed > 0, speed.isFinite else {
      throw ValidationError("--speed must be a positive number, got \(OptionNumber.text(speed))")
    }
    guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0...65535, not \(port)") }
    if let refuse, !(400...599).contains(refuse) {
      throw ValidationError("--refuse must be an HTTP error status (400...599), not \(refuse)")
    }
    if let dropAfter, dropAfter < 0 {
      throw ValidationError("--drop-after must not be negative, got \(dropAfter)")
    }
  }

  /// The fake endpoint for these options.
  func makeServer() throws -> FakeRealtimeServer {
    let script: ServeScript
    do {
      script = try ServeScript.load(path: recording)
    } catch {
      throw CLIError(error.description)
    }
    let refusal = refuse.map { status in
      FakeRealtimeServer.Options.Refusal.api(
        status: status, code: Self.refusalCode(status),
        message: "rtcost serve refuses every handshake with \(status)")
    }
    return FakeRealtimeServer(
      script: script,
      options: .init(
        speed: noPacing ? nil : speed, waitForClient: waitForClient, hold: hold, refusal: refusal,
        dropAfter: dropAfter))
  }

  /// The API's code for a refusal status.
  static func refusalCode(_ status: Int) -> String {
    switch status {
    case 401: "invalid_api_key"
    case 404: "call_id_not_found"
    case 429: "rate_limit_exceeded"
    default: "http_\(status)"
    }
  }

  public func run() async throws {
    let server = try makeServer()
    let console = Console.current
    let logger = ConsoleLogHandler.logger(label: "rtcost.serve", console: console, level: .info, secrets: [])
    let (recording, host, events) = (self.recording, self.host, server.script.steps.count)
    let service = ServeService(server: server, host: host, port: port) { port in
      console.out(
        "rtcost serve: \(events) server events of \(recording) on ws://\(host):\(port)/v1/realtime\n")
    }
    let group = ServiceGroup(
      configuration: .init(
        services: [.init(service: service)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    do {
      try await group.run()
    } catch {
      throw CLIError("rtcost serve: \(error)")
    }
  }
}
