import Capture
import Foundation
import RealtimeEvents
import TestSupport
import Testing

/// The `rtcost` binary built beside the test bundle (`swift build --build-tests` builds both).
private let rtcostBinary: String? = {
  guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else {
    return nil
  }
  let path = URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("rtcost")
    .path
  return FileManager.default.isExecutableFile(atPath: path) ? path : nil
}()

@Suite("Capture: the real process (SIGTERM, a recording read while its session runs)")
struct ProcessTests {
  @Test(.enabled(if: rtcostBinary != nil, "needs the rtcost binary beside the tests"))
  func sigtermClosesOpenSessionsWith1001AndFlushesRecordingsAndStats() async throws {
    let serve = FakeRealtimeServer(
      script: try ServeScript.load(path: gaFixture), options: .init(speed: nil, hold: true))
    let upstream = try await WebSocketServer.bind(host: "127.0.0.1", port: 0, handler: serve)
    let serving = Task { await upstream.run() }
    let folder = try TestPaths.scratchFolder("proxy-sigterm")
    let recordings = folder.appendingPathComponent("rec").path
    let stats = folder.appendingPathComponent("usage_stats.json").path
    let process = Process()
    process.executableURL = URL(fileURLWithPath: rtcostBinary!)
    process.arguments = [
      "proxy", "--port", "0", "--upstream", "ws://127.0.0.1:\(upstream.port)/v1", "--record-dir", recordings,
      "--stats", stats, "--log-level", "warning", "--close-timeout", "30s",
    ]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    var text = ""
    while !text.contains("\n") {
      let data = output.fileHandleForReading.availableData
      if data.isEmpty { break }
      text += String(decoding: data, as: UTF8.self)
    }
    let port = try #require(
      text.firstRange(of: "ws://127.0.0.1:").flatMap { Int(text[$0.upperBound...].prefix { $0.isNumber }) })
    let client = Task { await TestClient.run(try await TestClient.connect(port: port)) }
    // SIGTERM once the recording on disk holds every served event (the session is then mid-relay).
    func recordedServerEvents() -> Int {
      guard let name = try? FileManager.default.contentsOfDirectory(atPath: recordings).first,
        let events = try? RecordingReader.readAll(path: recordings + "/" + name).events
      else { return 0 }
      return events.count { $0.direction == .server }
    }
    for _ in 0..<12_000 where recordedServerEvents() < serve.script.steps.count {
      try await Task.sleep(for: .milliseconds(10))
    }
    process.terminate()
    let log = try await client.value
    // Waiting without blocking a thread of the cooperative pool.
    for _ in 0..<12_000 where process.isRunning { try await Task.sleep(for: .milliseconds(10)) }
    #expect(process.terminationStatus == 0)
    #expect(log.errorCodes == ["proxy_shutdown"])
    #expect(log.close == CloseDetail(code: 1001, reason: "shutdown"))
    for _ in 0..<6_000 where serve.sessions.first?.clientClose == nil {
      try await Task.sleep(for: .milliseconds(10))
    }
    #expect(serve.sessions.first?.clientClose == CloseDetail(code: 1001, reason: "shutdown"))
    let name = try #require(try FileManager.default.contentsOfDirectory(atPath: recordings).first)
    let (events, _) = try RecordingReader.readAll(path: recordings + "/" + name)
    #expect(events.last?.event == .sessionClosed(.shutdown))
    #expect(events.filter { $0.direction == .server }.count == serve.script.steps.count)
    // The fixture's $0.0092512 reached the stats file before the process exited.
    let dashboard = await CommandRunner.run(["dashboard", stats, "--format", "json"])
    #expect(dashboard.stdout.contains("0.0092512"))
    upstream.close()
    await serving.value
  }

  @Test(.enabled(if: rtcostBinary != nil, "needs the rtcost binary beside the tests"))
  func whileSessionsDrainAfterSIGTERMHealthzAnswers503AndNewSessionsAreRefused() async throws {
    let serve = FakeRealtimeServer(
      script: try ServeScript.load(path: gaFixture), options: .init(speed: nil, hold: true))
    let upstream = try await WebSocketServer.bind(host: "127.0.0.1", port: 0, handler: serve)
    let serving = Task { await upstream.run() }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: rtcostBinary!)
    // The app below never answers the proxy's close, so the drain lasts until the test drops it
    // (the close timer is longer than any loaded run takes to check what it checks).
    process.arguments = [
      "proxy", "--port", "0", "--upstream", "ws://127.0.0.1:\(upstream.port)/v1", "--log-level", "warning",
      "--close-timeout", "60s",
    ]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    // A failed expectation must not leave the proxy it started behind.
    defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
    var text = ""
    while !text.contains("\n") {
      let data = output.fileHandleForReading.availableData
      if data.isEmpty { break }
      text += String(decoding: data, as: UTF8.self)
    }
    let port = try #require(
      text.firstRange(of: "ws://127.0.0.1:").flatMap { Int(text[$0.upperBound...].prefix { $0.isNumber }) })
    // An app that connects and then reads nothing, so it never replies to a close.
    let stalled = try await TestClient.connect(port: port)
    let holding = Task {
      try? await stalled.channel.executeThenClose { _, _ in try await Task.sleep(for: .seconds(120)) }
    }
    for _ in 0..<12_000 where serve.sessions.first?.sent != serve.script.steps.count {
      try await Task.sleep(for: .milliseconds(10))
    }
    #expect(try await HTTPGet.get(port: port, path: "/healthz").status == 200)
    process.terminate()
    // SIGTERM reaches the service group asynchronously: /healthz turns 503 and stays answered.
    var statuses: [Int] = []
    var refused: String?
    for _ in 0..<2_000 {
      do {
        let status = try await HTTPGet.get(port: port, path: "/healthz").status
        statuses.append(status)
        if status == 503 { break }
      } catch {
        refused = "\(error)"
        break
      }
      try await Task.sleep(for: .milliseconds(5))
    }
    #expect(refused == nil, "the listener closed while a session was still draining")
    #expect(statuses.last == 503)
    #expect(process.isRunning)
    // The metrics stay readable, and a new session is refused with 503 during the drain.
    let metrics = try await HTTPGet.get(port: port, path: "/metrics")
    #expect(metrics.status == 200 && metrics.body.contains("rtcost_sessions_active 1"))
    do {
      _ = try await TestClient.connect(port: port)
      Issue.record("a handshake during the drain should be refused")
    } catch let refusal as HandshakeRefusal {
      #expect(refusal.status == 503)
      #expect(refusal.body == "shutting down\n")
    }
    #expect(process.isRunning)
    // The app goes away: its session ends, the listener closes and the process exits 0.
    stalled.channel.channel.close(promise: nil)
    holding.cancel()
    _ = await holding.value
    for _ in 0..<12_000 where process.isRunning { try await Task.sleep(for: .milliseconds(10)) }
    #expect(!process.isRunning)
    #expect(process.terminationStatus == 0)
    await #expect(throws: (any Error).self) { try await HTTPGet.get(port: port, path: "/healthz") }
    upstream.close()
    await serving.value
  }

  @Test func aRecordingIsAValidPrefixWhileItsSessionRuns() async throws {
    // What a kill would leave: the file as it is on disk while the session is open.
    let folder = try TestPaths.scratchFolder("proxy-prefix")
    let storage = try FolderRecordingStorage(folder: folder.path)
    let serve = FakeRealtimeServer(
      script: try ServeScript.load(path: gaFixture), options: .init(speed: nil, hold: true))
    let upstream = try await WebSocketServer.bind(host: "127.0.0.1", port: 0, handler: serve)
    let proxy = try ProxyServer(
      configuration: ProxyConfiguration(
        port: 0,
        upstream: UpstreamEndpoint(
          base: WebSocketURL(secure: false, host: "127.0.0.1", port: upstream.port, path: "/v1")),
        recordings: storage))
    let listener = try await WebSocketServer.bind(host: "127.0.0.1", port: 0, handler: proxy)
    let tasks = [Task { await upstream.run() }, Task { await listener.run() }]
    let client = Task { await TestClient.run(try await TestClient.connect(port: listener.port)) }
    var events: [TimedEvent] = []
    for _ in 0..<12_000 {
      if let name = try FileManager.default.contentsOfDirectory(atPath: folder.path).first {
        let bytes = try Data(contentsOf: folder.appendingPathComponent(name))
        #expect(bytes.last == 0x0A)
        events = try RecordingReader.readAll(path: folder.appendingPathComponent(name).path).events
        if events.count >= serve.script.steps.count { break }
      }
      try await Task.sleep(for: .milliseconds(10))
    }
    #expect(proxy.openSessions == 1)
    #expect(events.count == serve.script.steps.count)
    #expect(events.allSatisfy { $0.direction == .server })
    proxy.shutdown()
    _ = try await client.value
    await proxy.finish()
    listener.close()
    upstream.close()
    for task in tasks { await task.value }
  }
}
