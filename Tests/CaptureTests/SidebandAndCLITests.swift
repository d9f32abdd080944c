import Billing
import Foundation
import Logging
import NIOHTTP1
import RealtimeEvents
import TestSupport
import Testing

@testable import Capture
@testable import RTCostCLI

@Suite("Capture: sideband recording, webhooks, logs and the commands")
struct SidebandAndCLITests {
  @Test func theSidebandRecorderEndsAQuietCallByItself() async throws {
    let serve = FakeRealtimeServer(
      script: try ServeScript.load(path: gaFixture), options: .init(speed: nil, hold: true))
    let server = try await WebSocketServer.bind(host: "127.0.0.1", port: 0, handler: serve)
    let task = Task { await server.run() }
    let endpoint = UpstreamEndpoint(
      base: WebSocketURL(secure: false, host: "127.0.0.1", port: server.port, path: "/v1"))
    let url = SidebandRecorder.url(callID: "rtc_test123", upstream: endpoint)
    #expect(url.requestURI == "/v1/realtime?call_id=rtc_test123")
    var headers = HTTPHeaders()
    headers.add(name: "Host", value: url.hostHeader)
    headers.add(name: "Authorization", value: "Bearer sk-sideband")
    let storage = MemoryRecordingStorage()
    let recorder = SessionRecorder(
      storage: storage, queue: RecordingQueue(), name: "call.jsonl", header: RecordingHeader())
    let result = try await SidebandRecorder.record(
      url: url, headers: headers, recorder: recorder, options: .init(quietTimeout: .milliseconds(500)))
    #expect(result.ending == .quiet(.milliseconds(500)))
    #expect(result.serverEvents == serve.script.steps.count)
    let reader = RecordingReader(bytes: storage.contents("call.jsonl")!, name: "call.jsonl")
    var events: [TimedEvent] = []
    while let event = try reader.next() { events.append(event) }
    #expect(events.filter { $0.direction == .server }.count == serve.script.steps.count)
    #expect(events.last?.event == .sessionClosed(.other("call_quiet")))
    for _ in 0..<6_000 where serve.sessions.first?.clientClose == nil {
      try await Task.sleep(for: .milliseconds(10))
    }
    #expect(serve.sessions.first?.clientClose == CloseDetail(code: 1000, reason: "call over"))
    server.close()
    await task.value
  }

  @Test func anUnknownCallIsA404WithTheAPIsCode() async throws {
    let serve = FakeRealtimeServer(
      script: try ServeScript.load(path: gaFixture),
      options: .init(refusal: .api(status: 404, code: "call_id_not_found", message: "no call rtc_nope")))
    let server = try await WebSocketServer.bind(host: "127.0.0.1", port: 0, handler: serve)
    let task = Task { await server.run() }
    let url = SidebandRecorder.url(
      callID: "rtc_nope",
      upstream: UpstreamEndpoint(
        base: WebSocketURL(secure: false, host: "127.0.0.1", port: server.port, path: "/v1")))
    var headers = HTTPHeaders()
    headers.add(name: "Host", value: url.hostHeader)
    do {
      _ = try await WebSocketConnector.connect(to: url, headers: headers)
      Issue.record("the handshake should have been refused")
    } catch let refusal as HandshakeRefusal {
      #expect(refusal.status == 404)
      #expect(refusal.apiError?.code == "call_id_not_found")
      #expect(refusal.description == "HTTP 404 Not Found: no call rtc_nope")
    }
    server.close()
    await task.value
  }

  @Test func aRefusedCallLeavesNoFileSoTheSameRecordCanRunAgain() async throws {
    let folder = try TestPaths.scratchFolder("record-refused")
    let output = folder.appendingPathComponent("call.jsonl").path
    let script = try ServeScript.load(path: gaFixture)
    func command(port: Int) throws -> RecordCommand {
      try #require(
        try RecordCommand.parseAsRoot([
          "--call-id", "rtc_nope", "--output", output, "--upstream", "ws://127.0.0.1:\(port)/v1",
          "--api-key-env", "RTCOST_TEST_KEY",
        ]) as? RecordCommand)
    }
    let printed = LockedBoxForTests("")
    let console = Console(
      out: { text in printed.update { $0 += text } }, err: { text in printed.update { $0 += text } })
    let environment = ["RTCOST_TEST_KEY": "sk-sideband"]

    // 404 call_id_not_found: the command fails and leaves nothing in the folder, not even a header.
    let refusing = FakeRealtimeServer(
      script: script,
      options: .init(refusal: .api(status: 404, code: "call_id_not_found", message: "no call rtc_nope")))
    let refusingServer = try await WebSocketServer.bind(host: "127.0.0.1", port: 0, handler: refusing)
    let refusingTask = Task { await refusingServer.run() }
    let refused = try command(port: refusingServer.port)
    do {
      try await Console.$current.withValue(console) { try await refused.record(environment: environment) }
      Issue.record("a refused sideband should fail the command")
    } catch let error as CLIError {
      #expect(
        error.message
          == "the API refused the sideband of rtc_nope: HTTP 404 Not Found: no call rtc_nope; nothing was recorded"
      )
    }
    #expect(!FileManager.default.fileExists(atPath: output))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [])
    refusingServer.close()
    await refusingTask.value

    // The same command again, now that the call exists: it records instead of refusing the file.
    let serving = FakeRealtimeServer(script: script, options: .init(speed: nil))
    let servingServer = try await WebSocketServer.bind(host: "127.0.0.1", port: 0, handler: serving)
    let servingTask = Task { await servingServer.run() }
    let rerun = try command(port: servingServer.port)
    try await Console.$current.withValue(console) { try await rerun.record(environment: environment) }
    #expect(!printed.value.contains("exists; not overwritten"))
    let events = try RecordingReader.readAll(path: output).events
    #expect(events.count { $0.direction == .server } == script.steps.count)
    #expect(events.last?.event == .sessionClosed(.upstreamClosed))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["call.jsonl"])
    servingServer.close()
    await servingTask.value

    // An --output in a missing folder is refused before anything is opened, naming the file.
    let missing = folder.appendingPathComponent("no-such-folder/call.jsonl").path
    let lost = try #require(
      try RecordCommand.parseAsRoot(["--call-id", "rtc_1", "--output", missing]) as? RecordCommand)
    do {
      try await Console.$current.withValue(console) {
        try await lost.record(environment: ["OPENAI_API_KEY": "sk-test"])
      }
      Issue.record("an --output in a missing folder should be refused")
    } catch let error as CLIError {
      #expect(error.message == "\(missing): the folder \(folder.path)/no-such-folder does not exist")
    }
  }

  @Test func aWebhookIsAPostOfJSON() async throws {
    let receiver = WebhookReceiver()
    let server = try await WebSocketServer.bind(host: "127.0.0.1", port: 0, handler: receiver)
    let task = Task { await server.run() }
    let status = try await WebhookNotifier.send(
      #"{"text":"hello"}"#,
      to: WebSocketURL(secure: false, host: "127.0.0.1", port: server.port, path: "/hook"),
      // Generous: under a full parallel test run on two cores the answer has taken over 5 s.
      timeout: .seconds(60))
    #expect(status == 200)
    #expect(receiver.received == [#"{"text":"hello"}"#])
    server.close()
    await task.value
  }

  @Test func aWebhookThatDoesNotAnswerInTimeIsNamedAsSuch() async throws {
    let receiver = WebhookReceiver(delay: .seconds(3))
    let server = try await WebSocketServer.bind(host: "127.0.0.1", port: 0, handler: receiver)
    let task = Task { await server.run() }
    do {
      _ = try await WebhookNotifier.send(
        #"{"text":"late"}"#,
        to: WebSocketURL(secure: false, host: "127.0.0.1", port: server.port, path: "/hook"),
        timeout: .milliseconds(200))
      Issue.record("a webhook answering after 3 s should miss a 200 ms deadline")
    } catch {
      #expect("\(error)" == "the webhook did not answer within 0.2 seconds")
    }
    server.close()
    await task.value
  }

  @Test func logsNeverShowAKey() {
    let lines = LockedBoxForTests<[String]>([])
    let handler = RedactingLogHandler(wrapping: CollectingLogHandler(lines: lines), secrets: ["sk-injected"])
    #expect(handler.redact("key sk-injected in text") == "key [redacted] in text")
    var logger = Logger(label: "test") { _ in handler }
    logger.logLevel = .info
    logger.warning("upstream said: invalid key sk-injected")
    #expect(lines.value == ["upstream said: invalid key [redacted]"])
    #expect(
      handler.redact("Authorization: Bearer sk-other, next") == "Authorization: Bearer [redacted], next")
    #expect(
      handler.redact("protocols realtime, openai-insecure-api-key.sk-browser, openai-beta.realtime-v1")
        == "protocols realtime, openai-insecure-api-key.[redacted], openai-beta.realtime-v1")
  }

  @Test func proxyOptionErrorsNameTheOption() async {
    let badURL = await CommandRunner.run(["proxy", "--upstream", "ftp://example.com"])
    #expect(badURL.status != 0)
    #expect(
      badURL.stderr.contains(
        "--upstream: 'ftp://example.com' is not a ws://, wss://, http:// or https:// URL"))
    let noKey = await CommandRunner.run(["proxy", "--api-key-env", "RTCOST_TEST_UNSET_VARIABLE"])
    #expect(
      noKey.stderr.contains(
        "--api-key-env RTCOST_TEST_UNSET_VARIABLE: the environment variable is not set or empty"))
    let header = await CommandRunner.run(["proxy", "--key-header", "X-Key"])
    #expect(header.stderr.contains("--key-header must be Authorization or api-key"))
    let policy = await CommandRunner.run(["proxy", "--idle-timeout", "0.5s"])
    #expect(policy.status != 0)
    let level = await CommandRunner.run(["proxy", "--log-level", "loud"])
    #expect(level.stderr.contains("--log-level must be trace, debug, info"))
  }

  @Test func serveAndRecordOptionErrors() async {
    let missing = await CommandRunner.run(["serve", "/nonexistent/call.jsonl", "--port", "0"])
    #expect(missing.status != 0)
    #expect(missing.stderr.contains("/nonexistent/call.jsonl: cannot open"))
    let refuse = await CommandRunner.run(["serve", gaFixture, "--refuse", "200"])
    #expect(refuse.stderr.contains("--refuse must be an HTTP error status (400...599), not 200"))
    let malformed = await CommandRunner.run(["serve", TestPaths.fixture("malformed/malformed-json.jsonl")])
    #expect(malformed.status != 0)
    let call = await CommandRunner.run(["record", "--call-id", "rtc bad", "--output", "x.jsonl"])
    #expect(call.stderr.contains("--call-id must be a call id such as rtc_abc123"))
    let both = await CommandRunner.run(["record", "--call-id", "rtc_1"])
    #expect(both.stderr.contains("give one of --output FILE or --record-dir DIR"))
  }

  @Test func theProxyConfigurationIsThePolicyOfTheOtherCommands() throws {
    let command =
      try ProxyCommand.parseAsRoot([
        "--scenario", TestPaths.scenario("home-robot.yaml"), "--alert", "day=20", "--alert-action",
        "callback",
        "--webhook", "http://127.0.0.1:9/hook", "--api-key-env", "KEY", "--upstream",
        "wss://res.openai.azure.com/openai/v1",
        "--key-header", "api-key",
      ]) as! ProxyCommand
    let configuration = try command.makeConfiguration(environment: ["KEY": "azure-secret"])
    #expect(configuration.keyInjection == KeyInjection(key: "azure-secret", headerName: "api-key"))
    #expect(configuration.upstream.base.host == "res.openai.azure.com")
    #expect(configuration.settings.threshold(.alert, in: .day) == Money(usd: "20")!)
    #expect(configuration.settings.alertAction == .callback)
    #expect(configuration.sessionSettings.thresholds.allSatisfy { $0.window == .session })
    #expect(configuration.webhook?.port == 9)
  }
}

/// A log handler that keeps the lines it is given.
struct CollectingLogHandler: LogHandler {
  let lines: LockedBoxForTests<[String]>
  var logLevel: Logger.Level = .trace
  var metadata: Logger.Metadata = [:]
  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }
  func log(event: LogEvent) { lines.update { $0.append("\(event.message)") } }
}

@Suite("Capture: start-up refusals and webhook failures")
struct StartupAndWebhookFailureTests {
  @Test func aCorruptStatsFileIsRefusedAtStartAndLeftAsItWas() async throws {
    let folder = try TestPaths.scratchFolder("proxy-corrupt-stats")
    let stats = folder.appendingPathComponent("usage_stats.json").path
    try Data("{not json".utf8).write(to: URL(fileURLWithPath: stats))
    let result = await CommandRunner.run(["proxy", "--port", "0", "--stats", stats])
    #expect(result.status != 0)
    #expect(result.stderr.contains(stats))
    #expect(try String(contentsOfFile: stats, encoding: .utf8) == "{not json")
  }

  @Test func aRecordDirThatIsAFileIsRefused() async throws {
    let folder = try TestPaths.scratchFolder("proxy-record-file")
    let file = folder.appendingPathComponent("not-a-folder").path
    try Data("x".utf8).write(to: URL(fileURLWithPath: file))
    let result = await CommandRunner.run(["proxy", "--port", "0", "--record-dir", file])
    #expect(result.stderr.contains("--record-dir \(file): not a folder"))
  }

  @Test func anUnreachableWebhookIsCountedAndNeverBlocks() async throws {
    let metrics = ProxyMetrics()
    let notifier = try WebhookNotifier(
      url: WebSocketURL(secure: false, host: "127.0.0.1", port: 1, path: "/hook"), timeout: .seconds(2),
      metrics: metrics)
    let clock = ContinuousClock()
    let start = clock.now
    notifier.post(#"{"text":"alert"}"#)
    #expect(start.duration(to: clock.now) < .milliseconds(100))
    for _ in 0..<6_000 where !metrics.exposition().contains("result=\"failed\"") {
      try await Task.sleep(for: .milliseconds(10))
    }
    #expect(metrics.exposition().contains("rtcost_webhooks_total{result=\"failed\"} 1\n"))
  }
}
