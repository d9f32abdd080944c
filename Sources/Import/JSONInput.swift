import Foundation

/// Reading another tool's JSON: the file, parsed, with typed access that names the key path of any
/// value of the wrong kind.
struct JSONInput {
  /// The file's name as given, for errors.
  let file: String

  /// Parses `bytes` as one JSON value.
  static func parse(_ bytes: [UInt8], file: String) throws(ImportError) -> Any {
    do {
      return try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
    } catch {
      throw ImportError("\(file): not JSON: \(Self.describe(error))")
    }
  }

  /// Parses each non-blank line of `bytes` as a JSON value, with its 1-based line number.
  static func parseLines(_ bytes: [UInt8], file: String) throws(ImportError) -> [(line: Int, value: Any)] {
    var values: [(Int, Any)] = []
    var line = 0
    for slice in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
      line += 1
      guard slice.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") && $0 != 9 }) else {
        continue
      }
      do {
        values.append(
          (line, try JSONSerialization.jsonObject(with: Data(slice), options: [.fragmentsAllowed])))
      } catch {
        throw ImportError("\(file):\(line): not JSON: \(Self.describe(error))")
      }
    }
    return values
  }

  /// Foundation's message, first line only.
  static func describe(_ error: any Error) -> String {
    let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
    return text.split(separator: "\n").first.map(String.init) ?? text
  }

  /// JSON text of a value parsed by JSONSerialization (for the Realtime event decoder).
  static func text(_ value: Any) -> String? {
    guard JSONSerialization.isValidJSONObject(value),
      let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])
    else { return nil }
    return String(decoding: data, as: UTF8.self)
  }

  static func object(_ value: Any?, _ path: String, file: String) throws(ImportError) -> [String: Any] {
    guard let object = value as? [String: Any] else {
      throw ImportError("\(file): \(path): must be an object")
    }
    return object
  }

  static func array(_ value: Any?, _ path: String, file: String) throws(ImportError) -> [Any] {
    guard let array = value as? [Any] else { throw ImportError("\(file): \(path): must be a list") }
    return array
  }

  static func string(_ value: Any?, _ path: String, file: String) throws(ImportError) -> String {
    guard let text = value as? String else { throw ImportError("\(file): \(path): must be a string") }
    return text
  }

  /// A finite number (not a boolean).
  static func number(_ value: Any?, _ path: String, file: String) throws(ImportError) -> Double {
    // JSONSerialization gives booleans as NSNumbers of type `c`.
    guard let number = value as? NSNumber, String(cString: number.objCType) != "c",
      number.doubleValue.isFinite
    else { throw ImportError("\(file): \(path): must be a number") }
    return number.doubleValue
  }

  /// A whole, non-negative count (`12`, also written `12.0`).
  static func count(_ value: Any?, _ path: String, file: String) throws(ImportError) -> Int64 {
    let number = try Self.number(value, path, file: file)
    guard number >= 0, number == number.rounded(), number < 9.0e15 else {
      throw ImportError("\(file): \(path): must be a whole number >= 0, got \(number)")
    }
    return Int64(number)
  }

  /// A count when present (absent or null: nil).
  static func optionalCount(_ value: Any?, _ path: String, file: String) throws(ImportError) -> Int64? {
    if value == nil || value is NSNull { return nil }
    return try count(value, path, file: file)
  }
}
