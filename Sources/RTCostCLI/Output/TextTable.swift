/// A plain-text table for terminals: columns padded to their widest cell, numbers right-aligned.
public struct TextTable: Sendable {
  public enum Alignment: Sendable { case left, right }

  public var headers: [String]
  public var alignments: [Alignment]
  public private(set) var rows: [[String]] = []

  /// A table with `headers`; the first column is left-aligned and the rest right-aligned unless given.
  public init(headers: [String], alignments: [Alignment]? = nil) {
    self.headers = headers
    self.alignments = alignments ?? ([.left] + Array(repeating: .right, count: max(0, headers.count - 1)))
  }

  /// Appends a row; missing cells print empty.
  public mutating func append(_ row: [String]) { rows.append(row) }

  /// The table as lines joined by `\n`, with a rule under the header and a trailing newline.
  public func rendered() -> String {
    let columns = headers.count
    var widths = headers.map(\.count)
    for row in rows {
      for (index, cell) in row.prefix(columns).enumerated() { widths[index] = max(widths[index], cell.count) }
    }
    func line(_ cells: [String]) -> String {
      (0..<columns).map { index in
        let cell = index < cells.count ? cells[index] : ""
        let padding = String(repeating: " ", count: widths[index] - cell.count)
        return alignments[index] == .left ? cell + padding : padding + cell
      }.joined(separator: "  ").trailingSpacesRemoved
    }
    var lines = [line(headers), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
    lines += rows.map(line)
    return lines.joined(separator: "\n") + "\n"
  }
}

extension String {
  var trailingSpacesRemoved: String {
    var copy = self
    while copy.last == " " { copy.removeLast() }
    return copy
  }
}
