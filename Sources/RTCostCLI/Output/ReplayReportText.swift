internal import Billing
internal import RealtimeEvents
internal import Replay
internal import SessionGuard

/// The table and Markdown forms of ``ReplayReport``: a section per file, then the total.
enum ReplayReportText {
  static func table(_ results: [ReplayResult], timeOptionsGiven: Bool) -> String {
    var out = ""
    for result in results {
      out += file(result, timeOptionsGiven: timeOptionsGiven, markdown: false)
    }
    if results.count > 1 { out += totalSection(results, markdown: false) }
    return out
  }

  static func markdown(_ results: [ReplayResult], timeOptionsGiven: Bool) -> String {
    var out = ""
    for result in results {
      out += file(result, timeOptionsGiven: timeOptionsGiven, markdown: true)
    }
    if results.count > 1 { out += totalSection(results, markdown: true) }
    return out
  }

  static func usd(_ money: Money) -> String { "$" + money.decimalText }
  static func seconds(_ micros: Micros) -> String { SecondsText.format(micros: micros) + " s" }

  private static func file(_ result: ReplayResult, timeOptionsGiven: Bool, markdown: Bool) -> String {
    let a = ReplayAggregate(result)
    var out = heading(result.file, markdown: markdown)
    var facts = [
      "model \(result.model) (from \(result.modelSource.rawValue)), prices "
        + (result.priceDay.map { "of \($0) (from \(result.priceDaySource.rawValue))" } ?? "newest"),
      "\(result.summary.events) events (\(result.summary.unknownEvents) of unknown type)"
        + (result.readStats.skippedLines > 0 ? ", \(result.readStats.skippedLines) bad lines skipped" : ""),
    ]
    facts += billedFacts(a)
    if result.isLive {
      facts += liveFacts(a.live)
      if !result.summary.liveCloseReasons.isEmpty {
        facts.append(
          "session.closed: " + result.summary.liveCloseReasons.map(\.wireName).joined(separator: ", "))
      }
    }
    out += lines(facts, markdown: markdown)
    // A GPT-Live recording bills time, not tokens: its token table would be all zeros.
    if !result.isLive || a.tokens.total > 0 { out += render(categoryTable(a), markdown: markdown) }
    out += render(audioTable(a), markdown: markdown)
    if !result.audioInputs.isEmpty {
      out += render(audioInputTable(result.audioInputs), markdown: markdown)
    }
    if !result.warnings.isEmpty {
      out += lines(
        ["warnings (\(result.warningCount)):"]
          + result.warnings.map { $0.line > 0 ? "line \($0.line): \($0.message)" : $0.message },
        markdown: markdown)
    }
    out += timeSection(result, timeOptionsGiven: timeOptionsGiven, markdown: markdown)
    return out + "\n"
  }

  private static func totalSection(_ results: [ReplayResult], markdown: Bool) -> String {
    let a = ReplayReport.total(results)
    var out = heading("total over \(results.count) files", markdown: markdown)
    var facts = billedFacts(a)
    if a.liveFiles > 0 { facts += liveFacts(a.live) }
    facts.append(
      "timed files: duration \(seconds(a.duration)), connected \(seconds(a.connected)), "
        + "\(a.disconnects) idle disconnects, \(a.reconnects) reconnects, \(a.alerts) alerts")
    facts.append(
      "counterfactual: \(usd(a.notBilled)) in \(a.responsesNotBilled) responses would not have been billed "
        + "(not part of the as-billed total)")
    out += lines(facts, markdown: markdown)
    out += render(categoryTable(a), markdown: markdown)
    out += render(audioTable(a), markdown: markdown)
    return out
  }

  /// GPT-Live session time by part and backend tokens.
  static func liveFacts(_ live: LiveTotals) -> [String] {
    var time =
      "GPT-Live session time billed: \(seconds(live.usage.sessionMicros)) = \(usd(live.bill.total)) "
      + "(active \(seconds(live.usage.activeMicros)) \(usd(live.bill.active)), standby "
      + "\(seconds(live.usage.standbyMicros)) \(usd(live.bill.standby))"
    if live.usage.abandonedCreations > 0 {
      time += ", \(live.usage.abandonedCreations) abandoned WebRTC creations \(usd(live.bill.initialization))"
    }
    time += "; \(live.usageReports) cumulative usage reports, billed once)"
    let tokens = live.backendTokens
    return [
      time,
      "backend: \(live.backendResponses) responses, \(tokens.inputTokens) input tokens (\(tokens.cachedInputTokens) "
        + "cached), \(tokens.outputTokens) output tokens (\(tokens.reasoningTokens) reasoning) = \(usd(live.backendCost))",
    ]
  }

  private static func billedFacts(_ a: ReplayAggregate) -> [String] {
    let r = a.responses
    let live =
      a.liveFiles > 0
      ? ", GPT-Live session time \(usd(a.live.bill.total)), backend \(usd(a.live.backendCost))" : ""
    return [
      "responses: \(r.total) (completed \(r.completed), cancelled \(r.cancelled) of which billed "
        + "\(r.cancelledBilled), failed \(r.failed), incomplete \(r.incomplete)); function calls \(a.functionCalls)",
      "as billed: \(usd(a.total)) (responses \(usd(a.costs.total)), transcription \(usd(a.transcriptionCost))\(live))",
    ] + boundFacts(a) + [
      "seed-compatible estimate: \(usd(a.seedEstimate))"
        + (a.seedRatio.map { " = \(FixedDecimal.format($0, decimals: 3)) × billed" } ?? "")
    ]
  }

  /// The cached-split upper bound, the lower-bound flags and the transcription estimate, each
  /// only when it applies.
  static func boundFacts(_ a: ReplayAggregate) -> [String] {
    var facts: [String] = []
    if a.cachedSplitSlack > .zero {
      facts.append(
        "as billed \(usd(a.total)), an upper bound: the cheapest consistent split (audio first on bundled "
          + "cards) would be \(usd(a.lowerBound)) (\(count(a.cachedSplitAssumed, "usage block")) with cached_tokens "
          + "but no cached_tokens_details, billed at the most expensive consistent split)")
    }
    let reasons = [
      (a.unpriced, "usage block", "could not be priced"),
      (a.responsesWithoutUsage, "response.done", "without usage"),
      (a.transcriptionsWithoutUsage, "transcription", "without usage"),
      (a.billedAtTotals, "usage block", "billed at the totals (details missing or short: the rest as text)"),
      (a.skippedResponseDoneLines, "skipped line", "held a response.done"),
      (a.skippedTranscriptionLines, "skipped line", "held a transcription"),
    ].filter { $0.0 > 0 }.map { "\(count($0.0, $0.1)) \($0.2)" }
    if !reasons.isEmpty {
      facts.append("the total is a lower bound: " + reasons.joined(separator: ", "))
    }
    let estimate = a.transcriptionEstimate
    if !estimate.isEmpty {
      var text =
        "estimate, not billed: \(count(estimate.transcriptions, "transcription")) without usage"
        + (estimate.models.isEmpty ? "" : " (" + estimate.models.joined(separator: ", ") + ")")
        + " = \(usd(estimate.cost)) for \(seconds(estimate.speech)) of speech (the server's speech spans at the "
        + "card's per-minute rate)"
      if estimate.notEstimated > 0 {
        text +=
          "; \(count(estimate.notEstimated, "transcription")) not estimated (no speech span, or a per-token or "
          + "unknown model)"
      }
      facts.append(text + "; not part of the as-billed total")
    }
    return facts
  }

  /// `1 usage block`, `2 usage blocks` (`response.done` is its own plural).
  private static func count(_ n: Int, _ noun: String) -> String {
    n == 1 || noun.hasSuffix(".done") ? "\(n) \(noun)" : "\(n) \(noun)s"
  }

  private static func categoryTable(_ a: ReplayAggregate) -> TextTable {
    var table = TextTable(headers: ["category", "tokens", "USD"])
    for (category, tokens) in a.tokens.entries {
      table.append([category.rawValue, String(tokens), usd(a.costs[category])])
    }
    table.append(["transcription", "", usd(a.transcriptionCost)])
    table.append(["total", String(a.tokens.total), usd(a.total)])
    return table
  }

  /// The `local.audio` markers: each WAV, and what the server VAD would commit from it.
  private static func audioInputTable(_ inputs: [ReplayAudioInput]) -> TextTable {
    var table = TextTable(
      headers: [
        "local.audio", "line", "use", "genuine", "duration", "turns", "audio tokens", "first billing",
      ],
      alignments: [.left, .right, .left, .left, .right, .right, .right, .right])
    for input in inputs {
      table.append([
        input.marker.path, String(input.line), input.marker.use.rawValue, input.marker.genuine ? "yes" : "no",
        seconds(input.duration), String(input.committedTurns), String(input.audioTokens),
        usd(input.firstBillingCost),
      ])
    }
    return table
  }

  private static func audioTable(_ a: ReplayAggregate) -> TextTable {
    var table = TextTable(headers: ["audio", "in (appended)", "out (deltas)"])
    for format in AudioFormat.allCases {
      table.append([format.rawValue, seconds(a.audioIn.micros(format)), seconds(a.audioOut.micros(format))])
    }
    return table
  }

  private static func timeSection(_ result: ReplayResult, timeOptionsGiven: Bool, markdown: Bool)
    -> String
  {
    guard let outcome = result.guardOutcome, let gaps = result.summary.idleGaps else {
      return lines(
        ["note: " + ReplayReport.bareNote + (timeOptionsGiven ? "; the time options were ignored" : "")],
        markdown: markdown)
    }
    var out = lines(
      [
        "duration \(seconds(result.summary.duration ?? 0)), connected \(seconds(outcome.connected)) under "
          + outcome.policy.summary,
        "idle gaps: \(gaps.count), longest \(seconds(gaps.longest))"
          + (gaps.longestStart.map { " from \(seconds($0))" } ?? ""),
      ], markdown: markdown)
    var histogram = TextTable(headers: ["idle gap", "count"])
    for (label, count) in zip(IdleGaps.bucketLabels, gaps.histogram) {
      histogram.append([label, String(count)])
    }
    out += render(histogram, markdown: markdown)
    // Idle steps and alerts in time order; on a tie, idle steps first (as the guard runs them).
    var steps: [(time: Micros, row: [String])] = outcome.timeline.map {
      ($0.time, [seconds($0.time), $0.kind.rawValue, $0.detail])
    }
    steps += outcome.alerts.map {
      (
        $0.time,
        [
          seconds($0.time), "alert",
          "\($0.level.rawValue) \($0.window.rawValue) \(usd($0.amount)) >= \(usd($0.threshold))",
        ]
      )
    }
    let ordered = steps.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
    let c = outcome.counters
    out += lines(
      [
        "guard (\(outcome.policy.mode.label)): \(c.disconnects) idle disconnects, \(c.reconnects) reconnects, "
          + "\(outcome.alerts.count) alerts, \(c.checks) checks"
      ], markdown: markdown)
    if !ordered.isEmpty {
      var timeline = TextTable(headers: ["t", "event", "detail"], alignments: [.right, .left, .left])
      for step in ordered { timeline.append(step.element.row) }
      out += render(timeline, markdown: markdown)
    }
    if let guarded = outcome.guardedLive {
      out += lines(
        [
          "counterfactual: the guarded sessions would have been billed \(seconds(guarded.usage.sessionMicros)) "
            + "of session time, \(usd(guarded.total.sum)) with backend tokens, against "
            + "\(seconds(result.billed.live.usage.sessionMicros)) as recorded: \(usd(outcome.notBilled)) less; "
            + "not part of the as-billed total"
        ], markdown: markdown)
      return out
    }
    out += lines(
      [
        "counterfactual: \(usd(outcome.notBilled)) in \(outcome.responsesNotBilled) responses "
          + "(\(outcome.eventsWhileDisconnected) events) arrived while disconnected and would not have been "
          + "billed; not part of the as-billed total"
      ], markdown: markdown)
    return out
  }

  private static func heading(_ text: String, markdown: Bool) -> String {
    markdown ? "## \(text)\n\n" : "== \(text) ==\n"
  }

  private static func lines(_ items: [String], markdown: Bool) -> String {
    markdown ? items.map { "- \($0)\n" }.joined() + "\n" : items.map { $0 + "\n" }.joined()
  }

  private static func render(_ table: TextTable, markdown: Bool) -> String {
    guard markdown else { return table.rendered() }
    var out = "| " + table.headers.joined(separator: " | ") + " |\n"
    out += "|" + table.alignments.map { $0 == .left ? "---|" : "---:|" }.joined() + "\n"
    for row in table.rows { out += "| " + row.joined(separator: " | ") + " |\n" }
    return out + "\n"
  }
}
