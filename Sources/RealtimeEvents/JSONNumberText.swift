/// JSON numbers as the fast paths read them: where one ends, and its value.
enum JSONNumberText {
  /// The end of the number that starts at `start` in the `count` bytes at `base`, by the grammar
  /// `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`; nil when the bytes there are not a number.
  static func end(in base: UnsafeRawPointer, count: Int, from start: Int) -> Int? {
    func byte(_ i: Int) -> UInt8 { base.load(fromByteOffset: i, as: UInt8.self) }
    func digits(from i: Int) -> Int {
      var end = i
      while end < count, byte(end) &- UInt8(ascii: "0") < 10 { end += 1 }
      return end
    }
    var index = start
    if index < count, byte(index) == UInt8(ascii: "-") { index += 1 }
    guard index < count else { return nil }
    if byte(index) == UInt8(ascii: "0") {
      index += 1
    } else {
      let end = digits(from: index)
      guard end > index else { return nil }
      index = end
    }
    if index < count, byte(index) == UInt8(ascii: ".") {
      let end = digits(from: index + 1)
      guard end > index + 1 else { return nil }
      index = end
    }
    if index < count, byte(index) | 0x20 == UInt8(ascii: "e") {
      index += 1
      if index < count, byte(index) == UInt8(ascii: "+") || byte(index) == UInt8(ascii: "-") { index += 1 }
      let end = digits(from: index)
      guard end > index else { return nil }
      index = end
    }
    return index
  }

  /// The value of a number's text as `Double(text)` reads it (as the full decoder reads a `Double`);
  /// nil when it is not finite.
  static func double(_ text: UnsafeRawBufferPointer) -> Double? {
    guard let value = Double(String(decoding: text, as: UTF8.self)), value.isFinite else { return nil }
    return value
  }
}
