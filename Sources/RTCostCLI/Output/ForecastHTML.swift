internal import Billing
internal import Forecast
internal import RealtimeEvents
internal import SessionGuard

/// The forecast as one self-contained HTML file with three inline SVG charts and the table.
enum ForecastHTML {
  static func render(_ results: ForecastResults) -> String {
    let summaries = ForecastReport.ordered(results)
    let gridOrder = results.summaries()
    return """
      <!DOCTYPE html>
      <html lang="en"><head><meta charset="utf-8"><title>rtcost forecast</title>
      <style>
      body { font-family: sans-serif; margin: 24px; color: #222; }
      table { border-collapse: collapse; font-size: 12px; } td, th { border: 1px solid #ccc; padding: 3px 6px; }
      td.n { text-align: right; } .chart { margin: 16px 0; } code { font-size: 12px; }
      </style></head><body>
      <h1>rtcost forecast</h1>
      <p>\(SVGChart.escape(ForecastReport.header(results)))</p>
      <div class="chart" id="cost-vs-timeout">\(costAgainstTimeout(gridOrder))</div>
      <div class="chart" id="savings-vs-latency">\(savingsAgainstLatency(summaries))</div>
      <div class="chart" id="cost-by-category">\(costByCategory(summaries))</div>
      \(table(summaries))
      <p>Savings are paired differences against the baseline on the same simulated worlds (common random numbers);
      intervals are 95% Student-t intervals of the mean paired difference.</p>
      </body></html>

      """
  }

  /// The alert and activity settings of a policy, which an "off" policy shares with a series.
  static func settingsKey(_ summary: PolicySummary) -> String {
    let policy = summary.policy
    return (summary.comparesModels ? "\(summary.model) " : "") + "activity=\(policy.activity.name)"
      + (policy.warn.map { " warn=$\($0.decimalText)" } ?? "")
      + (policy.alert.map { " alert=$\($0.decimalText)" } ?? "")
      + (policy.alert != nil ? " action=\(policy.alertAction.rawValue)" : "")
  }

  /// Series key: everything but the timeout.
  static func seriesKey(_ summary: PolicySummary) -> String {
    "check=\(DurationText.format(summary.policy.checkInterval)) " + settingsKey(summary)
  }

  /// Mean cost per device-day against the idle timeout, one line per other setting, p5–p95 band.
  static func costAgainstTimeout(_ summaries: [PolicySummary]) -> String {
    var chart = SVGChart(
      title: "Cost per device-day against idle timeout (line: mean, band: p5–p95 of worlds)",
      xLabel: "idle timeout", yLabel: "USD per device-day")
    let timeouts = Array(Set(summaries.compactMap(\.policy.idleTimeout))).sorted()
    // Timeouts are evenly spaced in their order (1m, 2m, 5m, 15m, off), not to scale.
    let positions = (0...timeouts.count).map(Double.init)
    let labels = timeouts.map(DurationText.format) + ["off"]
    func position(_ policy: GuardSettings) -> Double {
      policy.idleTimeout.flatMap { timeouts.firstIndex(of: $0) }.map(Double.init) ?? positions.last!
    }
    let low = summaries.map(\.cost.p5).min() ?? 0
    let high = summaries.map(\.cost.p95).max() ?? 1
    let x = chart.xScale(-0.3...(positions.last! + 0.3))
    let y = chart.yScale(min(0, low)...(high == 0 ? 1 : high * 1.05))
    chart.axes(y: y, xTicks: zip(positions, labels).map { (x($0), $1) })
    // "off" policies belong to every series: they are the right-hand end of each line.
    let offPolicies = summaries.filter { $0.policy.idleTimeout == nil }
    let keys = Array(Set(summaries.filter { $0.policy.idleTimeout != nil }.map { seriesKey($0) }))
      .sorted()
    for (index, key) in keys.enumerated() {
      let color = SVGChart.palette[index % SVGChart.palette.count]
      var points = summaries.filter { $0.policy.idleTimeout != nil && seriesKey($0) == key }
      let settings = settingsKey(points[0])
      let sameActivity = offPolicies.filter {
        $0.policy.activity == points[0].policy.activity && $0.model == points[0].model
      }
      if let off = offPolicies.first(where: { settingsKey($0) == settings }) ?? sameActivity.first {
        points.append(off)
      }
      points.sort { position($0.policy) < position($1.policy) }
      let upper = points.map {
        "\(SVGChart.number(x(position($0.policy)))),\(SVGChart.number(y($0.cost.p95)))"
      }
      let lower = points.reversed().map {
        "\(SVGChart.number(x(position($0.policy)))),\(SVGChart.number(y($0.cost.p5)))"
      }
      chart.add(
        "<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(color)\" fill-opacity=\"0.12\" stroke=\"none\"/>"
      )
      let line = points.map {
        "\(SVGChart.number(x(position($0.policy)))),\(SVGChart.number(y($0.cost.mean)))"
      }
      chart.add(
        "<polyline points=\"\(line.joined(separator: " "))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"/>"
      )
      for point in points {
        chart.add(
          "<circle cx=\"\(SVGChart.number(x(position(point.policy))))\" cy=\"\(SVGChart.number(y(point.cost.mean)))\" r=\"3\" fill=\"\(color)\"><title>\(SVGChart.escape(point.label)): $\(FixedDecimal.format(point.cost.mean, decimals: 4))</title></circle>"
        )
      }
      chart.add(
        "<text x=\"\(SVGChart.number(chart.margin.left + 8))\" y=\"\(SVGChart.number(chart.margin.top + 14 + Double(index) * 14))\" font-size=\"11\" fill=\"\(color)\">\(SVGChart.escape(key))</text>"
      )
    }
    return chart.rendered()
  }

  /// Saving (%) against the wait users pay for it (seconds of reconnect delay per device-day).
  static func savingsAgainstLatency(_ summaries: [PolicySummary]) -> String {
    var chart = SVGChart(
      title: "Saving against added latency, per policy (bars: 95% interval)",
      xLabel: "seconds genuine turns waited for a reconnect, per device-day",
      yLabel: "saving vs baseline (%)")
    let latencies = summaries.map(\.addedWaitSeconds)
    let savings = summaries.map(\.savingsPercent)
    let xMax = max(1, (latencies.max() ?? 1) * 1.1)
    let yLow = min(0, (summaries.map(\.savingsPercentInterval.lowerBound).min() ?? 0) * 1.1)
    let yHigh = max(1, (summaries.map(\.savingsPercentInterval.upperBound).max() ?? 1) * 1.1)
    let x = chart.xScale(0...xMax)
    let y = chart.yScale(yLow...yHigh)
    chart.axes(y: y, xTicks: SVGChart.ticks(0...xMax).map { (x($0), FixedDecimal.format($0, decimals: 1)) })
    for (index, row) in summaries.enumerated() {
      let color = SVGChart.palette[index % SVGChart.palette.count]
      let cx = x(latencies[index])
      chart.add(
        "<line x1=\"\(SVGChart.number(cx))\" y1=\"\(SVGChart.number(y(row.savingsPercentInterval.lowerBound)))\" x2=\"\(SVGChart.number(cx))\" y2=\"\(SVGChart.number(y(row.savingsPercentInterval.upperBound)))\" stroke=\"\(color)\" stroke-opacity=\"0.6\"/>"
      )
      chart.add(
        "<circle cx=\"\(SVGChart.number(cx))\" cy=\"\(SVGChart.number(y(savings[index])))\" r=\"4\" fill=\"\(color)\"><title>\(SVGChart.escape(row.label)): \(FixedDecimal.format(row.savingsPercent, decimals: 1))%</title></circle>"
      )
      let short =
        (row.policy.idleTimeout.map(DurationText.format) ?? "off") + " " + row.policy.activity.name
      chart.add(
        "<text x=\"\(SVGChart.number(cx + 6))\" y=\"\(SVGChart.number(y(savings[index]) - 4))\" font-size=\"9\" fill=\"#444\">\(SVGChart.escape(short))</text>"
      )
    }
    return chart.rendered()
  }

  /// Mean cost per device-day split by billing category, one stacked bar per policy.
  static func costByCategory(_ summaries: [PolicySummary]) -> String {
    let rowHeight = 18.0
    var chart = SVGChart(
      title: "Cost per device-day by billing category", xLabel: "USD per device-day", yLabel: "")
    chart.margin.left = 440
    chart.width = 980
    chart.margin.bottom = 90
    chart.height = chart.margin.top + chart.margin.bottom + rowHeight * Double(summaries.count) + 8
    let maxTotal = max(1e-9, summaries.map { $0.costByCategory.reduce(0) { $0 + $1.usd } }.max() ?? 1)
    let x = chart.xScale(0...(maxTotal * 1.05))
    let y = chart.yScale(0...1)
    chart.axes(
      y: SVGChart.Scale(domain: 0...0, range: y.range),
      xTicks: SVGChart.ticks(0...(maxTotal * 1.05)).map { (x($0), FixedDecimal.format($0, decimals: 3)) },
      yTicks: false)
    let categories = summaries.first?.costByCategory.map(\.category) ?? []
    for (row, summary) in summaries.enumerated() {
      let top = chart.margin.top + 4 + Double(row) * rowHeight
      var start = 0.0
      chart.add(
        "<text x=\"\(SVGChart.number(chart.margin.left - 6))\" y=\"\(SVGChart.number(top + 12))\" text-anchor=\"end\" font-size=\"10\">\(SVGChart.escape(summary.label))</text>"
      )
      for (index, part) in summary.costByCategory.enumerated() where part.usd > 0 {
        let color = SVGChart.palette[index % SVGChart.palette.count]
        chart.add(
          "<rect x=\"\(SVGChart.number(x(start)))\" y=\"\(SVGChart.number(top))\" width=\"\(SVGChart.number(x(start + part.usd) - x(start)))\" height=\"\(SVGChart.number(rowHeight - 4))\" fill=\"\(color)\"><title>\(part.category): $\(FixedDecimal.format(part.usd, decimals: 4))</title></rect>"
        )
        start += part.usd
      }
    }
    for (index, category) in categories.enumerated() {
      let left = 20 + Double(index % 5) * 130
      let baseline = chart.margin.top + chart.plotHeight + 56 + Double(index / 5) * 14
      chart.add(
        "<rect x=\"\(SVGChart.number(left))\" y=\"\(SVGChart.number(baseline - 9))\" width=\"10\" height=\"10\" fill=\"\(SVGChart.palette[index % SVGChart.palette.count])\"/><text x=\"\(SVGChart.number(left + 14))\" y=\"\(SVGChart.number(baseline))\" font-size=\"10\">\(category)</text>"
      )
    }
    return chart.rendered()
  }

  static func table(_ summaries: [PolicySummary]) -> String {
    var html = "<table><tr>"
    for column in [
      "policy", "$/device-day", "p5", "p95", "saving %", "95% CI", "turns delayed/day", "latency p95 s",
      "memory lost/day", "alerts/day", "cached…uncached $/day",
    ] {
      html += "<th>\(column)</th>"
    }
    html += "</tr>\n"
    for row in summaries {
      let cells = [
        ForecastReport.usd(row.cost.mean), ForecastReport.usd(row.cost.p5), ForecastReport.usd(row.cost.p95),
        FixedDecimal.format(row.savingsPercent, decimals: 1),
        "\(FixedDecimal.format(row.savingsPercentInterval.lowerBound, decimals: 1))…\(FixedDecimal.format(row.savingsPercentInterval.upperBound, decimals: 1))",
        FixedDecimal.format(row.turnsDelayed, decimals: 2), ForecastReport.optionalSeconds(row.latencyP95),
        FixedDecimal.format(row.conversationsWithMemoryLost, decimals: 2),
        FixedDecimal.format(row.alerts, decimals: 2), ForecastReport.cacheRange(row),
      ]
      html +=
        "<tr><td><code>\(SVGChart.escape(row.label))</code>\(row.isBaseline ? " (baseline)" : "")</td>"
        + cells.map { "<td class=\"n\">\($0)</td>" }.joined() + "</tr>\n"
    }
    return html + "</table>"
  }
}
