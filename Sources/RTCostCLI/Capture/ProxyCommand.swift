public import ArgumentParser
internal import Billing
internal import Capture
internal import Foundation
internal import Logging
internal import ServiceLifecycle
internal import SessionGuard
internal import Simulation

/// `rtcost proxy`: the real session guard in front of real sessions, recording what it sees.
public struct ProxyCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "proxy",
    abstract:
      "Relay Realtime sessions to the API, record each one, and guard it live (idle timeout, alerts).",
    discussion: """
      Point an app's Realtime base URL at ws://HOST:PORT/v1/realtime?model=... (GPT-Live: \
      /v1/live/sessions). Each session is relayed to the upstream frame by frame, unchanged, with \
      backpressure and 16 MiB frames; authentication passes as the app sends it (an Authorization \
      or api-key header, or the browser subprotocols realtime, openai-insecure-api-key.KEY), or \
      --api-key-env injects a key (Azure: --key-header api-key). Keys are never logged or recorded.

      With --record-dir every session becomes a timed recording (docs/recordings.md) that \
      `rtcost replay` bills exactly as its response.done events did. The live guard is the policy \
      that replay, simulate and forecast take (--scenario FILE takes a scenario's or fleet's \
      policy:, the guard options override it): an idle timeout closes the session with an `error` \
      event and close 1000 idle_timeout; session alerts run per session, day, rolling-hour and \
      lifetime alerts on all sessions together; --alert-action disconnect closes (budget_exceeded), \
      callback POSTs JSON to --webhook. --stats adds usage to the file `rtcost dashboard` reads. \
      GET /metrics (Prometheus) and /healthz answer on the same port. SIGTERM closes sessions \
      with 1001 and flushes recordings and stats; until the last session has closed, /healthz \
      answers 503 and new sessions are refused with 503.

      Examples:
        rtcost proxy --record-dir recordings --stats usage_stats.json
        rtcost proxy --idle-timeout 2m --alert 1.00 --alert-action disconnect
        rtcost proxy --scenario scenarios/home-robot.yaml --alert day=20
        rtcost proxy --alert-action callback --webhook https://hooks.example/rt
        rtcost proxy --api-key-env OPENAI_API_KEY --host 0.0.0.0
        rtcost proxy --upstream wss://RES.openai.azure.com/openai/v1
        rtcost proxy --upstream ws://127.0.0.1:9000/v1 --record-dir rec
      """)

  @Option(name: .long, help: "The address to listen on.")
  var host = "127.0.0.1"

  @Option(name: .long, parsing: .unconditional, help: "The port to listen on (0: any free port).")
  var port = 8787

  @Option(
    name: .long,
    help: ArgumentHelp("The upstream base URL; the app's path after /v1 is appended.", valueName: "url"))
  var upstream = "wss://api.openai.com/v1"

  @Option(
    name: .customLong("upstream-query"),
    help: ArgumentHelp(
      "Query parameters added to every upstream URL (Azure: api-version=...).", valueName: "query"))
  var upstreamQuery: String?

  @Option(
    name: .customLong("api-key-env"),
    help: ArgumentHelp(
      "Send the key in this environment variable upstream instead of the app's.", valueName: "name"))
  var apiKeyEnv: String?

  @Option(
    name: .customLong("key-header"),
    help: ArgumentHelp(
      "The header of an injected key: Authorization (Bearer) or api-key (Azure).", valueName: "name"))
  var keyHeader = "Authorization"

  @Option(name: .long, help: "The model when the app's URL names none.")
  var model = "gpt-realtime"

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Take the policy: of a scenario or fleet file (the guard options override it).", valueName: "file"))
  var scenario: String?

  @OptionGroup var guardOptions: GuardOptions

  @OptionGroup var priceOptions: PriceOptions

  @Option(
    name: .customLong("record-dir"),
    help: ArgumentHelp("Write one recording per session here.", valueName: "dir"))
  var recordDir: String?

  @Option(
    name: .customLong("recorder-queue"), parsing: .unconditional,
    help: ArgumentHelp(
      "The recorder's queue in MiB; a message that does not fit is left out and noted.", valueName: "MiB"))
  var recorderQueue = 64

  @Option(name: .long, help: ArgumentHelp("Add every session's usage to this stats file.", valueName: "file"))
  var stats: String?

  @Option(
    name: .long, help: ArgumentHelp("POST alerts with the callback action here (JSON).", valueName: "url"))
  var webhook: String?

  @Option(
    name: .customLong("webhook-timeout"), parsing: .unconditional,
    help: ArgumentHelp("How long a webhook POST may take.", valueName: "duration"),
    transform: DurationValue.parse)
  var webhookTimeout = try! DurationValue(parsing: "5s")

  @Option(
    name: .customLong("ping-interval"), parsing: .unconditional,
    help: ArgumentHelp("How often to ping the upstream.", valueName: "duration"),
    transform: DurationValue.parse)
  var pingInterval = try! DurationValue(parsing: "20s")

  @Option(
    name: .customLong("close-timeout"), parsing: .unconditional,
    help: ArgumentHelp(
      "How long to wait for a close reply before dropping a connection.", valueName: "duration"),
    transform: DurationValue.parse)
  var closeTimeout = try! DurationValue(parsing: "5s")

  @Option(
    name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.",
    transform: LogLevelValue.parse)
  var logLevel: Logger.Level = .info

  public init() {}

  public func validate() throws {
    guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0...65535, not \(port)") }
    guard recorderQueue >= 1 else {
      throw ValidationError("--recorder-queue must be at least 1 MiB, got \(recorderQueue)")
    }
    guard ["authorization", "api-key"].contains(keyHeader.lowercased()) else {
      throw ValidationError("--key-header must be Authorization or api-key, not '\(keyHeader)'")
    }
  }

  /// The proxy's configuration from the options (and the environment, for --api-key-env).
  func makeConfiguration(environment: [String: String] = ProcessInfo.processInfo.environment) throws
    -> ProxyConfiguration
  {
    var base = GuardSettings()
    if let scenario {
      do {
        base = try ScenarioLoader.load(path: scenario).policy
      } catch {
        throw CLIError(error.description)
      }
    }
    let settings = try guardOptions.settings(over: base)
    var injection: KeyInjection?
    if let apiKeyEnv {
      guard let key = environment[apiKeyEnv], !key.isEmpty else {
        throw CLIError("--api-key-env \(apiKeyEnv): the environment variable is not set or empty")
      }
      injection = KeyInjection(
        key: key, headerName: keyHeader.lowercased() == "api-key" ? "api-key" : "Authorization")
    }
    do {
      let endpoint = UpstreamEndpoint(
        base: try WebSocketURL(upstream, option: "--upstream"), extraQuery: upstreamQuery)
      let storage = try recordDir.map { dir throws(RecordingStorageError) in
        try FolderRecordingStorage(folder: dir)
      }
      let webhookURL = try webhook.map { text throws(CaptureError) in
        try WebSocketURL(text, option: "--webhook")
      }
      let limits = RelayLimits(
        upstreamPingInterval: .microseconds(pingInterval.micros),
        closeTimeout: .microseconds(closeTimeout.micros))
      return ProxyConfiguration(
        host: host, port: port, upstream: endpoint, keyInjection: injection, limits: limits,
        settings: settings,
        priceBook: try priceOptions.priceBook(), defaultModel: model, recordings: storage,
        recorderQueueBytes: recorderQueue << 20, statsPath: stats, webhook: webhookURL,
        webhookTimeout: .microseconds(webhookTimeout.micros))
    } catch let error as CaptureError {
      throw CLIError(error.description)
    } catch let error as RecordingStorageError {
      throw CLIError(error.description)
    }
  }

  public func run() async throws {
    let configuration = try makeConfiguration()
    let console = Console.current
    let logger = ConsoleLogHandler.logger(
      label: "rtcost.proxy", console: console, level: logLevel,
      secrets: [configuration.keyInjection?.key ?? ""])
    let proxy: ProxyServer
    do {
      proxy = try ProxyServer(configuration: configuration, logger: logger)
    } catch {
      throw CLIError(error.description)
    }
    let host = configuration.host
    let service = ProxyService(proxy: proxy) { port in
      console.out(
        "rtcost proxy listening on ws://\(host):\(port)/v1/realtime and /v1/live/sessions "
          + "(metrics: http://\(host):\(port)/metrics), upstream \(configuration.upstream.base)\n")
    }
    let group = ServiceGroup(
      configuration: .init(
        services: [.init(service: service)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    do {
      try await group.run()
    } catch {
      throw CLIError("rtcost proxy: \(error)")
    }
  }
}
