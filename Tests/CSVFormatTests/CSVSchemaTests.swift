import CSVFormat
import Testing

/// The one CSV writer: header and rows from one column list, RFC 4180 quoting.
@Suite struct CSVSchemaTests {
  struct Item: Sendable {
    var name: String
    var count: Int?
  }

  static let schema = CSVSchema<Item>([
    CSVColumn("name") { $0.name },
    CSVColumn("count") { $0.count.map(String.init) ?? "" },
    CSVColumn("note") { _ in "fixed" },
  ])

  @Test func everyRowHasTheHeadersWidthAndQuotesWhatNeedsIt() throws {
    let items = [
      Item(name: "plain", count: 1), Item(name: "a, b", count: nil), Item(name: "say \"hi\"", count: 3),
      Item(name: "two\r\nlines", count: 4),
    ]
    let text = Self.schema.render(items)
    #expect(
      text
        == "name,count,note\nplain,1,fixed\n\"a, b\",,fixed\n\"say \"\"hi\"\"\",3,fixed\n\"two\r\nlines\",4,fixed\n"
    )
    let table = try CSVTable.parse(text, file: "t.csv")
    #expect(table.header == ["name", "count", "note"])
    #expect(table.records.map(\.fields[0]) == ["plain", "a, b", "say \"hi\"", "two\r\nlines"])
    let checked = try SwiftCSVCheck.rows(text)
    #expect(checked.header == ["name", "count", "note"])
    #expect(checked.rows.map { $0["count"] } == ["1", "", "3", "4"])
    #expect(checked.rows[1]["name"] == "a, b")
  }

  @Test func noRowsIsTheHeaderAlone() {
    #expect(Self.schema.render([]) == "name,count,note\n")
  }
}
