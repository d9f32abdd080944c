internal import Billing
internal import RealtimeEvents
internal import Simulation

/// `rtcost replay --resimulate --fit-cache FILES`: the cache behaviours fitted to the recordings
/// (``CacheCalibration``), with the evidence, each recording's error before and after, and the
/// `world_model:` keys that make a scenario use the fit.
enum CacheFitReport {
  static func render(sources: [any EventSource], model: String?, priceBook: PriceBook, format: TableOrJSON)
    throws -> String
  {
    var traces: [(String, RecordedTrace, PriceCard)] = []
    for source in sources {
      let (trace, card) = try ResimulateReport.traceAndCard(source, model: model, priceBook: priceBook)
      traces.append((source.provenance.name, trace, card))
    }
    let fit = CacheCalibration.fit(traces.map(\.1))
    let models = [ResimulateReport.models[0], ("fitted to these recordings", fit.parameters)]
    var rows: [(String, ResimulateReport.Run)] = []
    for (path, trace, card) in traces {
      for (name, parameters) in models {
        let result = Calibration.run(trace, parameters: parameters)
        rows.append(
          (
            path,
            ResimulateReport.Run(
              name: name, result: result,
              recordedCost: try ResimulateReport.cost(result.rows.map(\.recorded), card: card, path: path),
              predictedCost: try ResimulateReport.cost(result.rows.map(\.predicted), card: card, path: path))
          ))
      }
    }
    let parameters = keys(fit.parameters)
    switch format {
    case .json:
      return JSONValue.object([
        ("recordings", .array(traces.map { .string($0.0) })),
        ("responses", .int(fit.responses)),
        ("mismatches", .int(fit.mismatches)),
        ("size_error_tokens", .int(fit.sizeError)),
        ("miss_after_barge_in_evidence", evidence(fit.missEvidence)),
        ("prompt_shared_evidence", evidence(fit.sharedEvidence)),
        ("world_model", .object(parameters.map { ($0.0, .string($0.1)) })),
        (
          "errors",
          .array(
            rows.map { path, run in
              .object([("file", .string(path))] + objectPairs(ResimulateReport.totals(run)))
            })
        ),
      ]).rendered()
    case .table:
      var out =
        "Cache behaviours fitted to \(traces.count) recording(s), \(fit.responses) billed responses:\n"
      out +=
        "  after a barge-in: \(fit.missEvidence.events) of \(fit.missEvidence.eligible) responses missed; "
        + "prompt warm from other sessions: \(fit.sharedEvidence.events) of \(fit.sharedEvidence.eligible); "
        + "\(fit.mismatches) cached counts the rule cannot produce; context size error \(fit.sizeError) tokens\n\n"
      out += "world_model:\n"
      for (key, value) in parameters { out += "  \(key): \(value)\n" }
      var table = TextTable(
        headers: [
          "recording", "world model", "|error| tokens", "size error", "cost recorded", "predicted",
          "cost error",
        ], alignments: [.left, .left, .right, .right, .right, .right, .right])
      for (path, run) in rows {
        table.append([
          path, run.name, String(run.result.absoluteError), String(run.result.sizeError),
          "$" + run.recordedCost.decimalText, "$" + run.predictedCost.decimalText,
          FixedDecimal.format(run.costErrorPercent, decimals: 1) + "%",
        ])
      }
      return out + "\n" + table.rendered()
    }
  }

  static func evidence(_ evidence: CacheCalibration.Evidence) -> JSONValue {
    .object([
      ("eligible", .int(evidence.eligible)), ("events", .int(evidence.events)),
      ("estimate", evidence.estimate.map { .double($0, decimals: 6) } ?? .null),
    ])
  }

  static func objectPairs(_ value: JSONValue) -> [(String, JSONValue)] {
    if case .object(let pairs) = value { return pairs }
    return []
  }

  /// The fitted values under their `world_model:` keys, as a scenario writes them.
  static func keys(_ parameters: WorldModelParameters) -> [(String, String)] {
    let cache = parameters.cache
    return [
      ("special_tokens_per_item", String(parameters.specialTokensPerItem)),
      ("truncation_deletes_transcript", String(cache.truncationDeletesTranscript)),
      ("cache_hit_unserved_tail", String(cache.unservedTail)),
      ("cache_minimum_input", String(cache.minimumInput)),
      ("cache_miss_after_barge_in", String(cache.missAfterBargeIn)),
      ("cache_prompt_shared", String(cache.promptShared)),
      ("cache_warm_across_reconnects", String(cache.warmAcrossReconnects)),
    ]
  }
}
