internal import Billing
internal import Planning

/// A fleet plan as one self-contained HTML file: cumulative cost against the budget, the peak
/// day's requests per minute against the tier limit, and the Markdown table as HTML.
enum PlanHTML {
  static func render(_ summary: CapacitySummary) -> String {
    let charts = summary.variants.enumerated().map { index, variant in
      "<h2>\(SVGChart.escape(variant.label))</h2>\n"
        + "<div class=\"chart\" id=\"budget-\(index)\">\(budgetChart(summary, variant))</div>\n"
        + "<div class=\"chart\" id=\"rpm-\(index)\">\(rpmChart(summary, variant))</div>"
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

  static func line(_ points: [(Double, Double)], x: SVGChart.Scale, y: SVGChart.Scale, color: String)
    -> String
  {
    let coordinates = points.map { "\(SVGChart.number(x($0.0))),\(SVGChart.number(y($0.1)))" }
    return
      "<polyline points=\"\(coordinates.joined(separator: " "))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"/>"
  }

  /// A one-line legend under the title.
  static func legend(_ entries: [(String, String)], _ chart: SVGChart) -> String {
    entries.enumerated().map { index, entry in
      let x = chart.margin.left + 10 + Double(index) * 130
      return
        "<rect x=\"\(SVGChart.number(x))\" y=\"\(SVGChart.number(chart.margin.top + 2))\" width=\"12\" height=\"4\" fill=\"\(entry.1)\"/>"
        + "<text x=\"\(SVGChart.number(x + 16))\" y=\"\(SVGChart.number(chart.margin.top + 8))\" font-size=\"11\">\(SVGChart.escape(entry.0))</text>"
    }.joined(separator: "\n")
  }

  static func budgetChart(_ summary: CapacitySummary, _ variant: CapacitySummary.Variant) -> String {
    var chart = SVGChart(
      title: "Cumulative cost (p50, p95) and budget", xLabel: "day of month", yLabel: "USD")
    let budget = Double(summary.identity.budgetPico) / Double(Money.picoPerUSD)
    let days = variant.cumulativeP50.count
    let top = max(budget, variant.cumulativeP95.last ?? 0) * 1.05
    let x = chart.xScale(1...Double(max(days, 2)))
    let y = chart.yScale(0...max(top, 1))
    chart.axes(y: y, xTicks: stride(from: 1, through: days, by: 5).map { (x(Double($0)), String($0)) })
    chart.add(
      line(
        variant.cumulativeP50.enumerated().map { (Double($0 + 1), $1) }, x: x, y: y,
        color: SVGChart.palette[0]))
    chart.add(
      line(
        variant.cumulativeP95.enumerated().map { (Double($0 + 1), $1) }, x: x, y: y,
        color: SVGChart.palette[1]))
    chart.add(line([(1, budget), (Double(days), budget)], x: x, y: y, color: "#333"))
    chart.add(
      legend([("p50", SVGChart.palette[0]), ("p95", SVGChart.palette[1]), ("budget", "#333")], chart))
    return chart.rendered()
  }

  static func rpmChart(_ summary: CapacitySummary, _ variant: CapacitySummary.Variant) -> String {
    var chart = SVGChart(
      title:
        "Requests per minute on day \(variant.peakRPM.day) (peak day), tier \(summary.identity.tier) limit",
      xLabel: "UTC hour", yLabel: "requests/min")
    let limit = Double(RateLimitTier.tier(summary.identity.tier).requestsPerMinute)
    let peak = Double(variant.peakRPM.value)
    let x = chart.xScale(0...1_440)
    let y = chart.yScale(0...max(1, max(peak, limit) * 1.05))
    chart.axes(y: y, xTicks: stride(from: 0, through: 24, by: 3).map { (x(Double($0 * 60)), String($0)) })
    chart.add(
      line(
        variant.peakDayRequests.enumerated().map { (Double($0), Double($1)) }, x: x, y: y,
        color: SVGChart.palette[0]))
    chart.add(line([(0, limit), (1_440, limit)], x: x, y: y, color: SVGChart.palette[1]))
    chart.add(legend([("requests/min", SVGChart.palette[0]), ("RPM limit", SVGChart.palette[1])], chart))
    return chart.rendered()
  }
}
