import Testing

@testable import EmbedResourcesTool

@Suite struct SourceGeneratorTests {
  func file(_ name: String, _ text: String) -> EmbeddedFile {
    EmbeddedFile(name: name, bytes: Array(text.utf8))
  }

  @Test func theDelimiterOutgrowsEveryHashRunAfterAQuoteOrBackslash() {
    #expect(SourceGenerator.delimiterLength(for: "plain text") == 1)
    #expect(SourceGenerator.delimiterLength(for: "a \"# b") == 2)
    #expect(SourceGenerator.delimiterLength(for: "ends with \"\"\"## and \\### here") == 4)
    // `#` not after a quote or a backslash cannot end a literal.
    #expect(SourceGenerator.delimiterLength(for: "# heading ### more") == 1)
  }

  @Test func outputIsSortedByNameAndDeterministic() throws {
    let a = try SourceGenerator.source(for: [file("b.yaml", "b: 1\n"), file("a.json", "{}")])
    let b = try SourceGenerator.source(for: [file("a.json", "{}"), file("b.yaml", "b: 1\n")])
    #expect(a == b)
    #expect(a.contains("case \"a.json\": return file0"))
    #expect(a.contains("case \"b.yaml\": return file1"))
    #expect(a.contains("static let names: [String] = [\n    \"a.json\",\n    \"b.yaml\",\n  ]"))
    // The literal holds the text exactly: the file's own trailing newline is kept, none added.
    #expect(a.contains("file1 = #\"\"\"\nb: 1\n\n\"\"\"#\n"))
    #expect(a.contains("file0 = #\"\"\"\n{}\n\"\"\"#\n"))
  }

  @Test func contentThatLooksLikeADelimiterGetsALongerOne() throws {
    let source = try SourceGenerator.source(for: [file("tricky.txt", "say \"\"\"# and \\#(x)\n")])
    #expect(source.contains("file0 = ##\"\"\"\nsay \"\"\"# and \\#(x)\n\n\"\"\"##\n"))
  }

  @Test func whatALiteralCannotHoldIsRefusedNamingTheFile() {
    #expect(throws: EmbedError.notUTF8(name: "bin.dat")) {
      try SourceGenerator.source(for: [EmbeddedFile(name: "bin.dat", bytes: [0xFF, 0xFE])])
    }
    #expect(throws: EmbedError.controlCharacter(name: "dos.txt", line: 2)) {
      try SourceGenerator.source(for: [file("dos.txt", "one\ntwo\r\n")])
    }
    #expect(throws: EmbedError.duplicateName("x")) {
      try SourceGenerator.source(for: [file("x", "1"), file("x", "2")])
    }
  }

  @Test func namesAreQuotedAsSwiftStrings() {
    #expect(SourceGenerator.quoted(#"dir/a"b\c"#) == #""dir/a\"b\\c""#)
  }
}
