internal import Billing
internal import Forecast
internal import RealtimeEvents
internal import SessionGuard

/// The forecast as one self-contained HTML file that leads with the answer: the recommendation,
/// the frontier of saving against waiting, cost by category (recommended against baseline), the
/// sensitivity tornado, then the full table with every column of the terminal table.
enum ForecastHTML {
  static func render(
    _ results: ForecastResults, limits: DecisionLimits = DecisionLimits(), sensitivity: Sensitivity? = nil
  ) -> String {
    let recommendation = Recommendation(results, limits: limits)
    let tornado =
      sensitivity.map { "<div class=\"chart\" id=\"sensitivity\">\(SensitivityChart.render($0))</div>" }
      ?? "<p id=\"sensitivity\">Run with <code>--sensitivity</code> to see how the saving moves with the "
      + "world model's widest assumptions.</p>"
    return """
      <!DOCTYPE html>
      <html lang="en"><head><meta charset="utf-8"><title>rtcost forecast</title>
      <style>
      body { font-family: sans-serif; margin: 24px; color: #222; }
      table { border-collapse: collapse; font-size: 12px; } td, th { border: 1px solid #ccc; padding: 3px 6px; }
      td.n { text-align: right; } .chart { margin: 16px 0; } code { font-size: 12px; }
      pre { font-size: 11px; overflow-x: auto; }
      #answer { font-size: 16px; background: #f3f7fb; border-left: 4px solid #1f77b4; padding: 8px 12px; }
      </style></head><body>
      <h1>rtcost forecast</h1>
      <p>\(SVGChart.escape(ForecastReport.header(results)))</p>
      <p id="answer">\(code(DecisionText.answer(recommendation)))</p>
      <p class="rule">\(SVGChart.escape(Recommendation.rule))</p>
      <div class="chart" id="frontier">\(FrontierChart.render(recommendation))</div>
      <div class="chart" id="cost-by-category">\(costByCategory(recommendation))</div>
      \(tornado)
      \(sensitivity.map { "<pre>\(SVGChart.escape(SensitivityText.table($0)))</pre>" } ?? "")
      \(table(recommendation))
      <p>Savings are paired differences against the baseline on the same simulated worlds (common random numbers);
      intervals are 95% Student-t intervals of the mean paired difference.</p>
      </body></html>

      """
  }

  /// Escapes `text` and shows its back-quoted parts as code.
  static func code(_ text: String) -> String {
    SVGChart.escape(text).split(separator: "`", omittingEmptySubsequences: false).enumerated().map {
      $0.offset % 2 == 1 ? "<code>\($0.element)</code>" : String($0.element)
    }.joined()
  }

  /// Mean cost per device-day by billing category: the recommended policy against the baseline.
  static func costByCategory(_ recommendation: Recommendation) -> String {
    guard let baseline = recommendation.candidates.first(where: { $0.summary.isBaseline }) else { return "" }
    let chosen = recommendation.choice ?? baseline
    let rows: [(String, PolicySummary)] =
      chosen.summary.isBaseline
      ? [("baseline (recommended)", baseline.summary)]
      : [("recommended", chosen.summary), ("baseline", baseline.summary)]
    let rowHeight = 34.0
    var chart = SVGChart(
      title: "Cost per device-day by billing category", xLabel: "USD per device-day", yLabel: "")
    chart.margin.left = 170
    chart.width = 900
    let categories = baseline.summary.costByCategory.indices.filter { index in
      rows.contains { $0.1.costByCategory[index].usd > 0 }
    }
    let legendRows = (categories.count + 4) / 5
    chart.margin.bottom = 64 + 16 * Double(legendRows)
    chart.height = chart.margin.top + chart.margin.bottom + rowHeight * Double(rows.count) + 8
    let maxTotal = max(1e-9, rows.map { $0.1.costByCategory.reduce(0) { $0 + $1.usd } }.max() ?? 1)
    // Room right of the longer bar for its total.
    let ticks = SVGChart.ticks(0...(maxTotal * 1.2), count: 5)
    let x = chart.xScale(0...max(ticks.last ?? maxTotal, maxTotal * 1.2))
    let y = chart.yScale(0...1)
    let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
    chart.axes(
      y: SVGChart.Scale(domain: 0...0, range: y.range),
      xTicks: ticks.map { (x($0), "$" + FixedDecimal.format($0, decimals: SVGChart.decimals(step))) },
      yTicks: false)
    for (row, entry) in rows.enumerated() {
      let top = chart.margin.top + 6 + Double(row) * rowHeight
      chart.add(
        "<text x=\"\(SVGChart.number(chart.margin.left - 6))\" y=\"\(SVGChart.number(top + 17))\" text-anchor=\"end\" font-size=\"11\">\(SVGChart.escape(entry.0))</text>"
      )
      var start = 0.0
      for index in categories {
        let part = entry.1.costByCategory[index]
        guard part.usd > 0 else { continue }
        let color = SVGChart.palette[index % SVGChart.palette.count]
        chart.add(
          "<rect data-series=\"\(part.category)\" x=\"\(SVGChart.number(x(start)))\" y=\"\(SVGChart.number(top))\" width=\"\(SVGChart.number(max(1, x(start + part.usd) - x(start))))\" height=\"\(SVGChart.number(rowHeight - 8))\" fill=\"\(color)\"><title>\(SVGChart.escape(entry.0)) \(part.category): $\(FixedDecimal.format(part.usd, decimals: 4))</title></rect>"
        )
        start += part.usd
      }
      chart.add(
        "<text x=\"\(SVGChart.number(x(start) + 6))\" y=\"\(SVGChart.number(top + 17))\" font-size=\"11\">$\(FixedDecimal.format(start, decimals: 4))</text>"
      )
    }
    for (slot, index) in categories.enumerated() {
      let left = 20 + Double(slot % 5) * 170
      let baselineY = chart.margin.top + chart.plotHeight + 50 + Double(slot / 5) * 16
      chart.add(
        "<rect x=\"\(SVGChart.number(left))\" y=\"\(SVGChart.number(baselineY - 9))\" width=\"10\" height=\"10\" fill=\"\(SVGChart.palette[index % SVGChart.palette.count])\"/><text x=\"\(SVGChart.number(left + 14))\" y=\"\(SVGChart.number(baselineY))\" font-size=\"10\">\(baseline.summary.costByCategory[index].category)</text>"
      )
    }
    return chart.rendered()
  }

  /// Every column of the terminal table, one row per set of identical policies, then the sets.
  static func table(_ recommendation: Recommendation) -> String {
    let limited = !recommendation.limits.isEmpty
    var html = "<table id=\"policies\"><tr>"
    for column in ForecastReport.tableHeaders(limits: limited) {
      html += "<th>\(SVGChart.escape(column))</th>"
    }
    html += "</tr>\n"
    for candidate in DecisionText.ordered(recommendation) {
      let cells = ForecastReport.tableCells(candidate, limits: limited)
      let mark =
        recommendation.choice?.summary.label == candidate.summary.label ? " style=\"font-weight:bold\"" : ""
      html +=
        "<tr\(mark)><td><code>\(SVGChart.escape(cells[0]))</code></td>"
        + cells.dropFirst().map { "<td class=\"n\">\(SVGChart.escape($0))</td>" }.joined() + "</tr>\n"
    }
    html += "</table>\n"
    let twins = recommendation.candidates.compactMap(DecisionText.identical)
    if !twins.isEmpty {
      html +=
        "<p>Identical results in every world, shown once:</p><ul id=\"identical\">"
        + twins.map { "<li>\(code($0))</li>" }.joined() + "</ul>"
    }
    return html
  }
}
