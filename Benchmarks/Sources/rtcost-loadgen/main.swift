import Capture
import Foundation
import Logging
import ServiceLifecycle

// rtcost-loadgen run [SESSIONS] [SECONDS]      direct to a fake upstream, then through the proxy
// rtcost-loadgen proxy UPSTREAM_PORT RECORD_DIR the proxy alone (a child of `run`, for its RSS)
let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
  FileHandle.standardError.write(Data("usage: rtcost-loadgen run [SESSIONS] [SECONDS]\n".utf8))
  exit(2)
}
switch arguments[1] {
case "proxy":
  guard arguments.count == 4, let upstream = Int(arguments[2]) else { exit(2) }
  try await runProxy(upstreamPort: upstream, recordDir: arguments[3])
case "run":
  let sessions = arguments.count > 2 ? Int(arguments[2]) ?? 100 : 100
  let seconds = arguments.count > 3 ? Double(arguments[3]) ?? 20 : 20
  try await runBenchmark(sessions: sessions, seconds: seconds)
default:
  exit(2)
}

/// The real ProxyServer, as `rtcost proxy --port 0 --upstream ws://127.0.0.1:PORT/v1 --record-dir DIR`
/// runs it (the guard meters every response; recordings are written).
func runProxy(upstreamPort: Int, recordDir: String) async throws {
  let configuration = ProxyConfiguration(
    port: 0,
    upstream: UpstreamEndpoint(
      base: WebSocketURL(secure: false, host: "127.0.0.1", port: upstreamPort, path: "/v1")),
    recordings: try FolderRecordingStorage(folder: recordDir))
  var logger = Logger(label: "rtcost.proxy")
  logger.logLevel = .error
  let proxy = try ProxyServer(configuration: configuration, logger: logger)
  let service = ProxyService(proxy: proxy) { port in
    FileHandle.standardOutput.write(Data("PORT \(port)\n".utf8))
  }
  let group = ServiceGroup(
    configuration: .init(
      services: [.init(service: service)], gracefulShutdownSignals: [.sigterm], logger: logger))
  try await group.run()
}

struct Phase {
  var appends: [UInt64] = []
  var deltas: [UInt64] = []
  var large: [UInt64] = []
  var frames = 0
  var bytes = 0
  var seconds = 0.0
}

func runPhase(port: Int, upstream: BenchUpstream, sessions: Int, seconds: Double) async throws -> Phase {
  upstream.appendLatency.reset()
  upstream.largeAppendLatency.reset()
  let deltas = Samples()
  let start = monotonicNanos()
  let totals = try await withThrowingTaskGroup(of: (Int, Int, Int).self) { group in
    for index in 0..<sessions {
      let large: Double? = index % 25 == 0 ? 4 + Double(index / 25) * 3 : nil
      group.addTask {
        // Sessions start spread over the first second, as apps connect.
        try await Task.sleep(for: .milliseconds(index * 1_000 / max(1, sessions)))
        return try await LoadClient(
          port: port, seconds: seconds, seed: UInt64(index + 1), largeAppendAt: large, deltaLatency: deltas
        ).run()
      }
    }
    var sum = (0, 0, 0)
    for try await (sent, received, bytes) in group { sum = (sum.0 + sent, sum.1 + received, sum.2 + bytes) }
    return sum
  }
  var phase = Phase()
  phase.seconds = Double(monotonicNanos() - start) / 1e9
  phase.frames = totals.0 + totals.1
  phase.bytes = totals.2
  phase.appends = upstream.appendLatency.all.sorted()
  phase.large = upstream.largeAppendLatency.all.sorted()
  phase.deltas = deltas.all.sorted()
  return phase
}

func percentile(_ sorted: [UInt64], _ p: Double) -> Double {
  guard !sorted.isEmpty else { return .nan }
  return Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]) / 1e6
}

func rss(_ pid: Int32) -> (rss: Double, peak: Double) {
  guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else {
    return (0, 0)
  }
  func field(_ name: String) -> Double {
    guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name) }) else { return 0 }
    return Double(line.split(separator: " ").compactMap { Double($0) }.first ?? 0) / 1024
  }
  return (field("VmRSS:"), field("VmHWM:"))
}

func runBenchmark(sessions: Int, seconds: Double) async throws {
  let upstream = BenchUpstream()
  let server = try await WebSocketServer.bind(host: "127.0.0.1", port: 0, handler: upstream)
  let serving = Task { await server.run() }
  let recordDir = NSTemporaryDirectory() + "rtcost-loadgen-\(getpid())"
  try FileManager.default.createDirectory(atPath: recordDir, withIntermediateDirectories: true)
  print(
    "\(sessions) sessions × \(Int(seconds)) s: appends of 20–100 ms pcm16 at that pace, a response.create every 3 s"
  )
  print("answered with 1 s of audio in 20 deltas, and 15 MiB appends from \((sessions + 24) / 25) sessions")

  let direct = try await runPhase(port: server.port, upstream: upstream, sessions: sessions, seconds: seconds)

  let child = Process()
  child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
  child.arguments = ["proxy", String(server.port), recordDir]
  let pipe = Pipe()
  child.standardOutput = pipe
  try child.run()
  var proxyPort = 0
  var buffer = ""
  while proxyPort == 0 {
    let data = pipe.fileHandleForReading.availableData
    guard !data.isEmpty else { throw CaptureError("the proxy exited before listening") }
    buffer += String(decoding: data, as: UTF8.self)
    if let line = buffer.split(separator: "\n").first(where: { $0.hasPrefix("PORT ") }) {
      proxyPort = Int(line.dropFirst(5)) ?? 0
    }
  }
  try await Task.sleep(for: .milliseconds(300))
  let idle = rss(child.processIdentifier)
  let samples = Samples()
  let sampler = Task {
    while !Task.isCancelled {
      try? await Task.sleep(for: .milliseconds(250))
      samples.add(UInt64(rss(child.processIdentifier).rss * 1024))
    }
  }
  let proxied = try await runPhase(port: proxyPort, upstream: upstream, sessions: sessions, seconds: seconds)
  sampler.cancel()
  let peak = rss(child.processIdentifier).peak
  child.terminate()
  child.waitUntilExit()
  server.close()
  await serving.value
  let recorded = (try? FileManager.default.contentsOfDirectory(atPath: recordDir).count) ?? 0
  try? FileManager.default.removeItem(atPath: recordDir)

  func row(_ name: String, _ a: [UInt64], _ b: [UInt64]) {
    let line = [
      name.padding(toLength: 26, withPad: " ", startingAt: 0),
      String(format: "p50 %7.3f ms  p99 %7.3f ms", percentile(a, 0.5), percentile(a, 0.99)),
      String(format: "   p50 %7.3f ms  p99 %7.3f ms", percentile(b, 0.5), percentile(b, 0.99)),
      String(
        format: "   %+7.3f / %+7.3f ms", percentile(b, 0.5) - percentile(a, 0.5),
        percentile(b, 0.99) - percentile(a, 0.99)),
      "  (n \(a.count) / \(b.count))",
    ]
    print(line.joined())
  }
  print(
    "one-way latency            direct                            via proxy                         added p50 / p99"
  )
  row("client→upstream appends", direct.appends, proxied.appends)
  row("upstream→client deltas", direct.deltas, proxied.deltas)
  row("client→upstream 15 MiB", direct.large, proxied.large)
  for (name, phase) in [("direct", direct), ("via proxy", proxied)] {
    print(
      String(
        format: "throughput %@: %.0f frames/s, %.1f MB/s over %.1f s", name,
        Double(phase.frames) / phase.seconds,
        Double(phase.bytes) / phase.seconds / 1e6, phase.seconds))
  }
  let steady = samples.all.sorted()
  let middle = steady.isEmpty ? 0 : Double(steady[steady.count / 2]) / 1024
  print(
    String(
      format:
        "proxy RSS: %.1f MiB idle, %.1f MiB median with %d sessions open (%.2f MiB per session), %.1f MiB peak",
      idle.rss, middle, sessions, (middle - idle.rss) / Double(sessions), peak))
  print("recordings written: \(recorded)")
}
