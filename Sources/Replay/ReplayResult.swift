public import Billing
public import RealtimeEvents
public import SessionGuard

/// Where the priced model's name came from.
public enum ModelSource: String, Sendable, Equatable {
  /// `session.created` / `session.updated` (the dated name the server used).
  case session
  /// `--model`.
  case option = "--model"
  /// The recording header's `model`.
  case header
}

/// One thing a reader of the report must know, with the line it comes from (0: the whole file).
public struct ReplayWarning: Sendable, Equatable {
  public var line: Int
  public var message: String

  public init(line: Int, message: String) {
    self.line = line
    self.message = message
  }
}

/// One step of the what-if guard on the virtual clock.
public struct ReplayTimelineEntry: Sendable, Equatable {
  public enum Kind: String, Sendable, Equatable {
    /// The idle monitor closed the connection.
    case disconnect
    /// An alert whose action is `disconnect` closed the connection.
    case alertDisconnect = "alert_disconnect"
    /// The monitor asked for a connection (user input or the session cap) and the driver opened it.
    case reconnect
  }

  public var time: Micros
  public var kind: Kind
  /// `idle 62.3s`, `user_input`, `session_expired`, `alert $1 on session`.
  public var detail: String

  public init(time: Micros, kind: Kind, detail: String) {
    self.time = time
    self.kind = kind
    self.detail = detail
  }
}

/// What the idle monitor and the alert policy did when the recording ran through them.
public struct ReplayGuardOutcome: Sendable, Equatable {
  public var policy: GuardSettings
  /// The first and the last event's time.
  public var start: Micros
  public var end: Micros
  /// Time the guarded session held a connection, from the first to the last event.
  public var connected: Micros
  public var timeline: [ReplayTimelineEntry]
  /// Every alert fired, in order (seed mode repeats on every check: defect 7).
  public var alerts: [Alert]
  public var counters: IdleMonitor.Counters
  /// Events of the recording that arrived while the guarded session was disconnected.
  public var eventsWhileDisconnected: Int
  /// Responses (`response.done`) and transcriptions metered by the recording while disconnected.
  public var responsesNotBilled: Int
  public var transcriptionsNotBilled: Int
  /// Their billed cost: what the guard would have saved, counterfactually (never part of the as-billed total).
  /// For GPT-Live, the as-billed total less what the guarded sessions were billed.
  public var notBilled: Money
  /// GPT-Live: what the guarded sessions were billed (session time from each guarded session's start
  /// to its close); nil for Realtime recordings.
  public var guardedLive: LiveTotals? = nil
}

/// Everything `rtcost replay` reports for one recording.
public struct ReplayResult: Sendable, Equatable {
  public var file: String
  public var model: String
  public var modelSource: ModelSource
  /// The day prices were resolved on; nil: the newest prices.
  public var priceDay: CalendarDay?
  /// Where that day came from.
  public var priceDaySource: ModelResolution.DaySource
  public var summary: RecordingSummary
  public var readStats: RecordingReadStats
  /// The authoritative meter over the whole recording (every `response.done`, always connected).
  public var billed: UsageTotals
  /// Input transcription, priced with the card of the transcription model in force at each event.
  public var transcriptionCost: Money
  public var transcriptions: Int
  public var unpricedTranscriptions: Int
  /// Transcriptions without usage, estimated from the server's speech spans (never billed).
  public var transcriptionEstimate = TranscriptionEstimate()
  /// The cards the recording was billed with (its model's token or session-time card).
  public var billing: SessionBilling? = nil
  /// The transcription usage priced in ``transcriptionCost``.
  public var transcriptionUsage = TranscriptionTotals()
  /// The card that priced it; nil when none did or when several models did.
  public var transcriptionPriceCard: TranscriptionPriceCard? = nil
  /// GPT-Live: the card that priced the backend tokens (`--backend-model`'s, else the session's
  /// backend model's); nil when unknown.
  public var backendPriceCard: PriceCard? = nil
  /// The first warnings (reader, pricing, skipped lines), by line.
  public var warnings: [ReplayWarning]
  /// Every warning and skipped line, counted (more than ``warnings`` holds when many).
  public var warningCount: Int
  /// The recording's `local.audio` markers with their WAVs analysed.
  public var audioInputs: [ReplayAudioInput] = []
  /// Nil for a bare recording (no timestamps).
  public var guardOutcome: ReplayGuardOutcome?

  /// Billed money: responses plus transcription plus GPT-Live session time and backend tokens.
  public var total: Money { billed.billed.addingSaturated(transcriptionCost).sum }

  /// What a stats file records for this recording: the tracker's totals with the input
  /// transcription the report bills, so that the stats file's billed amount equals ``total``.
  public var recordedTotals: UsageTotals {
    var totals = billed
    totals.transcriptionCost = totals.transcriptionCost.addingSaturated(transcriptionCost).sum
    totals.transcriptions += transcriptions
    return totals
  }

  /// Whether the recording was billed by session time (GPT-Live).
  public var isLive: Bool { billed.live.usageReports > 0 || summary.isLive }

  /// The seed's duration meter over the same stream.
  public var seedEstimate: Money { billed.seedEstimate.cost }

  /// Usage blocks that could not be priced (the total is a lower bound when above zero).
  public var unpriced: Int { billed.unpricedResponses + unpricedTranscriptions }

  /// Whether ``total`` may be below the true cost by an unknown amount (DESIGN §7.3): a
  /// `response.done` or transcription without usage, a block billed at its totals, an unpriced
  /// block, or a line skipped by `--lenient` that held a `response.done` or a transcription.
  public var isLowerBound: Bool {
    billed.isLowerBound || unpricedTranscriptions > 0 || readStats.skippedUsageLineCount > 0
  }
}
