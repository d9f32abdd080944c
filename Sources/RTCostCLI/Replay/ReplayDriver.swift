internal import Billing
internal import RealtimeEvents

/// Reads recordings from disk and replays them (the I/O edge of ``ReplayRun``).
enum ReplayDriver {
  /// Replays the recording at `path`; errors name the file and line (`CLIError`).
  static func replay(
    path: String, lenient: Bool, book: PriceBook, modelOverride: String?, policy: ReplayPolicy
  ) throws -> ReplayFileResult {
    var run = ReplayRun(file: path, book: book, modelOverride: modelOverride, policy: policy)
    do {
      let reader = try RecordingReader(path: path, options: lenient ? .lenient : .strict)
      while let event = try reader.next() { try run.add(event, header: reader.header) }
      return try run.finish(header: reader.header, stats: reader.stats)
    } catch let error as RecordingError {
      throw CLIError(error.description)
    }
  }
}
