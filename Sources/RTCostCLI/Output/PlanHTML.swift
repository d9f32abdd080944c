internal import Billing
internal import Planning

/// A fleet plan as one self-contained HTML file: cumulative cost against the budget, and what binds:
/// the peak day's concurrent sessions against the `live_session_cap` (or the Tier 5 launch note)
/// and its tokens per minute against the tier's limit; then the table.
enum PlanHTML {
  static func render(_ summary: CapacitySummary) -> String {
    let charts = summary.variants.enumerated().map { index, variant in
      "<h2>\(SVGChart.escape(variant.label))</h2>\n"
        + "<div class=\"chart\" id=\"budget-\(index)\">\(budgetChart(summary, variant))</div>\n"
        + "<div class=\"chart\" id=\"sessions-\(index)\">\(sessionsChart(summary, variant))</div>\n"
        + "<div class=\"chart\" id=\"tpm-\(index)\">\(tpmChart(summary, variant))</div>"
    }.joined(separator: "\n")
    return """
      <!DOCTYPE html>
      <html lang="en"><head><meta charset="utf-8"><title>rtcost plan</title>
      <style>
      body { font-family: sans-serif; margin: 24px; color: #222; } .chart { margin: 16px 0; }
      pre { font-size: 12px; }
      </style></head><body>
      <h1>rtcost plan</h1>
      <p>\(SVGChart.escape(PlanReport.header(summary)))</p>
      \(charts)
      <pre>\(SVGChart.escape(PlanReport.table(summary)))</pre>
      </body></html>

      """
  }

  static func line(
    _ points: [(Double, Double)], x: SVGChart.Scale, y: SVGChart.Scale, color: String, series: String,
    width: Double = 2, dash: String? = nil
  ) -> String {
    let coordinates = points.map { "\(SVGChart.number(x($0.0))),\(SVGChart.number(y($0.1)))" }
    return
      "<polyline data-series=\"\(SVGChart.escape(series))\" points=\"\(coordinates.joined(separator: " "))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"\(SVGChart.number(width))\"\(dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")/>"
  }

  /// A one-line legend under the x axis's label, clear of the data.
  static func legend(_ entries: [(String, String)], _ chart: SVGChart) -> String {
    let top = chart.margin.top + chart.plotHeight + 46
    return entries.enumerated().map { index, entry in
      let x = chart.margin.left + 10 + Double(index) * 190
      return
        "<rect x=\"\(SVGChart.number(x))\" y=\"\(SVGChart.number(top + 2))\" width=\"12\" height=\"4\" fill=\"\(entry.1)\"/>"
        + "<text x=\"\(SVGChart.number(x + 16))\" y=\"\(SVGChart.number(top + 8))\" font-size=\"11\">\(SVGChart.escape(entry.0))</text>"
    }.joined(separator: "\n")
  }

  static func budgetChart(_ summary: CapacitySummary, _ variant: CapacitySummary.Variant) -> String {
    var chart = SVGChart(
      title: "Cumulative cost (p50, p95) and budget", xLabel: "day of month", yLabel: "USD")
    chart.yTickPrefix = "$"
    chart.margin.bottom = 72
    let budget = Double(summary.identity.budgetPico) / Double(Money.picoPerUSD)
    let days = variant.cumulativeP50.count
    let x = chart.xScale(1...Double(max(days, 2)))
    let y = chart.yScale(0...max(1, max(budget, variant.cumulativeP95.last ?? 0) * 1.1))
    chart.axes(y: y, xTicks: stride(from: 1, through: days, by: 5).map { (x(Double($0)), String($0)) })
    chart.add(
      line([(1, budget), (Double(days), budget)], x: x, y: y, color: "#333", series: "budget", dash: "6 4"))
    // p95 wide and light under a narrow p50, so that both show where they coincide.
    chart.add(
      line(
        variant.cumulativeP95.enumerated().map { (Double($0 + 1), $1) }, x: x, y: y,
        color: SVGChart.palette[1], series: "p95", width: 5))
    chart.add(
      line(
        variant.cumulativeP50.enumerated().map { (Double($0 + 1), $1) }, x: x, y: y,
        color: SVGChart.palette[0], series: "p50", width: 2))
    chart.add(
      legend([("p50", SVGChart.palette[0]), ("p95", SVGChart.palette[1]), ("budget", "#333")], chart))
    return chart.rendered()
  }

  /// A per-minute series of one day against a limit line (nil: no limit to draw).
  static func dayChart(
    title: String, yLabel: String, values: [Double], series: String,
    limit: (value: Double, label: String)?
  ) -> String {
    var chart = SVGChart(title: title, xLabel: "UTC hour", yLabel: yLabel)
    chart.margin.bottom = 72
    chart.margin.left = 84
    let peak = values.max() ?? 0
    let x = chart.xScale(0...1_440)
    let y = chart.yScale(0...max(1, max(peak, limit?.value ?? 0) * 1.1))
    chart.axes(y: y, xTicks: stride(from: 0, through: 24, by: 3).map { (x(Double($0 * 60)), String($0)) })
    if let limit {
      chart.add(
        line(
          [(0, limit.value), (1_440, limit.value)], x: x, y: y, color: SVGChart.palette[1],
          series: limit.label,
          dash: "6 4"))
    }
    chart.add(
      line(
        values.enumerated().map { (Double($0), $1) }, x: x, y: y, color: SVGChart.palette[0], series: series))
    chart.add(
      legend([(series, SVGChart.palette[0])] + (limit.map { [($0.label, SVGChart.palette[1])] } ?? []), chart)
    )
    return chart.rendered()
  }

  static func sessionsChart(_ summary: CapacitySummary, _ variant: CapacitySummary.Variant) -> String {
    let cap = summary.identity.liveSessionCap.map { (Double($0), "live_session_cap \($0)") }
    return dayChart(
      title: "Concurrent sessions on day \(variant.peakSessions.day) (peak \(variant.peakSessions.value) at "
        + "\(variant.peakSessions.timeOfDay))",
      yLabel: "sessions open", values: variant.peakSessionsDay.map(Double.init),
      series: "concurrent sessions",
      limit: cap ?? (100, "~100: Tier 5 launch note"))
  }

  static func tpmChart(_ summary: CapacitySummary, _ variant: CapacitySummary.Variant) -> String {
    let tier = RateLimitTier.tier(summary.identity.tier)
    return dayChart(
      title:
        "Tokens per minute on day \(variant.peakTPM.day) (peak \(variant.peakTPM.value)), tier \(tier.tier) limit",
      yLabel: "tokens/min", values: variant.peakTPMDay.map(Double.init), series: "tokens/min",
      limit: (Double(tier.tokensPerMinute), "tier \(tier.tier) TPM limit"))
  }
}
