/// A JSON parser for a strict subset of JSON, for the fast paths: a line it parses is one that
/// `JSONDecoder` parses to the same values; a line outside the subset is declined (nil) and goes to
/// `JSONDecoder`, which also words every error.
///
/// Outside the subset: any byte at or above 0x80 (so no UTF-8 needs checking), an escape that
/// stands for a surrogate (`\uD800`–`\uDFFF`), an object key with an escape, nesting deeper than
/// ``maxDepth``, and anything that is not JSON. Values are kept as byte ranges of the line; a
/// number is read only when asked (``StrictJSONSubset/Value/int64(in:)``).
/// - Complexity: one pass over the line; an array per object and per array.
struct StrictJSONSubset {
  static let maxDepth = 32

  /// A parsed value; ranges index the line.
  indirect enum Value {
    case object([Member])
    case array([Value])
    /// A string's bytes between its quotes; `escaped` when they hold a backslash escape.
    case string(Range<Int>, escaped: Bool)
    case number(Range<Int>)
    case bool(Bool)
    case null
  }

  struct Member {
    var key: Range<Int>
    var value: Value
  }

  private let base: UnsafeRawPointer
  private let count: Int
  private var index = 0

  /// The value that is the whole of `line` (white space around it allowed), or nil when the line
  /// is outside the subset.
  static func parse(_ line: UnsafeRawBufferPointer) -> Value? {
    guard let base = line.baseAddress else { return nil }
    var parser = StrictJSONSubset(base: base, count: line.count)
    parser.skipSpace()
    guard let value = parser.value(depth: 0) else { return nil }
    parser.skipSpace()
    return parser.index == parser.count ? value : nil
  }

  private init(base: UnsafeRawPointer, count: Int) {
    self.base = base
    self.count = count
  }

  @inline(__always) private func byte(_ i: Int) -> UInt8 { base.load(fromByteOffset: i, as: UInt8.self) }

  private mutating func skipSpace() {
    while index < count {
      let b = byte(index)
      guard b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D else { return }
      index += 1
    }
  }

  private mutating func value(depth: Int) -> Value? {
    guard depth < Self.maxDepth, index < count else { return nil }
    switch byte(index) {
    case UInt8(ascii: "{"): return object(depth: depth)
    case UInt8(ascii: "["): return array(depth: depth)
    case UInt8(ascii: "\""):
      index += 1
      guard let (range, escaped) = string() else { return nil }
      return .string(range, escaped: escaped)
    case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
    case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
    case UInt8(ascii: "n"): return literal("null") ? .null : nil
    default: return number().map { .number($0) }
    }
  }

  private mutating func object(depth: Int) -> Value? {
    index += 1
    var members: [Member] = []
    skipSpace()
    if index < count, byte(index) == UInt8(ascii: "}") {
      index += 1
      return .object(members)
    }
    while true {
      skipSpace()
      guard index < count, byte(index) == UInt8(ascii: "\"") else { return nil }
      index += 1
      guard let (key, escaped) = string(), !escaped else { return nil }
      skipSpace()
      guard index < count, byte(index) == UInt8(ascii: ":") else { return nil }
      index += 1
      skipSpace()
      guard let value = value(depth: depth + 1) else { return nil }
      members.append(Member(key: key, value: value))
      skipSpace()
      guard index < count else { return nil }
      let separator = byte(index)
      index += 1
      if separator == UInt8(ascii: "}") { return .object(members) }
      guard separator == UInt8(ascii: ",") else { return nil }
    }
  }

  private mutating func array(depth: Int) -> Value? {
    index += 1
    var elements: [Value] = []
    skipSpace()
    if index < count, byte(index) == UInt8(ascii: "]") {
      index += 1
      return .array(elements)
    }
    while true {
      skipSpace()
      guard let element = value(depth: depth + 1) else { return nil }
      elements.append(element)
      skipSpace()
      guard index < count else { return nil }
      let separator = byte(index)
      index += 1
      if separator == UInt8(ascii: "]") { return .array(elements) }
      guard separator == UInt8(ascii: ",") else { return nil }
    }
  }

  /// A string body after its opening quote: its range and whether it holds an escape; the cursor
  /// ends after the closing quote.
  private mutating func string() -> (Range<Int>, Bool)? {
    let start = index
    var escaped = false
    while index < count {
      let b = byte(index)
      if b == UInt8(ascii: "\"") {
        index += 1
        return (start..<(index - 1), escaped)
      }
      guard b >= 0x20, b < 0x80 else { return nil }
      if b == UInt8(ascii: "\\") {
        escaped = true
        index += 1
        guard index < count else { return nil }
        switch byte(index) {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
          UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
          index += 1
        case UInt8(ascii: "u"):
          guard let unit = hex4(at: index + 1), !(0xD800...0xDFFF).contains(unit) else { return nil }
          index += 5
        default:
          return nil
        }
        continue
      }
      index += 1
    }
    return nil
  }

  private func hex4(at start: Int) -> Int? {
    guard start + 4 <= count else { return nil }
    var value = 0
    for offset in start..<(start + 4) {
      let b = byte(offset)
      let digit: UInt8
      switch b {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
      default: return nil
      }
      value = value * 16 + Int(digit)
    }
    return value
  }

  private mutating func literal(_ text: StaticString) -> Bool {
    let n = text.utf8CodeUnitCount
    guard count - index >= n, memcmp(base + index, text.utf8Start, n) == 0 else { return false }
    index += n
    return true
  }

  /// A number (``JSONNumberText``): its range.
  private mutating func number() -> Range<Int>? {
    guard let end = JSONNumberText.end(in: base, count: count, from: index) else { return nil }
    defer { index = end }
    return index..<end
  }
}

/// Reading parsed values back out of their line.
extension StrictJSONSubset.Value {
  /// The members of an object; nil for any other value.
  var members: [StrictJSONSubset.Member]? {
    guard case .object(let members) = self else { return nil }
    return members
  }

  var isNull: Bool {
    if case .null = self { return true }
    return false
  }

  /// A string without escapes, as text; nil for an escaped string or any other value.
  func plainString(in line: UnsafeRawBufferPointer) -> String? {
    guard case .string(let range, escaped: false) = self else { return nil }
    return String(decoding: UnsafeRawBufferPointer(rebasing: line[range]), as: UTF8.self)
  }

  /// Whether this is a string without escapes spelling `text`.
  func isPlainString(_ text: StaticString, in line: UnsafeRawBufferPointer) -> Bool {
    guard case .string(let range, escaped: false) = self, range.count == text.utf8CodeUnitCount else {
      return false
    }
    return memcmp(line.baseAddress! + range.lowerBound, text.utf8Start, range.count) == 0
  }

  /// A number written as a whole number of at most 18 digits (`-?[0-9]+`), as `JSONDecoder` reads
  /// it into an `Int64`; nil for any other number or value.
  func int64(in line: UnsafeRawBufferPointer) -> Int64? {
    guard case .number(let range) = self else { return nil }
    var digits = range
    var negative = false
    if line[digits.lowerBound] == UInt8(ascii: "-") {
      negative = true
      digits = (digits.lowerBound + 1)..<digits.upperBound
    }
    guard (1...18).contains(digits.count) else { return nil }
    var value: Int64 = 0
    for i in digits {
      let digit = line[i] &- UInt8(ascii: "0")
      guard digit < 10 else { return nil }
      value = value * 10 + Int64(digit)
    }
    return negative ? -value : value
  }

  /// A number as `Double` (what `Double(text)` reads); nil when it is not finite or not a number.
  func double(in line: UnsafeRawBufferPointer) -> Double? {
    guard case .number(let range) = self else { return nil }
    return JSONNumberText.double(UnsafeRawBufferPointer(rebasing: line[range]))
  }
}

/// What looking a key up in an object found.
enum MemberLookup {
  case absent
  /// The key appears more than once: which of the two a decoder keeps is not the fast path's to
  /// guess, so the caller declines.
  case repeated
  case found(StrictJSONSubset.Value)
}

extension [StrictJSONSubset.Member] {
  /// The member named `key`.
  func lookup(_ key: StaticString, in line: UnsafeRawBufferPointer) -> MemberLookup {
    var found: StrictJSONSubset.Value?
    for member in self where member.key.count == key.utf8CodeUnitCount {
      guard memcmp(line.baseAddress! + member.key.lowerBound, key.utf8Start, member.key.count) == 0 else {
        continue
      }
      if found != nil { return .repeated }
      found = member.value
    }
    return found.map { .found($0) } ?? .absent
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
