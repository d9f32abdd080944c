/// How strictly a ``RecordingReader`` treats bad lines.
public struct RecordingReadOptions: Sendable, Equatable {
  /// Skip and count bad lines (keeping the first few errors) instead of stopping at the first one.
  public var lenient: Bool
  /// How many skipped-line errors and warnings are kept for reporting (all are counted).
  public var keptProblems: Int

  public init(lenient: Bool = false, keptProblems: Int = 20) {
    self.lenient = lenient
    self.keptProblems = keptProblems
  }

  /// Stop at the first bad line.
  public static let strict = RecordingReadOptions()
  /// Skip and count bad lines.
  public static let lenient = RecordingReadOptions(lenient: true)
}

/// Whether a recording's event lines carry timestamps.
public enum RecordingStyle: String, Sendable, Equatable {
  /// `{"t", "dir", "event"}` lines: time questions can be answered.
  case timed
  /// Bare event objects: pricing works, time questions must be refused.
  case bare
}

/// Something a reader read but could not read completely (the line was still used).
public struct RecordingWarning: Sendable, Equatable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var message: String

  public init(file: String, line: Int, message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  public var description: String { "\(file):\(line): warning: \(message)" }
}

/// What a reader has seen so far: counts for reports and for tests.
public struct RecordingReadStats: Sendable, Equatable {
  /// Physical lines read, blank ones included.
  public var lines = 0
  /// Blank lines, skipped silently.
  public var blankLines = 0
  /// Events returned.
  public var events = 0
  /// Events read by the fast path (no JSON parser ran over them): audio events and flat events
  /// such as speech events and plain text deltas.
  public var fastPathEvents = 0
  /// `response.created` and `response.done` events read by their fast path (a strict JSON subset,
  /// not `JSONDecoder`).
  public var responseFastPathEvents = 0
  /// Events of a type rtcost does not know (read as ``RealtimeEvent/unknown(type:)``).
  public var unknownEvents = 0
  /// Events per type as written on the wire (beta and GA names apart), for reports.
  public var eventsByWireType: [String: Int] = [:]
  /// Bad lines skipped in lenient mode.
  public var skippedLines = 0
  /// The first skipped lines' errors (``RecordingReadOptions/keptProblems`` of them).
  public var skippedErrors: [RecordingError] = []
  /// Skipped lines that held a `response.done` (by ``SkippedUsageEvent``'s scan of the raw line):
  /// their usage is missing, so a billed total is a lower bound.
  public var skippedResponseDoneLines = 0
  /// Skipped lines that held a `conversation.item.input_audio_transcription.completed`.
  public var skippedTranscriptionLines = 0
  /// The first skipped lines that held either (``RecordingReadOptions/keptProblems`` of them).
  public var skippedUsageLines: [SkippedUsageLine] = []
  /// Warnings raised (a line can raise several).
  public var warningCount = 0
  /// The first warnings (``RecordingReadOptions/keptProblems`` of them).
  public var warnings: [RecordingWarning] = []
  /// Bytes read from the source.
  public var bytes: Int64 = 0

  public init() {}

  /// Skipped lines that held a usage-bearing event, of either kind.
  public var skippedUsageLineCount: Int { skippedResponseDoneLines + skippedTranscriptionLines }

  /// The usage-bearing event skipped line `line` held, if it is among ``skippedUsageLines``.
  public func skippedUsageEvent(onLine line: Int) -> SkippedUsageEvent? {
    skippedUsageLines.first { $0.line == line }?.event
  }

  /// Types per wire name, sorted by name (a deterministic order for output).
  public var sortedWireTypeCounts: [(type: String, count: Int)] {
    eventsByWireType.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
  }
}
