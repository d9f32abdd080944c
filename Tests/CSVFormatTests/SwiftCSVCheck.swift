import Foundation
import SwiftCSV
import Testing

/// Reads CSV text with SwiftCSV, an independent parser, and checks its shape: every row has as
/// many fields as the header.
enum SwiftCSVCheck {
  /// The header and rows of `text`, records by name; fails the test when a row's width differs.
  static func rows(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> (
    header: [String], rows: [[String: String]]
  ) {
    let csv = try CSV<Enumerated>(string: text, delimiter: .comma, loadColumns: false)
    var raw: [[String]] = []
    // startAt 1 skips the header; the callback sees each record as the parser split it, unpadded.
    try csv.enumerateAsArray(startAt: 1, rowLimit: nil) { raw.append($0) }
    #expect(!csv.header.isEmpty, "no header", sourceLocation: sourceLocation)
    for (index, row) in raw.enumerated() {
      #expect(
        row.count == csv.header.count,
        "row \(index + 1) has \(row.count) fields, the header \(csv.header.count)",
        sourceLocation: sourceLocation)
    }
    let named = raw.map { row in
      Dictionary(uniqueKeysWithValues: zip(csv.header, row).map { ($0, $1) })
    }
    return (csv.header, named)
  }
}
