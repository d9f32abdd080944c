/// Finds the bytes of the event object in one recording line, as written, without decoding it: the
/// value of `event` in a timed line `{"t":…,"dir":…,"event":{…}}`, or the whole object of a bare line.
/// `rtcost serve` sends these bytes, so an app receives exactly what the recording holds.
enum RecordingLineSlicer {
  /// The event's bytes in `line` (a line the recording reader accepted), or nil if none is found.
  static func event(in line: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
    var index = line.startIndex
    skipSpace(line, &index)
    guard index < line.endIndex, line[index] == UInt8(ascii: "{") else { return nil }
    let objectStart = index
    index += 1
    var sawType = false
    while index < line.endIndex {
      skipSpace(line, &index)
      guard index < line.endIndex else { return nil }
      if line[index] == UInt8(ascii: "}") { break }
      if line[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      guard line[index] == UInt8(ascii: "\"") else { return nil }
      let keyStart = index + 1
      guard skipString(line, &index) else { return nil }
      let key = line[keyStart..<(index - 1)]
      skipSpace(line, &index)
      guard index < line.endIndex, line[index] == UInt8(ascii: ":") else { return nil }
      index += 1
      skipSpace(line, &index)
      let valueStart = index
      guard skipValue(line, &index) else { return nil }
      if key.elementsEqual("event".utf8) { return line[valueStart..<index] }
      if key.elementsEqual("type".utf8) { sawType = true }
    }
    guard sawType else { return nil }
    var end = line.endIndex
    while end > objectStart, [0x20, 0x09, 0x0D, 0x0A].contains(line[end - 1]) { end -= 1 }
    return line[objectStart..<end]
  }

  private static func skipSpace(_ line: ArraySlice<UInt8>, _ index: inout Int) {
    while index < line.endIndex, [0x20, 0x09, 0x0D, 0x0A].contains(line[index]) { index += 1 }
  }

  /// Skips a string starting at its opening quote; `index` ends after the closing quote.
  private static func skipString(_ line: ArraySlice<UInt8>, _ index: inout Int) -> Bool {
    index += 1
    while index < line.endIndex {
      switch line[index] {
      case UInt8(ascii: "\""):
        index += 1
        return true
      case UInt8(ascii: "\\"):
        index += 2
      default:
        index += 1
      }
    }
    return false
  }

  private static func skipValue(_ line: ArraySlice<UInt8>, _ index: inout Int) -> Bool {
    guard index < line.endIndex else { return false }
    switch line[index] {
    case UInt8(ascii: "\""):
      return skipString(line, &index)
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      var depth = 0
      while index < line.endIndex {
        switch line[index] {
        case UInt8(ascii: "\""):
          guard skipString(line, &index) else { return false }
          continue
        case UInt8(ascii: "{"), UInt8(ascii: "["):
          depth += 1
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
          depth -= 1
          if depth == 0 {
            index += 1
            return true
          }
        default:
          break
        }
        index += 1
      }
      return false
    default:
      while index < line.endIndex, ![UInt8(ascii: ","), UInt8(ascii: "}"), 0x20, 0x09].contains(line[index]) {
        index += 1
      }
      return true
    }
  }
}
