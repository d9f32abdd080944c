internal import Forecast

/// The tornado: for each assumption, the tracked policy's saving (%) at the low end of its range
/// (upper bar) and at the high end (lower bar), drawn from the nominal saving; largest swing on top.
enum SensitivityChart {
  static let lowColor = SVGChart.palette[2]
  static let highColor = SVGChart.palette[4]

  static func render(_ sensitivity: Sensitivity) -> String {
    let rowHeight = 36.0
    var chart = SVGChart(
      title: "How the saving of the recommendation moves with each assumption",
      xLabel: "saving vs baseline (%) of \(sensitivity.trackedLabel)", yLabel: "")
    chart.width = 900
    chart.margin.left = 230
    chart.margin.right = 30
    chart.margin.bottom = 84
    chart.height = chart.margin.top + chart.margin.bottom + rowHeight * Double(sensitivity.rows.count) + 8
    let nominal = sensitivity.nominal.savingsPercent
    let values =
      sensitivity.rows.flatMap { [$0.low.tracked.savingsPercent, $0.high.tracked.savingsPercent] } + [nominal]
    let low = values.min() ?? 0
    let high = values.max() ?? 1
    // Room on both sides for the value labels beside the bars.
    let pad = max(0.5, (high - low) * 0.6)
    let ticks = SVGChart.ticks((low - pad)...(high + pad))
    let x = chart.xScale((low - pad)...(high + pad))
    let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
    let y = chart.yScale(0...1)
    chart.axes(
      y: SVGChart.Scale(domain: 0...0, range: y.range),
      xTicks: ticks.map { (x($0), FixedDecimal.format($0, decimals: SVGChart.decimals(step))) }, yTicks: false
    )
    for (index, row) in sensitivity.rows.enumerated() {
      let top = chart.margin.top + 6 + Double(index) * rowHeight
      chart.add(
        "<text x=\"\(SVGChart.number(chart.margin.left - 8))\" y=\"\(SVGChart.number(top + 18))\" text-anchor=\"end\" font-size=\"11\">\(SVGChart.escape(row.key))</text>"
      )
      for (half, outcome, color, series) in [
        (0.0, row.low, lowColor, "low end"), (1.0, row.high, highColor, "high end"),
      ] {
        let value = outcome.tracked.savingsPercent
        let left = min(x(value), x(nominal))
        let width = max(2, abs(x(value) - x(nominal)))
        let barTop = top + half * 14
        chart.add(
          "<rect data-series=\"\(series)\" x=\"\(SVGChart.number(left))\" y=\"\(SVGChart.number(barTop))\" width=\"\(SVGChart.number(width))\" height=\"12\" fill=\"\(color)\"><title>\(SVGChart.escape(row.key)) = \(SVGChart.escape(outcome.value)): \(DecisionText.percent(value))%\(outcome.holds ? "" : ", recommendation flips")</title></rect>"
        )
        let label = "\(outcome.value): \(DecisionText.percent(value))%" + (outcome.holds ? "" : " (flips)")
        let rightward = value >= nominal
        let labelX = rightward ? left + width + 4 : left - 4
        chart.add(
          "<text x=\"\(SVGChart.number(labelX))\" y=\"\(SVGChart.number(barTop + 10))\" text-anchor=\"\(rightward ? "start" : "end")\" font-size=\"10\">\(SVGChart.escape(label))</text>"
        )
      }
    }
    let bottom = chart.margin.top + chart.plotHeight
    chart.add(
      "<line x1=\"\(SVGChart.number(x(nominal)))\" y1=\"\(SVGChart.number(chart.margin.top))\" x2=\"\(SVGChart.number(x(nominal)))\" y2=\"\(SVGChart.number(bottom))\" stroke=\"#333\" stroke-dasharray=\"4 3\"/>"
    )
    let legend = [
      ("low end of the range", lowColor), ("high end of the range", highColor), ("nominal", "#333"),
    ]
    for (slot, entry) in legend.enumerated() {
      let left = 20 + Double(slot) * 200
      let baseline = bottom + 60
      chart.add(
        "<rect x=\"\(SVGChart.number(left))\" y=\"\(SVGChart.number(baseline - 9))\" width=\"10\" height=\"10\" fill=\"\(entry.1)\"/><text x=\"\(SVGChart.number(left + 14))\" y=\"\(SVGChart.number(baseline))\" font-size=\"11\">\(entry.0)</text>"
      )
    }
    return chart.rendered()
  }
}
