/// Finds where a line stops being JSON, to say more than "not valid JSON" in an error message.
///
/// Used only on lines the decoder already refused, so its speed does not matter. Nesting deeper
/// than ``maxDepth`` is reported rather than recursed into.
struct JSONSyntaxCheck {
  static let maxDepth = 512

  private let bytes: UnsafeRawBufferPointer
  private var index = 0

  /// A description of the first syntax error with its 1-based column, or nil when the line parses.
  static func firstError(in line: UnsafeRawBufferPointer) -> String? {
    var check = JSONSyntaxCheck(bytes: line)
    do throws(Failure) {
      check.space()
      try check.value(depth: 0)
      check.space()
      if check.index < line.count { throw check.fail("unexpected text after the JSON value") }
      return nil
    } catch {
      return error.message
    }
  }

  private init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

  private struct Failure: Error { var message: String }

  private func fail(_ what: String) -> Failure {
    if index >= bytes.count {
      return Failure(message: "\(what) at the end of the line (column \(index + 1))")
    }
    let byte = bytes[index]
    let shown =
      byte >= 0x20 && byte < 0x7F
      ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
    return Failure(message: "\(what) at column \(index + 1) (\(shown))")
  }

  private mutating func space() {
    while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
  }

  private mutating func value(depth: Int) throws(Failure) {
    guard depth < Self.maxDepth else { throw fail("nesting deeper than \(Self.maxDepth) levels") }
    guard index < bytes.count else { throw fail("expected a value") }
    switch bytes[index] {
    case UInt8(ascii: "{"): try container(close: UInt8(ascii: "}"), keyed: true, depth: depth)
    case UInt8(ascii: "["): try container(close: UInt8(ascii: "]"), keyed: false, depth: depth)
    case UInt8(ascii: "\""): try string()
    case UInt8(ascii: "t"): try literal("true")
    case UInt8(ascii: "f"): try literal("false")
    case UInt8(ascii: "n"): try literal("null")
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
    default: throw fail("expected a value")
    }
  }

  private mutating func container(close: UInt8, keyed: Bool, depth: Int) throws(Failure) {
    index += 1
    space()
    if index < bytes.count, bytes[index] == close {
      index += 1
      return
    }
    while true {
      space()
      if keyed {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
          throw fail("expected a quoted key")
        }
        try string()
        space()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':'") }
        index += 1
        space()
      }
      try value(depth: depth + 1)
      space()
      guard index < bytes.count else {
        throw fail(keyed ? "an object is not closed" : "an array is not closed")
      }
      if bytes[index] == close {
        index += 1
        return
      }
      guard bytes[index] == UInt8(ascii: ",") else {
        throw fail("expected ',' or '\(Character(Unicode.Scalar(close)))'")
      }
      index += 1
    }
  }

  private mutating func string() throws(Failure) {
    index += 1
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        index += 1
        return
      }
      if byte < 0x20 { throw fail("control character inside a string") }
      if byte == UInt8(ascii: "\\") { index += 1 }
      index += 1
    }
    throw fail("a string is not closed")
  }

  private mutating func literal(_ word: StaticString) throws(Failure) {
    let n = word.utf8CodeUnitCount
    guard bytes.count - index >= n, memcmp(bytes.baseAddress! + index, word.utf8Start, n) == 0 else {
      throw fail("expected a value")
    }
    index += n
  }

  private mutating func number() throws(Failure) {
    if bytes[index] == UInt8(ascii: "-") { index += 1 }
    guard digits() > 0 else { throw fail("expected digits") }
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      guard digits() > 0 else { throw fail("expected digits after '.'") }
    }
    if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
        index += 1
      }
      guard digits() > 0 else { throw fail("expected exponent digits") }
    }
  }

  private mutating func digits() -> Int {
    let start = index
    while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
    return index - start
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
