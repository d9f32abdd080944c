/// An RFC 4180 CSV table: a header row and records, each record with the physical line it started on.
///
/// Fields may be quoted (`"a, b"`, with `""` for a quote inside) and then span lines; lines end in
/// `\n` or `\r\n`; a UTF-8 byte order mark is skipped. A quote inside an unquoted field, text after a
/// closing quote, an unclosed quote or a record with more fields than the header is an error naming
/// the file and line. Shorter records are padded with empty fields (a trailing empty column).
public struct CSVTable: Sendable, Equatable {
  public var header: [String]
  public var records: [(line: Int, fields: [String])]

  public static func == (lhs: CSVTable, rhs: CSVTable) -> Bool {
    lhs.header == rhs.header && lhs.records.map(\.line) == rhs.records.map(\.line)
      && lhs.records.map(\.fields) == rhs.records.map(\.fields)
  }

  /// Parses `text`; `file` names it in errors.
  public static func parse(_ text: String, file: String) throws(CSVError) -> CSVTable {
    var scalars = Array(text.unicodeScalars)
    if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
    var rows: [(Int, [String])] = []
    var fields: [String] = []
    var field = String.UnicodeScalarView()
    var line = 1
    var rowLine = 1
    var index = 0
    var quoted = false
    var afterQuote = false
    var fieldStarted = false
    func endField() {
      fields.append(String(field))
      field.removeAll()
      quoted = false
      afterQuote = false
      fieldStarted = false
    }
    while index < scalars.count {
      let scalar = scalars[index]
      index += 1
      if quoted {
        if scalar == "\"" {
          if index < scalars.count, scalars[index] == "\"" {
            field.append("\"")
            index += 1
          } else {
            quoted = false
            afterQuote = true
          }
        } else {
          if scalar == "\n" { line += 1 }
          field.append(scalar)
        }
        continue
      }
      switch scalar {
      case ",":
        endField()
        fieldStarted = true
      case "\r" where index < scalars.count && scalars[index] == "\n":
        continue
      case "\n":
        endField()
        rows.append((rowLine, fields))
        fields = []
        line += 1
        rowLine = line
      case "\"":
        guard field.isEmpty, !afterQuote else {
          throw CSVError("\(file):\(line): a quote inside an unquoted field")
        }
        quoted = true
        fieldStarted = true
      default:
        if afterQuote { throw CSVError("\(file):\(line): text after a closing quote") }
        field.append(scalar)
        fieldStarted = true
      }
    }
    if quoted { throw CSVError("\(file):\(rowLine): a quoted field is never closed") }
    if fieldStarted || !field.isEmpty || !fields.isEmpty {
      endField()
      rows.append((rowLine, fields))
    }
    guard let first = rows.first else { throw CSVError("\(file): the file is empty") }
    let header = first.1.map { $0.trimmingSpaces }
    var records: [(Int, [String])] = []
    for (number, row) in rows.dropFirst() {
      if row.count == 1, row[0].isEmpty { continue }  // a blank line
      guard row.count <= header.count else {
        throw CSVError("\(file):\(number): \(row.count) fields, but the header has \(header.count)")
      }
      records.append((number, row + Array(repeating: "", count: header.count - row.count)))
    }
    return CSVTable(header: header, records: records)
  }

  /// The index of the column named `name`, if any.
  public func column(_ name: String) -> Int? { header.firstIndex(of: name) }
}

extension String {
  /// Without leading and trailing spaces and tabs.
  fileprivate var trimmingSpaces: String {
    var scalars = Substring(self)
    while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
    while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
    return String(scalars)
  }
}

/// A CSV text that cannot be read, in one sentence naming the file and line.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
