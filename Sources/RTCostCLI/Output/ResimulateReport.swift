internal import Billing
internal import RealtimeEvents
internal import Simulation

/// `rtcost replay --resimulate FILE`: the recording's conversation re-run through the world model,
/// predicted against recorded input tokens response by response, with the total model error.
enum ResimulateReport {
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
    let trace: RecordedTrace
    do {
      trace = try Calibration.extract(from: source)
    } catch {
      throw CLIError(error.message)
    }
    guard let name = trace.model ?? model else {
      throw CLIError("\(path): the recording names no model; pass --model")
    }
    let card: PriceCard
    do {
      card = try priceBook.card(for: name)
    } catch {
      throw CLIError("\(path): \(error)")
    }
    let result = Calibration.run(trace)
    let recordedCost = try cost(result.rows.map(\.recorded), card: card, path: path)
    let predictedCost = try cost(result.rows.map(\.predicted), card: card, path: path)
    switch format {
    case .json:
      return json(
        path: path, model: card.model, result: result, recorded: recordedCost, predicted: predictedCost
      )
      .rendered() + "\n"
    case .table:
      return table(
        path: path, model: card.model, result: result, recorded: recordedCost, predicted: predictedCost)
    case .csv, .md:
      throw CLIError("--format: --resimulate prints table or json, got \(format.rawValue)")
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

  static func json(path: String, model: String, result: Calibration.Result, recorded: Money, predicted: Money)
    -> JSONValue
  {
    let rows: [JSONValue] = result.rows.map { row in
      .object([
        ("line", .int(row.line)), ("status", .string(row.status.rawValue)),
        ("recorded", .object(columns.map { ($0.0, .int(row.recorded[$0.1])) })),
        ("predicted", .object(columns.map { ($0.0, .int(row.predicted[$0.1])) })),
        ("abs_error_tokens", .int(row.absoluteError)),
      ])
    }
    return .object([
      ("file", .string(path)),
      ("model", .string(model)),
      ("timed", .bool(result.trace.timed)),
      (
        "nominal_spacing_s",
        result.trace.timed ? .null : .number(DecimalText.format(RecordedTrace.nominalSpacing, scale: 6))
      ),
      ("prompt_tokens_fitted", .int(result.promptTokens)),
      ("responses", .array(rows)),
      ("unbilled_response_lines", .array(result.trace.unbilledLines.map { .int($0) })),
      (
        "total",
        .object([
          ("recorded_input_tokens", .int(result.recordedInput)),
          ("predicted_input_tokens", .int(result.predictedInput)),
          ("abs_error_tokens", .int(result.absoluteError)),
          ("relative_error", .double(result.relativeError, decimals: 4)),
          ("size_error_tokens", .int(result.sizeError)),
          ("recorded_cost_usd", .number(recorded.decimalText)),
          ("predicted_cost_usd", .number(predicted.decimalText)),
          ("cost_error_usd", .number((predicted - recorded).decimalText)),
        ])
      ),
    ])
  }

  static func table(
    path: String, model: String, result: Calibration.Result, recorded: Money, predicted: Money
  )
    -> String
  {
    var headers = ["line", "status"]
    for (name, _) in columns { headers += ["\(name) rec", "pred"] }
    headers.append("|err|")
    var table = TextTable(
      headers: headers, alignments: [.right, .left] + Array(repeating: .right, count: headers.count - 2))
    for row in result.rows {
      var cells = [String(row.line), row.status.rawValue]
      for (_, category) in columns {
        cells += [String(row.recorded[category]), String(row.predicted[category])]
      }
      cells.append(String(row.absoluteError))
      table.append(cells)
    }
    var out = "\(path) (\(model)), re-simulated: prompt fitted to \(result.promptTokens) tokens"
    out +=
      result.trace.timed
      ? "\n\n"
      : ", bare recording spaced \(DecimalText.format(RecordedTrace.nominalSpacing, scale: 6))s per event\n\n"
    out += table.rendered() + "\n\n"
    out += "input tokens recorded \(result.recordedInput), predicted \(result.predictedInput); "
    out +=
      "total model error \(result.absoluteError) tokens (\(FixedDecimal.format(result.relativeError * 100, decimals: 1))%)\n"
    out += "context size error (text and audio, cache split aside) \(result.sizeError) tokens\n"
    out += "input+output cost recorded $\(recorded.decimalText), predicted $\(predicted.decimalText)\n"
    return out
  }
}
