/// One column of a CSV output: its header name and how a row writes its field.
public struct CSVColumn<Row>: Sendable {
  public var name: String
  public var field: @Sendable (Row) -> String

  public init(_ name: String, _ field: @escaping @Sendable (Row) -> String) {
    self.name = name
    self.field = field
  }
}

/// A CSV output's columns, the only way this package writes CSV.
///
/// The header and every row come from the same column list, so a row cannot have more or fewer
/// fields than the header: a column a row has no value for writes an empty field. Fields with
/// commas, quotes or line breaks are quoted (RFC 4180, `""` for a quote); lines end in `\n`.
public struct CSVSchema<Row>: Sendable {
  public var columns: [CSVColumn<Row>]

  public init(_ columns: [CSVColumn<Row>]) { self.columns = columns }

  /// The header's names, in order.
  public var header: [String] { columns.map(\.name) }

  /// The header line and one line per row.
  public func render(_ rows: some Sequence<Row>) -> String {
    var out = Self.line(header)
    for row in rows { out += Self.line(columns.map { $0.field(row) }) }
    return out
  }

  /// `fields` as one CSV line, ending in `\n`.
  static func line(_ fields: [String]) -> String {
    fields.map(escape).joined(separator: ",") + "\n"
  }

  /// `field` quoted when it holds a comma, a quote or a line break.
  public static func escape(_ field: String) -> String {
    guard field.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return field
    }
    var quoted = "\""
    for character in field {
      if character == "\"" { quoted.append("\"") }
      quoted.append(character)
    }
    return quoted + "\""
  }
}
