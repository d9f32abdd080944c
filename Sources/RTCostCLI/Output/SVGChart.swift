/// Minimal inline-SVG chart primitives for self-contained HTML reports (no scripts, no network).
struct SVGChart {
  var width: Double = 760
  var height: Double = 380
  var margin = (left: 70.0, right: 20.0, top: 30.0, bottom: 60.0)
  var title: String
  var xLabel: String
  var yLabel: String
  /// Written before every y tick value (`$` for money).
  var yTickPrefix = ""
  private(set) var body = ""

  init(title: String, xLabel: String, yLabel: String) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
  }

  var plotWidth: Double { width - margin.left - margin.right }
  var plotHeight: Double { height - margin.top - margin.bottom }

  static let palette = [
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f",
  ]

  static func escape(_ text: String) -> String {
    var out = ""
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default: out.append(character)
      }
    }
    return out
  }

  static func number(_ value: Double) -> String { FixedDecimal.format(value, decimals: 2) }

  /// Maps data coordinates into the plot area.
  struct Scale {
    var domain: ClosedRange<Double>
    /// Pixel positions of the domain's lower and upper bound (the y axis runs downwards).
    var range: (start: Double, end: Double)
    func callAsFunction(_ value: Double) -> Double {
      let span = domain.upperBound - domain.lowerBound
      let t = span == 0 ? 0.5 : (value - domain.lowerBound) / span
      return range.start + t * (range.end - range.start)
    }
  }

  func xScale(_ domain: ClosedRange<Double>) -> Scale {
    Scale(domain: domain, range: (margin.left, margin.left + plotWidth))
  }

  func yScale(_ domain: ClosedRange<Double>) -> Scale {
    Scale(domain: domain, range: (margin.top + plotHeight, margin.top))
  }

  /// "Nice" tick values covering `domain`.
  static func ticks(_ domain: ClosedRange<Double>, count: Int = 5) -> [Double] {
    let span = domain.upperBound - domain.lowerBound
    guard span > 0 else { return [domain.lowerBound] }
    let raw = span / Double(count)
    var step = 1.0
    while step * 10 <= raw { step *= 10 }
    while step > raw { step /= 10 }
    for multiple in [1.0, 2.0, 5.0, 10.0] where step * multiple >= raw {
      step *= multiple
      break
    }
    var ticks: [Double] = []
    var value = (domain.lowerBound / step).rounded(.up) * step
    while value <= domain.upperBound + step * 1e-9 {
      ticks.append(abs(value) < step * 1e-9 ? 0 : value)
      value += step
    }
    return ticks
  }

  /// Decimals that show every tick of spacing `step` distinctly and alike (0.25 → 2, 5 → 0).
  static func decimals(_ step: Double) -> Int {
    var decimals = 0
    var scaled = abs(step)
    while decimals < 6, scaled > 0, (scaled - scaled.rounded()).magnitude > 1e-9 * max(1, scaled) {
      scaled *= 10
      decimals += 1
    }
    return decimals
  }

  mutating func add(_ fragment: String) { body += fragment + "\n" }

  /// Axes with y ticks; x ticks are passed as (position, label).
  mutating func axes(y: Scale, xTicks: [(Double, String)], yTicks: Bool = true) {
    let bottom = margin.top + plotHeight
    add(
      "<line x1=\"\(Self.number(margin.left))\" y1=\"\(Self.number(bottom))\" x2=\"\(Self.number(margin.left + plotWidth))\" y2=\"\(Self.number(bottom))\" stroke=\"#333\"/>"
    )
    add(
      "<line x1=\"\(Self.number(margin.left))\" y1=\"\(Self.number(margin.top))\" x2=\"\(Self.number(margin.left))\" y2=\"\(Self.number(bottom))\" stroke=\"#333\"/>"
    )
    let values = yTicks ? Self.ticks(y.domain) : []
    let decimals = Self.decimals(values.count > 1 ? values[1] - values[0] : 1)
    for tick in values {
      let position = y(tick)
      add(
        "<line x1=\"\(Self.number(margin.left))\" y1=\"\(Self.number(position))\" x2=\"\(Self.number(margin.left + plotWidth))\" y2=\"\(Self.number(position))\" stroke=\"#ddd\"/>"
      )
      add(
        "<text x=\"\(Self.number(margin.left - 6))\" y=\"\(Self.number(position + 4))\" text-anchor=\"end\" font-size=\"11\">\(Self.escape(yTickPrefix + FixedDecimal.format(tick, decimals: decimals)))</text>"
      )
    }
    for (position, label) in xTicks {
      add(
        "<text x=\"\(Self.number(position))\" y=\"\(Self.number(bottom + 16))\" text-anchor=\"middle\" font-size=\"11\">\(Self.escape(label))</text>"
      )
    }
    add(
      "<text x=\"\(Self.number(margin.left + plotWidth / 2))\" y=\"\(Self.number(bottom + 34))\" text-anchor=\"middle\" font-size=\"12\">\(Self.escape(xLabel))</text>"
    )
    add(
      "<text transform=\"translate(16 \(Self.number(margin.top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\" font-size=\"12\">\(Self.escape(yLabel))</text>"
    )
  }

  func rendered() -> String {
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" "
      + "width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" role=\"img\" aria-label=\"\(Self.escape(title))\">\n"
      + "<text x=\"\(Self.number(width / 2))\" y=\"18\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">\(Self.escape(title))</text>\n"
      + body + "</svg>"
  }
}
