/// The decoded size of a base64 payload from its length alone (DESIGN §1: `3L/4 − p`).
enum Base64Size {
  /// Decoded bytes of a base64 text of `length` characters ending in `padding` `=` characters
  /// (count up to 3 so that too much padding is caught); nil when no valid encoding has that shape.
  ///
  /// Unpadded text is accepted: a final group of 2 or 3 characters carries 1 or 2 bytes.
  /// A final group of 1 character carries no whole byte and is refused. Characters are not
  /// checked against the alphabet: that would need a pass over the payload, which the fast
  /// path exists to avoid.
  static func decodedBytes(length: Int, padding: Int) -> Int64? {
    guard length % 4 != 1, padding <= 2 else { return nil }
    let bytes = Int64(length) * 3 / 4 - Int64(padding)
    return bytes >= 0 ? bytes : nil
  }

  /// Decoded bytes of a payload held as a string.
  static func decodedBytes(of text: String) -> Int64? {
    let utf8 = text.utf8
    var padding = 0
    var index = utf8.endIndex
    while padding < 3, index > utf8.startIndex {
      index = utf8.index(before: index)
      guard utf8[index] == UInt8(ascii: "=") else { break }
      padding += 1
    }
    return decodedBytes(length: utf8.count, padding: padding)
  }

  /// The base64 length of `bytes` decoded bytes, padded: `4·⌈n/3⌉`.
  static func encodedLength(ofBytes bytes: Int64) -> Int64 { (bytes + 2) / 3 * 4 }
}
