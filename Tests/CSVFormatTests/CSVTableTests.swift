import CSVFormat
import Testing

/// The RFC 4180 reader every CSV input goes through.
@Suite struct CSVTableTests {
  @Test func followsRFC4180AndNamesTheLineOfWhatItRefuses() throws {
    let table = try CSVTable.parse("a,b,c\r\n1,\"x, \"\"y\"\"\",3\r\n\r\n4,\"two\nlines\"\n5", file: "t.csv")
    #expect(table.header == ["a", "b", "c"])
    #expect(table.records.map(\.line) == [2, 4, 6])
    #expect(table.records[0].fields == ["1", "x, \"y\"", "3"])
    #expect(table.records[1].fields == ["4", "two\nlines", ""])
    #expect(table.records[2].fields == ["5", "", ""])
    #expect(throws: CSVError("t.csv:2: a quote inside an unquoted field")) {
      try CSVTable.parse("a\nx\"y\n", file: "t.csv")
    }
    #expect(throws: CSVError("t.csv:2: a quoted field is never closed")) {
      try CSVTable.parse("a\n\"open\n", file: "t.csv")
    }
    #expect(throws: CSVError("t.csv:2: 3 fields, but the header has 2")) {
      try CSVTable.parse("a,b\n1,2,3\n", file: "t.csv")
    }
    #expect(throws: CSVError("t.csv:1: text after a closing quote")) {
      try CSVTable.parse("\"a\"b\n", file: "t.csv")
    }
    #expect(throws: CSVError("t.csv: the file is empty")) { try CSVTable.parse("", file: "t.csv") }
  }
}
