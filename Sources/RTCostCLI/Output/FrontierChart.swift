internal import Forecast

/// Saving against added waiting, one point per set of identical policies: the frontier as a line,
/// the other policies grey, the recommendation ringed; frontier points labelled without overlap.
enum FrontierChart {
  /// The parts of each label that not every label shares (`timeout=2m activity=real`): enough to
  /// tell the points apart.
  static func shortLabels(_ labels: [String]) -> [String] {
    let parts = labels.map { $0.split(separator: " ").map(String.init) }
    let common = parts.dropFirst().reduce(Set(parts.first ?? [])) { $0.intersection($1) }
    return parts.map { words in
      let kept = words.filter { !common.contains($0) }
      return (kept.isEmpty ? words : kept).joined(separator: " ")
    }
  }

  static func render(_ recommendation: Recommendation) -> String {
    var chart = SVGChart(
      title: "Saving against added waiting (bars: 95% interval of the saving)",
      xLabel: "seconds genuine turns waited for a reconnect, per device-day",
      yLabel: "saving vs baseline (%)")
    chart.width = 900
    chart.height = 440
    chart.margin.bottom = 80
    let rows = recommendation.candidates.map(\.summary)
    let xMaxRaw = max(1, (rows.map(\.addedWaitSeconds).max() ?? 1) * 1.15)
    let xTicks = SVGChart.ticks(0...xMaxRaw)
    let xMax = max(xMaxRaw, xTicks.last ?? xMaxRaw)
    let yLow = min(0, rows.map(\.savingsPercentInterval.lowerBound).min() ?? 0)
    let yHigh = max(1, rows.map(\.savingsPercentInterval.upperBound).max() ?? 1) * 1.15
    let x = chart.xScale(0...xMax)
    let y = chart.yScale(yLow...yHigh)
    let step = xTicks.count > 1 ? xTicks[1] - xTicks[0] : 1
    chart.axes(
      y: y, xTicks: xTicks.map { (x($0), FixedDecimal.format($0, decimals: SVGChart.decimals(step))) })
    let frontierColor = SVGChart.palette[0]
    let otherColor = "#9a9a9a"
    let chosenColor = SVGChart.palette[1]
    let onFrontier = Set(recommendation.frontier)
    var placer = LabelPlacer(
      bounds: .init(
        left: chart.margin.left + 2, top: chart.margin.top + 2,
        right: chart.margin.left + chart.plotWidth - 2,
        bottom: chart.margin.top + chart.plotHeight - 2),
      fontSize: 10)
    let point = { (row: PolicySummary) in (x(row.addedWaitSeconds), y(row.savingsPercent)) }
    // Others first, so the frontier and the recommendation draw on top of them.
    for (index, row) in rows.enumerated() where !onFrontier.contains(index) {
      let (cx, cy) = point(row)
      placer.reserve(x: cx, y: cy, radius: 4)
      chart.add(
        "<circle data-series=\"other policies\" cx=\"\(SVGChart.number(cx))\" cy=\"\(SVGChart.number(cy))\" r=\"3.5\" fill=\"\(otherColor)\"><title>\(SVGChart.escape(row.label)): \(DecisionText.percent(row.savingsPercent))%</title></circle>"
      )
    }
    let frontier = recommendation.frontier.map { rows[$0] }
    for row in frontier {
      let (cx, _) = point(row)
      chart.add(
        "<line data-series=\"frontier\" x1=\"\(SVGChart.number(cx))\" y1=\"\(SVGChart.number(y(row.savingsPercentInterval.lowerBound)))\" x2=\"\(SVGChart.number(cx))\" y2=\"\(SVGChart.number(y(row.savingsPercentInterval.upperBound)))\" stroke=\"\(frontierColor)\" stroke-opacity=\"0.45\" stroke-width=\"2\"/>"
      )
    }
    chart.add(
      "<polyline data-series=\"frontier\" points=\"\(frontier.map { "\(SVGChart.number(point($0).0)),\(SVGChart.number(point($0).1))" }.joined(separator: " "))\" fill=\"none\" stroke=\"\(frontierColor)\" stroke-width=\"2\"/>"
    )
    for row in frontier {
      let (cx, cy) = point(row)
      placer.reserve(x: cx, y: cy, radius: 5)
      chart.add(
        "<circle data-series=\"frontier\" cx=\"\(SVGChart.number(cx))\" cy=\"\(SVGChart.number(cy))\" r=\"4.5\" fill=\"\(frontierColor)\"><title>\(SVGChart.escape(row.label)): \(DecisionText.percent(row.savingsPercent))%</title></circle>"
      )
    }
    if let chosen = recommendation.choice?.summary {
      let (cx, cy) = point(chosen)
      placer.reserve(x: cx, y: cy, radius: 9)
      chart.add(
        "<circle data-series=\"recommended\" cx=\"\(SVGChart.number(cx))\" cy=\"\(SVGChart.number(cy))\" r=\"8\" fill=\"none\" stroke=\"\(chosenColor)\" stroke-width=\"2.5\"><title>recommended: \(SVGChart.escape(chosen.label))</title></circle>"
      )
    }
    let short = shortLabels(rows.map(\.label))
    for index in recommendation.frontier {
      let (cx, cy) = point(rows[index])
      let text = short[index] + " (\(DecisionText.percent(rows[index].savingsPercent))%)"
      guard let spot = placer.place(text, x: cx, y: cy) else { continue }
      chart.add(
        "<text x=\"\(SVGChart.number(spot.x))\" y=\"\(SVGChart.number(spot.y))\" font-size=\"10\" fill=\"#333\">\(SVGChart.escape(text))</text>"
      )
    }
    let legend = [("frontier", frontierColor), ("other policies", otherColor), ("recommended", chosenColor)]
    for (slot, entry) in legend.enumerated() {
      let left = chart.margin.left + Double(slot) * 160
      let baseline = chart.margin.top + chart.plotHeight + 58
      chart.add(
        "<rect x=\"\(SVGChart.number(left))\" y=\"\(SVGChart.number(baseline - 9))\" width=\"10\" height=\"10\" fill=\"\(entry.1)\"/><text x=\"\(SVGChart.number(left + 14))\" y=\"\(SVGChart.number(baseline))\" font-size=\"11\">\(entry.0)</text>"
      )
    }
    return chart.rendered()
  }
}
