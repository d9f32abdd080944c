/// Appends JSON text to a byte buffer: escaped strings, integers, exact decimals.
struct JSONBytes {
  var bytes: [UInt8] = []

  mutating func raw(_ text: StaticString) {
    text.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

  /// A JSON string literal with `"`, `\` and control characters escaped.
  mutating func string(_ text: String) {
    bytes.append(UInt8(ascii: "\""))
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""): raw("\\\"")
      case UInt8(ascii: "\\"): raw("\\\\")
      case 0x0A: raw("\\n")
      case 0x0D: raw("\\r")
      case 0x09: raw("\\t")
      case 0..<0x20:
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        raw("\\u00")
        bytes.append(hex[Int(byte >> 4)])
        bytes.append(hex[Int(byte & 0xF)])
      default: bytes.append(byte)
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }

  mutating func int<T: BinaryInteger>(_ value: T) { raw(String(value)) }

  /// A `Double` in Swift's shortest round-tripping form (`0.5`, `1e-07`).
  mutating func double(_ value: Double) { raw(value.description) }

  mutating func bool(_ value: Bool) { value ? raw("true") : raw("false") }

  /// `micros` as exact decimal seconds: `12.345` for 12,345,000 µs, `0` for 0.
  mutating func seconds(micros: Int64) { raw(SecondsText.format(micros: micros)) }

  /// A base64 string literal that decodes to `count` zero bytes, written without building a String.
  mutating func base64Zeros(count: Int64) {
    bytes.append(UInt8(ascii: "\""))
    let groups = Int(count / 3)
    bytes.append(contentsOf: repeatElement(UInt8(ascii: "A"), count: groups * 4))
    switch count % 3 {
    case 1: raw("AA==")
    case 2: raw("AAA=")
    default: break
    }
    bytes.append(UInt8(ascii: "\""))
  }
}

/// Writes one JSON object member by member, placing the commas.
struct JSONObjectWriter {
  private var first = true

  mutating func key(_ name: StaticString, _ out: inout JSONBytes) {
    if !first { out.bytes.append(UInt8(ascii: ",")) }
    first = false
    out.bytes.append(UInt8(ascii: "\""))
    out.raw(name)
    out.raw("\":")
  }
}
