internal import Billing
internal import RealtimeEvents
internal import Simulation

/// `rtcost replay --resimulate FILE`: the recording's conversation re-run through the world model,
/// predicted against recorded input tokens response by response, with the total model error under
/// the calibrated world model and under the model before its calibration (DESIGN §7.6).
enum ResimulateReport {
  /// One world model's prediction of a recording, priced.
  struct Run {
    var name: String
    var result: Calibration.Result
    var recordedCost: Money
    var predictedCost: Money

    /// (predicted − recorded) / recorded, in percent.
    var costErrorPercent: Double {
      recordedCost == .zero
        ? 0 : Double(predictedCost.picoUSD - recordedCost.picoUSD) / Double(recordedCost.picoUSD) * 100
    }
  }

  /// The world models a recording is re-run under: before the calibration, then calibrated.
  static let models: [(name: String, parameters: WorldModelParameters)] = [
    ("before calibration (exact prefix, 4 special tokens/item)", .beforeCalibration),
    ("calibrated (the defaults, docs/simulation.md)", WorldModelParameters()),
  ]

  /// Renders the calibration of the recording at `path` (read strictly).
  static func render(path: String, model: String?, priceBook: PriceBook, format: ReportFormat) throws
    -> String
  {
    try render(
      source: try ReplayCommand.open(path, lenient: false), model: model, priceBook: priceBook, format: format
    )
  }

  /// Renders the calibration of the recording `source` as a table or JSON.
  ///
  /// - Parameters:
  ///   - model: the model to price with when the recording names none (`session.created` wins).
  /// - Throws: ``CLIError`` naming the file and line of a recording it cannot use, or an unknown model.
  static func render(source: any EventSource, model: String?, priceBook: PriceBook, format: ReportFormat)
    throws -> String
  {
    let path = source.provenance.name
    let (trace, card) = try traceAndCard(source, model: model, priceBook: priceBook)
    let runs = try models.map { name, parameters in
      let result = Calibration.run(trace, parameters: parameters)
      return Run(
        name: name, result: result,
        recordedCost: try cost(result.rows.map(\.recorded), card: card, path: path),
        predictedCost: try cost(result.rows.map(\.predicted), card: card, path: path))
    }
    switch format {
    case .json:
      return json(path: path, model: card.model, runs: runs).rendered() + "\n"
    case .table:
      return table(path: path, model: card.model, runs: runs)
    case .csv, .md:
      throw CLIError("--format: --resimulate prints table or json, got \(format.rawValue)")
    }
  }

  /// The calibration trace of `source` and the card it is priced with.
  static func traceAndCard(_ source: any EventSource, model: String?, priceBook: PriceBook) throws -> (
    RecordedTrace, PriceCard
  ) {
    let path = source.provenance.name
    let trace: RecordedTrace
    do {
      trace = try Calibration.extract(from: source)
    } catch {
      throw CLIError(error.message)
    }
    guard let name = trace.model ?? model else {
      throw CLIError("\(path): the recording names no model; pass --model")
    }
    do {
      return (trace, try priceBook.card(for: name))
    } catch {
      throw CLIError("\(path): \(error)")
    }
  }

  static func cost(_ counts: [TokenCounts], card: PriceCard, path: String) throws -> Money {
    var total = TokenCounts.zero
    for count in counts { total.add(count) }
    do {
      return try card.cost(of: total).total
    } catch {
      throw CLIError("\(path): \(error)")
    }
  }

  static let columns: [(String, TokenCategory)] = [
    ("text_in", .textIn), ("text_in_cached", .textInCached), ("audio_in", .audioIn),
    ("audio_in_cached", .audioInCached),
  ]

  /// How the cache model reached a row's cached tokens, in a few words.
  static func rule(_ decision: CacheDecision) -> String {
    let source =
      switch decision.source {
      case .none: "none"
      case .previousInput: "previous"
      case .devicePrompt: "prompt"
      case .sharedPrompt: "shared prompt"
      }
    return decision.afterBargeIn ? source + " after barge-in" : source
  }

  static func totals(_ run: Run) -> JSONValue {
    .object([
      ("world_model", .string(run.name)),
      ("recorded_input_tokens", .int(run.result.recordedInput)),
      ("predicted_input_tokens", .int(run.result.predictedInput)),
      ("abs_error_tokens", .int(run.result.absoluteError)),
      ("relative_error", .double(run.result.relativeError, decimals: 4)),
      ("size_error_tokens", .int(run.result.sizeError)),
      ("recorded_cost_usd", .number(run.recordedCost.decimalText)),
      ("predicted_cost_usd", .number(run.predictedCost.decimalText)),
      ("cost_error_usd", .number((run.predictedCost - run.recordedCost).decimalText)),
      ("cost_error_percent", .double(run.costErrorPercent, decimals: 2)),
    ])
  }

  static func json(path: String, model: String, runs: [Run]) -> JSONValue {
    let calibrated = runs[runs.count - 1]
    let rows: [JSONValue] = calibrated.result.rows.map { row in
      .object([
        ("line", .int(row.line)), ("status", .string(row.status.rawValue)),
        ("recorded", .object(columns.map { ($0.0, .int(row.recorded[$0.1])) })),
        ("predicted", .object(columns.map { ($0.0, .int(row.predicted[$0.1])) })),
        ("cache_rule", .string(rule(row.cache))),
        ("abs_error_tokens", .int(row.absoluteError)),
      ])
    }
    let trace = calibrated.result.trace
    return .object([
      ("file", .string(path)),
      ("model", .string(model)),
      ("timed", .bool(trace.timed)),
      (
        "nominal_spacing_s",
        trace.timed ? .null : .number(DecimalText.format(RecordedTrace.nominalSpacing, scale: 6))
      ),
      ("prompt_tokens_fitted", .int(calibrated.result.promptTokens)),
      ("responses", .array(rows)),
      ("unbilled_response_lines", .array(trace.unbilledLines.map { .int($0) })),
      ("total", totals(calibrated)),
      ("before_calibration", totals(runs[0])),
    ])
  }

  static func table(path: String, model: String, runs: [Run]) -> String {
    let calibrated = runs[runs.count - 1]
    let result = calibrated.result
    var headers = ["line", "status"]
    for (name, _) in columns { headers += ["\(name) rec", "pred"] }
    headers += ["cache rule", "|err|"]
    var alignments: [TextTable.Alignment] = [.right, .left] + Array(repeating: .right, count: 8)
    alignments += [.left, .right]
    var table = TextTable(headers: headers, alignments: alignments)
    for row in result.rows {
      var cells = [String(row.line), row.status.rawValue]
      for (_, category) in columns {
        cells += [String(row.recorded[category]), String(row.predicted[category])]
      }
      cells += [rule(row.cache), String(row.absoluteError)]
      table.append(cells)
    }
    var out = "\(path) (\(model)), re-simulated: prompt fitted to \(result.promptTokens) tokens"
    out +=
      result.trace.timed
      ? "\n\n"
      : ", bare recording spaced \(DecimalText.format(RecordedTrace.nominalSpacing, scale: 6))s per event\n\n"
    out += table.rendered() + "\n"
    out +=
      "Predicted with the calibrated world model; a probabilistic cache rule predicts its expectation.\n\n"
    var summary = TextTable(headers: [
      "world model", "|error| tokens", "size error", "cost recorded", "predicted", "cost error",
    ])
    for run in runs {
      summary.append([
        run.name,
        "\(run.result.absoluteError) (\(FixedDecimal.format(run.result.relativeError * 100, decimals: 1))%)",
        String(run.result.sizeError), "$" + run.recordedCost.decimalText, "$" + run.predictedCost.decimalText,
        FixedDecimal.format(run.costErrorPercent, decimals: 1) + "%",
      ])
    }
    out += summary.rendered() + "\n"
    out += "input tokens recorded \(result.recordedInput), predicted \(result.predictedInput); "
    out += "|error| sums every input category, size error the context (text and audio, cache split aside)\n"
    return out
  }
}
