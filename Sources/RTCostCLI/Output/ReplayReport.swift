internal import Billing
internal import RealtimeEvents
internal import Replay
internal import SessionGuard

/// Renders `rtcost replay` results: one recording's report, or every file plus a total.
///
/// Every format prints the same numbers. Money is exact (`Money.decimalText`) in every format.
/// Files keep the argument order.
enum ReplayReport {
  /// The note every time question gets for a recording without timestamps.
  static let bareNote =
    "this recording has no timestamps: duration, idle gaps, the idle monitor and alerts cannot be replayed "
    + "(pricing is exact)"
  /// The label of the counterfactual saving, wherever it is printed.
  static let counterfactualLabel =
    "counterfactual: billed in the recording while the guarded session would have been disconnected; "
    + "not part of the as-billed total"
  /// The label of the cached-split bounds, wherever they are printed.
  static let cachedSplitLabel =
    "cached_tokens without cached_tokens_details: billed at the most expensive consistent split (text first on "
    + "bundled cards), an upper bound; the cheapest consistent split (audio first on bundled cards) is the lower "
    + "bound"
  /// The label of the transcription estimate, wherever it is printed.
  static let estimateLabel =
    "estimate, not billed: transcriptions without usage priced at the transcription card's per-minute rate "
    + "over the server's speech spans (audio_end_ms - audio_start_ms); not part of the as-billed total"
  /// The label of the seed meter.
  static let seedLabel =
    "seed-compatible estimate (the original design's duration meter, defects included)"

  static func render(_ results: [ReplayResult], format: ReportFormat, timeOptionsGiven: Bool) -> String {
    switch format {
    case .json: json(results, timeOptionsGiven: timeOptionsGiven).rendered()
    case .csv: csv(results)
    case .table: ReplayReportText.table(results, timeOptionsGiven: timeOptionsGiven)
    case .md: ReplayReportText.markdown(results, timeOptionsGiven: timeOptionsGiven)
    }
  }

  static func total(_ results: [ReplayResult]) -> ReplayAggregate {
    var total = ReplayAggregate()
    for result in results { total.add(ReplayAggregate(result)) }
    return total
  }

  // MARK: JSON

  /// One file: its report object. Several: `{"files": [...], "total": {...}}`.
  static func json(_ results: [ReplayResult], timeOptionsGiven: Bool) -> JSONValue {
    if results.count == 1 { return fileJSON(results[0], timeOptionsGiven: timeOptionsGiven) }
    let aggregate = total(results)
    var models: [String] = []
    for result in results where !models.contains(result.model) { models.append(result.model) }
    var members: [(String, JSONValue)] = [
      ("files_replayed", .int(results.count)),
      ("models", .array(models.map(JSONValue.string))),
    ]
    members += billedJSON(aggregate)
    members += [
      ("audio", audioJSON(aggregate)),
      (
        "timed",
        .object([
          ("files", .int(results.filter { $0.guardOutcome != nil }.count)),
          ("duration_s", seconds(aggregate.duration)),
          ("connected_s", seconds(aggregate.connected)),
        ])
      ),
      (
        "idle",
        .object([("disconnects", .int(aggregate.disconnects)), ("reconnects", .int(aggregate.reconnects))])
      ),
      ("alerts_fired", .int(aggregate.alerts)),
      (
        "counterfactual",
        counterfactualJSON(notBilled: aggregate.notBilled, responses: aggregate.responsesNotBilled)
      ),
    ]
    return .object([
      ("files", .array(results.map { fileJSON($0, timeOptionsGiven: timeOptionsGiven) })),
      ("total", .object(members)),
    ])
  }

  static func fileJSON(_ result: ReplayResult, timeOptionsGiven: Bool) -> JSONValue {
    let aggregate = ReplayAggregate(result)
    var members: [(String, JSONValue)] = [
      ("file", .string(result.file)),
      ("model", .string(result.model)),
      ("model_source", .string(result.modelSource.rawValue)),
      ("price_date", result.priceDay.map { .string($0.description) } ?? .null),
      ("price_date_source", .string(result.priceDaySource.rawValue)),
      ("timed", .bool(result.summary.isTimed)),
      ("events", .int(result.summary.events)),
      ("unknown_events", .int(result.summary.unknownEvents)),
      ("skipped_lines", .int(result.readStats.skippedLines)),
    ]
    members += billedJSON(aggregate)
    members.append(("warning_count", .int(result.warningCount)))
    members.append(
      (
        "warnings",
        .array(result.warnings.map { .object([("line", .int($0.line)), ("message", .string($0.message))]) })
      ))
    members.append(("audio", audioJSON(aggregate)))
    if !result.audioInputs.isEmpty {
      members.append(
        (
          "audio_inputs",
          .array(
            result.audioInputs.map { input in
              .object([
                ("t", input.time.map(seconds) ?? .null), ("line", .int(input.line)),
                ("path", .string(input.marker.path)), ("use", .string(input.marker.use.rawValue)),
                ("genuine", .bool(input.marker.genuine)), ("duration_s", seconds(input.duration)),
                ("committed_turns", .int(input.committedTurns)), ("audio_tokens", .int(input.audioTokens)),
                ("first_billing_usd", usd(input.firstBillingCost)),
                ("warnings", .array(input.warnings.map(JSONValue.string))),
              ])
            })
        ))
    }
    members += timeJSON(result, timeOptionsGiven: timeOptionsGiven)
    return .object(members)
  }

  /// `responses`, `function_calls`, `tokens`, `cost_usd`, transcription and the seed estimate.
  static func billedJSON(_ a: ReplayAggregate) -> [(String, JSONValue)] {
    var tokens: [(String, JSONValue)] = a.tokens.entries.map { ($0.category.rawValue, .int($0.value)) }
    tokens.append(("total", .int(a.tokens.total)))
    var costs: [(String, JSONValue)] = a.costs.entries.map { ($0.category.rawValue, usd($0.value)) }
    costs += [("responses", usd(a.costs.total)), ("transcription", usd(a.transcriptionCost))]
    if a.liveFiles > 0 {
      costs += [("live_session", usd(a.live.bill.total)), ("live_backend", usd(a.live.backendCost))]
    }
    costs.append(("total", usd(a.total)))
    var live: [(String, JSONValue)] = []
    if a.liveFiles > 0 { live = [("live", liveJSON(a.live))] }
    return live + [
      (
        "responses",
        .object([
          ("total", .int(a.responses.total)), ("completed", .int(a.responses.completed)),
          ("cancelled", .int(a.responses.cancelled)), ("failed", .int(a.responses.failed)),
          ("incomplete", .int(a.responses.incomplete)),
          ("cancelled_billed", .int(a.responses.cancelledBilled)),
        ])
      ),
      ("function_calls", .int(a.functionCalls)),
      ("tokens", .object(tokens)),
      ("cost_usd", .object(costs)),
      ("transcriptions_priced", .int(a.transcriptions)),
      ("unpriced_usage_blocks", .int(a.unpriced)),
      ("usage_blocks_billed_at_totals", .int(a.billedAtTotals)),
      ("responses_without_usage", .int(a.responsesWithoutUsage)),
      ("transcriptions_without_usage", .int(a.transcriptionsWithoutUsage)),
      ("skipped_lines_with_response_done", .int(a.skippedResponseDoneLines)),
      ("skipped_lines_with_transcription", .int(a.skippedTranscriptionLines)),
      ("total_is_lower_bound", .bool(a.isLowerBound)),
      (
        "cached_split",
        .object([
          ("label", .string(cachedSplitLabel)), ("usage_blocks", .int(a.cachedSplitAssumed)),
          ("as_billed_usd", usd(a.total)), ("cheapest_split_usd", usd(a.lowerBound)),
          ("slack_usd", usd(a.cachedSplitSlack)),
        ])
      ),
      ("bounds_usd", .object([("lower", usd(a.lowerBound)), ("upper", a.upperBound.map(usd) ?? .null)])),
      ("transcription_estimate", estimateJSON(a.transcriptionEstimate)),
      ("seed_estimate_usd", usd(a.seedEstimate)),
      ("seed_estimate_label", .string(seedLabel)),
      ("seed_to_billed_ratio", a.seedRatio.map { .double($0) } ?? .null),
    ]
  }

  /// The estimate of the transcriptions that came without usage.
  static func estimateJSON(_ estimate: TranscriptionEstimate) -> JSONValue {
    .object([
      ("label", .string(estimateLabel)), ("transcriptions", .int(estimate.transcriptions)),
      ("models", .array(estimate.models.map(JSONValue.string))), ("speech_s", seconds(estimate.speech)),
      ("usd", usd(estimate.cost)), ("not_estimated", .int(estimate.notEstimated)),
    ])
  }

  /// GPT-Live session time by part, abandoned creations and backend tokens.
  static func liveJSON(_ live: LiveTotals) -> JSONValue {
    let tokens = live.backendTokens
    return .object([
      ("session_seconds", seconds(live.usage.sessionMicros)),
      ("active_seconds", seconds(live.usage.activeMicros)),
      ("standby_seconds", seconds(live.usage.standbyMicros)),
      ("abandoned_webrtc_creations", .int(live.usage.abandonedCreations)),
      ("usage_reports", .int(live.usageReports)),
      ("confirmed_sessions", .int(live.confirmedSessions)),
      (
        "cost_usd",
        .object([
          ("active", usd(live.bill.active)), ("standby", usd(live.bill.standby)),
          ("initialization", usd(live.bill.initialization)), ("session", usd(live.bill.total)),
          ("backend", usd(live.backendCost)), ("total", usd(live.total.sum)),
        ])
      ),
      (
        "backend",
        .object([
          ("responses", .int(live.backendResponses)), ("input_tokens", .int(tokens.inputTokens)),
          ("cached_input_tokens", .int(tokens.cachedInputTokens)),
          ("output_tokens", .int(tokens.outputTokens)),
          ("reasoning_tokens", .int(tokens.reasoningTokens)),
        ])
      ),
    ])
  }

  static func audioJSON(_ a: ReplayAggregate) -> JSONValue {
    func tally(_ tally: AudioTally) -> JSONValue {
      .object(
        AudioFormat.allCases.map { ("\($0.rawValue)_s", seconds(tally.micros($0))) } + [
          ("total_s", seconds(tally.totalMicros))
        ])
    }
    return .object([("in", tally(a.audioIn)), ("out", tally(a.audioOut))])
  }

  static func timeJSON(_ result: ReplayResult, timeOptionsGiven: Bool) -> [(String, JSONValue)] {
    guard let outcome = result.guardOutcome, let gaps = result.summary.idleGaps else {
      let note = bareNote + (timeOptionsGiven ? "; the time options were ignored" : "")
      return [
        ("time", .object([("note", .string(note)), ("duration_s", .null), ("connected_s", .null)])),
        ("idle", .object([("note", .string(note)), ("disconnects", .null)])),
        ("alerts", .array([])),
        ("counterfactual", .null),
      ]
    }
    let histogram: [JSONValue] = zip(IdleGaps.bucketLabels, gaps.histogram).map {
      .object([("bucket", .string($0.0)), ("count", .int($0.1))])
    }
    let policy = outcome.policy
    return [
      (
        "time",
        .object([
          ("duration_s", seconds(result.summary.duration ?? 0)),
          ("first_event_s", seconds(outcome.start)),
          ("connected_s", seconds(outcome.connected)),
        ])
      ),
      (
        "idle",
        .object([
          (
            "gaps",
            .object([
              ("count", .int(gaps.count)), ("longest_s", seconds(gaps.longest)),
              ("longest_start_s", gaps.longestStart.map(seconds) ?? .null), ("total_s", seconds(gaps.total)),
              ("histogram", .array(histogram)),
            ])
          ),
          (
            "policy",
            .object([
              ("mode", .string(policy.mode.rawValue)), ("mode_label", .string(policy.mode.label)),
              ("activity", .string(policy.activity.name)),
              ("idle_timeout_s", policy.idleTimeout.map(seconds) ?? .null),
              ("check_interval_s", seconds(policy.checkInterval)),
              ("warn_usd", policy.warn.map(usd) ?? .null), ("alert_usd", policy.alert.map(usd) ?? .null),
              ("alert_action", .string(policy.alertAction.rawValue)),
            ])
          ),
          ("disconnects", .int(outcome.counters.disconnects)),
          ("reconnects", .int(outcome.counters.reconnects)),
          ("checks", .int(outcome.counters.checks)),
          ("events_while_disconnected", .int(outcome.eventsWhileDisconnected)),
          (
            "timeline",
            .array(
              outcome.timeline.map {
                .object([
                  ("t", seconds($0.time)), ("event", .string($0.kind.rawValue)),
                  ("detail", .string($0.detail)),
                ])
              })
          ),
        ])
      ),
      (
        "alerts",
        .array(
          outcome.alerts.map {
            .object([
              ("t", seconds($0.time)), ("level", .string($0.level.rawValue)),
              ("window", .string($0.window.rawValue)),
              ("cost_usd", usd($0.amount)), ("threshold_usd", usd($0.threshold)),
              ("mode", .string($0.mode.rawValue)),
            ])
          })
      ),
      (
        "counterfactual",
        counterfactualJSON(
          notBilled: outcome.notBilled, responses: outcome.responsesNotBilled,
          transcriptions: outcome.transcriptionsNotBilled, guardedLive: outcome.guardedLive)
      ),
    ]
  }

  static func counterfactualJSON(
    notBilled: Money, responses: Int, transcriptions: Int? = nil, guardedLive: LiveTotals? = nil
  ) -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("label", .string(counterfactualLabel)),
      ("responses_not_billed", .int(responses)),
    ]
    if let transcriptions { members.append(("transcriptions_not_billed", .int(transcriptions))) }
    if let guardedLive { members.append(("guarded_live", liveJSON(guardedLive))) }
    members.append(("not_billed_usd", usd(notBilled)))
    return .object(members)
  }

  static func usd(_ money: Money) -> JSONValue { .number(money.decimalText) }
  static func seconds(_ micros: Micros) -> JSONValue { .number(SecondsText.format(micros: micros)) }
}
