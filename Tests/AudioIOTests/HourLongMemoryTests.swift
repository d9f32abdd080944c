import AudioIO
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// An hour of audio is analysed in the memory a minute takes.
///
/// Two files are generated in a scratch folder: 1 minute and 60 minutes of 8 kHz mono, −60 dBFS
/// noise with a 1.5 s speech-like burst every 5 s (one 5 s period rendered and written 12 or 720 times). Each is analysed in one streaming pass (VAD and
/// the 24 kHz append stream together). The reader's buffer, the VAD's window and the resampler's
/// buffers must be the same size for both, and the peak resident memory of `rtcost audio` on the hour
/// may exceed the minute's by far less than the hour's samples (57.6 MB as PCM16 at 8 kHz, 172.8 MB resampled to 24 kHz).
@Suite(.serialized) struct HourLongMemoryTests {
  /// One 5 s period: the burst at 1.0–2.5 s over the noise.
  private static let period = SyntheticAudio(
    sampleRate: 8000, durationMicros: 5_000_000, bed: .noise(dBFS: -60),
    events: [SyntheticAudio.Event(start: 1_000_000, end: 2_500_000, sound: .speechLike(dBFS: -20))], seed: 43)

  /// Writes `minutes` of audio by repeating the rendered period (rendering an hour sample by
  /// sample in a debug build would take most of a minute; the reader cannot tell the difference).
  private static func write(minutes: Int64, to path: String) throws {
    var samples: [Int16] = []
    period.render { samples += $0 }
    let writer = try WAVWriter(path: path, sampleRate: 8000, channels: 1)
    for _ in 0..<(minutes * 12) { try writer.write(interleaved: samples[...]) }
    try writer.close()
  }

  private struct Run {
    var analysis: WAVAnalysis
    var appendBytes: Int64
    var fileBytes: Int
    var path: String
  }

  private func run(minutes: Int64, in folder: URL, keepFile: Bool = false) throws -> Run {
    let path = folder.appendingPathComponent("\(minutes)min.wav").path
    try HourLongMemoryTests.write(minutes: minutes, to: path)
    let fileBytes = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
    let stream = try PCM16AppendStream(inputRate: 8000)
    var appendBytes: Int64 = 0
    let analysis = try WAVAnalysis.analyze(
      path: path, keepSegments: false,
      onSamples: { (block: ArraySlice<Int16>) throws(AudioError) in
        do {
          try stream.push(block) { appendBytes += Int64($0.samples.count * 2) }
        } catch {
          throw AudioError(path: path, reason: "\(error)")
        }
      })
    try stream.finish { appendBytes += Int64($0.samples.count * 2) }
    if !keepFile { try FileManager.default.removeItem(atPath: path) }
    return Run(analysis: analysis, appendBytes: appendBytes, fileBytes: fileBytes, path: path)
  }

  /// Peak resident memory of one `rtcost audio FILE` process, read with `wait4`.
  ///
  /// Measured in a child process of its own: the test process's own peak would include whatever
  /// other suites running in parallel allocate.
  private static func peakResidentBytesOfAudioCommand(_ path: String) throws -> Int {
    var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
      folder.deleteLastPathComponent()
    }
    let bundle = Bundle.main.bundleURL
    let executable =
      [
        bundle.appendingPathComponent("rtcost"),
        bundle.deletingLastPathComponent().appendingPathComponent("rtcost"),
      ]
      .first { FileManager.default.isExecutableFile(atPath: $0.path) }?.path
      ?? folder.appendingPathComponent(".build/debug/rtcost").path
    let arguments = [executable, "audio", path, "--format", "json"]
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    var pid = pid_t()
    let spawned = posix_spawn(&pid, executable, &actions, nil, &argv, environ)
    guard spawned == 0 else { throw AudioError(path: executable, reason: "cannot start (\(spawned))") }
    var status: Int32 = 0
    var usage = rusage()
    _ = wait4(pid, &status, 0, &usage)
    #expect(status == 0, "rtcost audio \(path) failed")
    return usage.ru_maxrss * 1024  // kilobytes on Linux
  }

  @Test func anHourTakesTheMemoryOfAMinute() throws {
    let folder = try TestPaths.scratchFolder("hour")
    defer { try? FileManager.default.removeItem(at: folder) }

    let minute = try run(minutes: 1, in: folder, keepFile: true)
    let hour = try run(minutes: 60, in: folder, keepFile: true)
    let peakAfterMinute = try HourLongMemoryTests.peakResidentBytesOfAudioCommand(minute.path)
    let peakAfterHour = try HourLongMemoryTests.peakResidentBytesOfAudioCommand(hour.path)

    // The hour really was an hour: 28,800,000 frames, 720 bursts of 1.5 s each committed with
    // 0.3 s of prefix: 720 × ⌈18 × 100 ms⌉ = 720 × 18 = 12,960 tokens (1 minute: 12 × 18 = 216).
    #expect(hour.analysis.frames == 28_800_000)
    #expect(hour.fileBytes == 44 + 57_600_000)
    #expect(hour.analysis.segmentCount == 720)
    #expect(hour.analysis.committedAudioTokens == 12_960)
    #expect(minute.analysis.segmentCount == 12)
    #expect(minute.analysis.committedAudioTokens == 216)
    #expect(hour.analysis.segments.isEmpty)  // not kept: counted on the fly
    // 3600 s at 24 kHz × 2 bytes = 172,800,000 bytes of append payloads (±1 sample).
    #expect(abs(hour.appendBytes - 172_800_000) <= 2)

    // Same buffers for a minute and an hour.
    #expect(hour.analysis.peakBufferedSamples == minute.analysis.peakBufferedSamples)
    #expect(hour.analysis.peakBufferedSamples == 4096)
    #expect(hour.analysis.segmenterWindowCapacity == minute.analysis.segmenterWindowCapacity)
    #expect(hour.analysis.segmenterWindowCapacity == 231)

    // Peak resident memory of `rtcost audio` on each file: the hour adds far less than its own
    // samples (57.6 MB).
    let growth = peakAfterHour - peakAfterMinute
    print(
      "peak RSS after 1 min: \(peakAfterMinute / 1_000_000) MB, after 60 min: \(peakAfterHour / 1_000_000) MB"
    )
    #expect(growth < 32_000_000, "peak RSS grew by \(growth) bytes")
  }
}
