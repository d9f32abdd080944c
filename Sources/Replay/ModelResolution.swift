public import Billing
public import RealtimeEvents

/// Which model a recording is priced as, and on which day (the rule of docs/replay.md, "Which
/// model, which day"):
///
/// 1. A dated snapshot named by the session (`session.created`/`session.updated`) is the server's
///    truth; a different `--model` or header model is reported in a warning naming both.
/// 2. An alias (or nothing) in the session: an explicit dated `--model` wins, then a dated header
///    model; otherwise the alias (the session's, else `--model`'s, else the header's) resolves on
///    the recording's day.
/// 3. The recording's day: the header's `started_at`; else an epoch in the events
///    (`session.expires_at` minus the session cap of its era, or a `created_at`); else `--at`; else
///    none, and an alias resolves to its newest snapshot with a warning. The day also picks the
///    price row of a model whose price changed.
public struct ModelResolution: Sendable, Equatable {
  /// Where the day that picked the prices came from.
  public enum DaySource: String, Sendable, Equatable {
    /// The recording header's `started_at`.
    case header = "header started_at"
    /// `session.expires_at` minus the session length cap of its era.
    case expiresAt = "session expires_at"
    /// A `created_at` epoch in the events.
    case createdAt = "created_at"
    /// `--at`.
    case option = "--at"
    /// Nothing dated the recording: the newest prices.
    case newest
  }

  /// The dated model priced.
  public var model: String { billing.model }
  /// How it bills on the day: its token card (Realtime) or its session-time card (GPT-Live).
  public var billing: SessionBilling
  /// The token card of a Realtime model; nil for GPT-Live.
  public var card: PriceCard? { billing.tokenCard }
  public var modelSource: ModelSource
  /// The day prices were resolved on; nil: the newest.
  public var day: CalendarDay?
  public var daySource: DaySource
  /// Unix microseconds of the recording's time 0 when known (for UTC day windows).
  public var epochAtZero: Micros?
  /// What a reader must know about the choice (a disagreement, an undated alias).
  public var warnings: [String]

  /// What the recording and the options say.
  public struct Evidence: Sendable, Equatable {
    public var sessionModel: String?
    public var optionModel: String?
    public var headerModel: String?
    public var headerStartedAt: String?
    public var sessionExpiresAt: Int64?
    public var sessionCreatedAt: Int64?
    public var optionDay: CalendarDay?
    /// Whether the recording holds GPT-Live session events (`expires_at` then dates it by the Live
    /// session limit, not the Realtime one).
    public var liveSession: Bool

    public init(
      sessionModel: String? = nil, optionModel: String? = nil, headerModel: String? = nil,
      headerStartedAt: String? = nil, sessionExpiresAt: Int64? = nil, sessionCreatedAt: Int64? = nil,
      optionDay: CalendarDay? = nil, liveSession: Bool = false
    ) {
      self.liveSession = liveSession
      self.sessionModel = sessionModel
      self.optionModel = optionModel
      self.headerModel = headerModel
      self.headerStartedAt = headerStartedAt
      self.sessionExpiresAt = sessionExpiresAt
      self.sessionCreatedAt = sessionCreatedAt
      self.optionDay = optionDay
    }
  }

  /// The model and day `evidence` gives with `book`; nil model evidence is an error naming the
  /// recording (`name`).
  public static func resolve(_ evidence: Evidence, book: PriceBook, name: String) throws(ReplayError)
    -> ModelResolution
  {
    var warnings: [String] = []
    let (day, daySource, epoch) = recordingDay(evidence, warnings: &warnings)
    let named: String
    let source: ModelSource
    if let session = evidence.sessionModel, !book.isAlias(session) {
      (named, source) = (session, .session)
      for (other, label) in [(evidence.optionModel, "--model"), (evidence.headerModel, "the header")] {
        guard let other, other != session else { continue }
        let otherDated = try? book.resolve(other, on: day)
        if otherDated != session {
          warnings.append("the session names \(session); \(label) says \(other), which was not used")
        }
      }
    } else if let option = evidence.optionModel, !book.isAlias(option) {
      (named, source) = (option, .option)
    } else if let header = evidence.headerModel, !book.isAlias(header) {
      (named, source) = (header, .header)
    } else if let session = evidence.sessionModel {
      (named, source) = (session, .session)
    } else if let option = evidence.optionModel {
      (named, source) = (option, .option)
    } else if let header = evidence.headerModel {
      (named, source) = (header, .header)
    } else {
      throw ReplayError(
        "\(name): no model known: the recording has no session.created or session.updated naming one and "
          + "no header model; give one with --model (e.g. --model gpt-realtime)")
    }
    let billing: SessionBilling
    func billed(on day: CalendarDay?) throws(PriceBookError) -> SessionBilling {
      book.isLiveModel(named)
        ? .live(try book.liveCard(for: named, on: day)) : .tokens(try book.card(for: named, on: day))
    }
    do {
      billing = try billed(on: day)
    } catch .noPriceOnDate(let model, let onDay, let firstDay) where !book.isAlias(named) {
      // A dated snapshot named explicitly is obeyed even on a day before its first price.
      do {
        billing = try billed(on: firstDay)
      } catch {
        throw ReplayError("\(name): \(error.description)")
      }
      warnings.append(
        "\(model) had no price yet on \(onDay) (its first applies from \(firstDay)): priced at its first price"
      )
    } catch {
      throw ReplayError("\(name): \(error.description)")
    }
    if book.isAlias(named), day == nil {
      warnings.append(
        "\(named) is an alias and nothing dates the recording (no header started_at, no expires_at): "
          + "priced as its newest snapshot \(billing.model); give --at YYYY-MM-DD or a dated --model")
    }
    return ModelResolution(
      billing: billing, modelSource: source, day: day, daySource: daySource, epochAtZero: epoch,
      warnings: warnings)
  }

  /// The recording's day and the epoch of its time 0, by the rule's order.
  static func recordingDay(_ evidence: Evidence, warnings: inout [String]) -> (
    CalendarDay?, DaySource, Micros?
  ) {
    if let startedAt = evidence.headerStartedAt {
      if let day = CalendarDay(String(startedAt.prefix(10))) {
        return (day, .header, InternetDateTime.epochMicros(startedAt))
      }
      warnings.append("header started_at '\(startedAt)' is not a date: it was not used to date the recording")
    }
    if let expiresAt = evidence.sessionExpiresAt {
      let started =
        evidence.liveSession
        ? expiresAt - LiveSessionLimit.assumedMaximum / Micros.perSecond
        : SessionLengthEras.start(ofSessionExpiringAt: expiresAt)
      return (CalendarDay(unixSeconds: started), .expiresAt, nil)
    }
    if let createdAt = evidence.sessionCreatedAt {
      return (CalendarDay(unixSeconds: createdAt), .createdAt, nil)
    }
    if let day = evidence.optionDay { return (day, .option, nil) }
    return (nil, .newest, nil)
  }
}

/// The length limit of a GPT-Live session: what turns its `expires_at` into the time it started.
///
/// UNCERTAIN: no maximum is published ("The session reached its duration limit" is the `expired`
/// close reason; `expires_at` is on every session object). 60 minutes, the Realtime GA cap, is
/// assumed; a wrong guess moves a recording's day only when it starts within that long of midnight.
public enum LiveSessionLimit {
  /// The assumed maximum session length.
  public static let assumedMaximum: Micros = 3_600 * Micros.perSecond
}

/// The Realtime session length cap by era (DESIGN: 15 minutes at the October 2024 launch, 30 minutes
/// later in the beta, 60 minutes with GA on 2025-08-28): what turns a session's `expires_at` into
/// the time it started.
///
/// UNCERTAIN: the day the beta cap went from 15 to 30 minutes is not documented; the first of
/// December 2024 is assumed (the 2024-12-17 snapshots shipped with 30-minute sessions).
public enum SessionLengthEras {
  /// The day GA raised the cap to 60 minutes.
  public static let gaDay = CalendarDay(year: 2025, month: 8, day: 28)
  /// The assumed day the beta cap became 30 minutes.
  public static let thirtyMinuteDay = CalendarDay(year: 2024, month: 12, day: 1)

  /// When a session expiring at `expiresAt` (Unix seconds) started: the longest cap whose era
  /// contains the start.
  public static func start(ofSessionExpiringAt expiresAt: Int64) -> Int64 {
    for (cap, from) in [(Int64(3_600), gaDay), (1_800, thirtyMinuteDay)] {
      let start = expiresAt - cap
      if CalendarDay(unixSeconds: start) >= from { return start }
    }
    return expiresAt - 900
  }
}

extension CalendarDay {
  /// The UTC day of a Unix time in seconds.
  public init(unixSeconds: Int64) {
    let (quotient, remainder) = unixSeconds.quotientAndRemainder(dividingBy: 86_400)
    let days = remainder < 0 ? quotient - 1 : quotient
    // Civil-from-days (Howard Hinnant's algorithm), exact for the proleptic Gregorian calendar.
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthPrime = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
    let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    self.init(year: Int(year), month: Int(month), day: Int(day))
  }
}
