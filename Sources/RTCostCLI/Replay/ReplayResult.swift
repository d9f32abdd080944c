internal import Billing
internal import RealtimeEvents
internal import SessionGuard

/// Where the priced model's name came from.
enum ModelSource: String, Sendable, Equatable {
  /// `session.created` / `session.updated` (the dated name the server used).
  case session
  /// `--model`.
  case option = "--model"
  /// The recording header's `model`.
  case header
}

/// One thing a reader of the report must know, with the line it comes from (0: the whole file).
struct ReplayWarning: Sendable, Equatable {
  var line: Int
  var message: String
}

/// One step of the what-if guard on the virtual clock.
struct ReplayTimelineEntry: Sendable, Equatable {
  enum Kind: String, Sendable, Equatable {
    /// The idle monitor closed the connection.
    case disconnect
    /// An alert whose action is `disconnect` closed the connection.
    case alertDisconnect = "alert_disconnect"
    /// The monitor asked for a connection (user input or the session cap) and the driver opened it.
    case reconnect
  }

  var time: Micros
  var kind: Kind
  /// `idle 62.3s`, `user_input`, `session_expired`, `alert $1 on session`.
  var detail: String
}

/// What the idle monitor and the alert policy did when the recording ran through them.
struct ReplayGuardOutcome: Sendable, Equatable {
  var policy: ReplayPolicy
  /// The first and the last event's time.
  var start: Micros
  var end: Micros
  /// Time the guarded session held a connection, from the first to the last event.
  var connected: Micros
  var timeline: [ReplayTimelineEntry]
  /// Every alert fired, in order (seed mode repeats on every check: defect 7).
  var alerts: [Alert]
  var counters: IdleMonitor.Counters
  /// Events of the recording that arrived while the guarded session was disconnected.
  var eventsWhileDisconnected: Int
  /// Responses (`response.done`) and transcriptions metered by the recording while disconnected.
  var responsesNotBilled: Int
  var transcriptionsNotBilled: Int
  /// Their billed cost: what the guard would have saved, counterfactually (never part of the as-billed total).
  var notBilled: Money
}

/// Everything `rtcost replay` reports for one recording.
struct ReplayFileResult: Sendable, Equatable {
  var file: String
  var model: String
  var modelSource: ModelSource
  /// The day prices were resolved on (the header's `started_at`); nil: the newest prices.
  var priceDay: CalendarDay?
  var summary: RecordingSummary
  var readStats: RecordingReadStats
  /// The authoritative meter over the whole recording (every `response.done`, always connected).
  var billed: UsageTotals
  /// Input transcription, priced with the card of the transcription model in force at each event.
  var transcriptionCost: Money
  var transcriptions: Int
  var unpricedTranscriptions: Int
  /// The first warnings (reader, pricing, skipped lines), by line.
  var warnings: [ReplayWarning]
  /// Every warning and skipped line, counted (more than ``warnings`` holds when many).
  var warningCount: Int
  /// The recording's `local.audio` markers with their WAVs analysed.
  var audioInputs: [ReplayAudioInput] = []
  /// Nil for a bare recording (no timestamps).
  var guardOutcome: ReplayGuardOutcome?

  /// Billed money: responses plus transcription.
  var total: Money { billed.costs.total + transcriptionCost }

  /// The seed's duration meter over the same stream.
  var seedEstimate: Money { billed.seedEstimate.cost }

  /// Usage blocks that could not be priced (the total is a lower bound when above zero).
  var unpriced: Int { billed.unpricedResponses + unpricedTranscriptions }
}
