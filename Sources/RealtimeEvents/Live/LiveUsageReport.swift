public import Billing

/// The `usage` of a GPT-Live `session.usage.updated` or `session.closed` event: the session's
/// **cumulative** billed duration so far. Reports are snapshots: "do not sum this value across
/// usage events" [learn.microsoft.com LiveSessionUsage; OpenAI guide live-conversations].
///
/// `seconds` is documented. The split of standby time is not (UNCERTAIN): a report may carry it as
/// `standby_seconds` (the name rtcost reads and writes, an assumption), which is part of `seconds`.
public struct LiveUsageReport: Sendable, Equatable, Hashable {
  /// All billed session time so far (`usage.seconds`), in microseconds.
  public var sessionMicros: Micros
  /// The standby part of ``sessionMicros`` (`usage.standby_seconds`), when reported.
  public var standbyMicros: Micros?
  /// `context_window.usage_ratio`: how full the model's context is (0 to 1), when reported.
  public var contextUsageRatio: Double?

  public init(sessionMicros: Micros, standbyMicros: Micros? = nil, contextUsageRatio: Double? = nil) {
    self.sessionMicros = sessionMicros
    self.standbyMicros = standbyMicros
    self.contextUsageRatio = contextUsageRatio
  }

  /// The billed time as ``Billing/LiveUsage``: standby time when reported, the rest active.
  public var usage: LiveUsage {
    let standby = min(standbyMicros ?? 0, sessionMicros)
    return LiveUsage(activeMicros: sessionMicros - standby, standbyMicros: standby)
  }
}

/// A backend Responses event nested in a GPT-Live `response.event`, reduced to what is billed: the
/// usage of a finished response (`response.completed`, `response.incomplete`, `response.failed`,
/// or `response.done`), with the backend model when the response names it.
public struct LiveBackendResponse: Sendable, Equatable, Hashable {
  /// The nested event's type (`response.completed`, `response.output_text.delta`, …).
  public var type: String
  /// The delegation this event belongs to (`delegation_id`).
  public var delegationID: String?
  /// The backend model (`response.model`), when the nested event carries a response.
  public var model: String?
  /// The usage of a finished response; nil for streaming events.
  public var usage: BackendUsage?

  public init(type: String, delegationID: String? = nil, model: String? = nil, usage: BackendUsage? = nil) {
    self.type = type
    self.delegationID = delegationID
    self.model = model
    self.usage = usage
  }
}
