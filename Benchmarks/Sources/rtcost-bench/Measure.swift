import Foundation
import RealtimeEvents

/// Times `wc -l`, a bare newline count, and the recording reader on the same file, in one run.
enum Measure {
  struct Result {
    var name: String
    var seconds: Double
    var detail: String
  }

  static func run(path: String, runs: Int) throws {
    let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64 ?? 0
    let megabytes = Double(size) / 1_000_000
    print("file: \(path)  size: \(String(format: "%.1f", megabytes)) MB  runs: \(runs) (best of)")
    // Warm the page cache so that every contender reads from memory.
    _ = try newlineCount(path: path)

    var results: [Result] = []
    results.append(try best(runs, "wc -l") { try wcLines(path: path) })
    results.append(try best(runs, "read+memchr") { "\(try newlineCount(path: path)) lines" })
    results.append(
      try best(runs, "RecordingReader") {
        let reader = try RecordingReader(path: path)
        var summary = RecordingSummary()
        try reader.forEach { summary.add($0) }
        return
          "\(reader.stats.lines) lines, \(reader.stats.events) events, \(reader.stats.fastPathEvents) fast, "
          + String(
            format: "%.0f s audio in, %.0f s out", summary.audioIn.seconds(.pcm16),
            summary.audioOut.seconds(.pcm16))
      })
    for r in results {
      let rate = megabytes / r.seconds
      print(
        "\(r.name.padding(toLength: 16, withPad: " ", startingAt: 0)) \(String(format: "%8.3f s %9.1f MB/s", r.seconds, rate))  \(r.detail)"
      )
    }
    let wc = results[0].seconds
    let reader = results[2].seconds
    print(String(format: "reader speed / wc -l speed = %.2f", wc / reader))
  }

  /// One pass of the reader alone, for `perf stat` and profilers.
  static func readOnly(path: String) throws {
    let reader = try RecordingReader(path: path)
    var summary = RecordingSummary()
    try reader.forEach { summary.add($0) }
    print(
      "\(reader.stats.events) events, \(summary.audioIn.pcm16Bytes + summary.audioOut.pcm16Bytes) audio bytes"
    )
  }

  private static func best(_ runs: Int, _ name: String, _ body: () throws -> String) throws -> Result {
    var bestTime = Double.infinity
    var detail = ""
    let clock = ContinuousClock()
    for _ in 0..<max(1, runs) {
      var text = ""
      let elapsed = try clock.measure { text = try body() }
      let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
      if seconds < bestTime {
        bestTime = seconds
        detail = text
      }
    }
    return Result(name: name, seconds: bestTime, detail: detail)
  }

  private static func wcLines(path: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["wc", "-l", path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: output, as: UTF8.self)
    return (text.split(separator: " ").first.map(String.init) ?? "?") + " lines"
  }

  /// The floor for any line reader: read(2) in 1 MiB chunks and memchr for newlines.
  private static func newlineCount(path: String) throws -> Int {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw BenchError("cannot open \(path)") }
    defer { close(fd) }
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
    defer { buffer.deallocate() }
    var lines = 0
    while true {
      let got = read(fd, buffer.baseAddress!, buffer.count)
      if got <= 0 { break }
      var p = buffer.baseAddress!
      var left = got
      while left > 0, let hit = memchr(p, 0x0A, left) {
        lines += 1
        let step = p.distance(to: hit) + 1
        p += step
        left -= step
      }
    }
    return lines
  }
}

struct BenchError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
