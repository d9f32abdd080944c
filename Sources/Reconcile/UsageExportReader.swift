public import Billing
internal import CSVFormat
import Foundation

/// Reads OpenAI usage exports: the Usage API's JSON pages (`GET /v1/organization/usage/completions`)
/// and the dashboard's CSV export of the same results.
///
/// JSON: one page (`{"object": "page", "data": [buckets]}`), a list of pages, or JSON Lines of pages;
/// each bucket's `start_time` (Unix seconds) gives the day of its results. CSV: a header naming the
/// result fields, a `start_time` (Unix seconds, `1730419200.0` too) or `start_time_iso`/`date` column,
/// and counts that may be written as floats (`59200.0`; a fraction is an error); rows for empty days
/// (no counts) are kept as empty days; a (day, model) on several rows is summed later.
public enum UsageExportReader {
  /// The records of the export at `path`, in file order.
  public static func read(path: String) throws(ReconcileError) -> [UsageRecord] {
    let text = try ExportFile.text(path)
    return path.lowercased().hasSuffix(".csv") ? try csv(text, file: path) : try json(text, file: path)
  }

  /// Records of Usage API pages.
  public static func json(_ text: String, file: String) throws(ReconcileError) -> [UsageRecord] {
    var records: [UsageRecord] = []
    for (pageName, page) in try ExportFile.pages(text, file: file) {
      let data = try ExportFile.array(page["data"], "\(pageName)data", file: file)
      for (bucketIndex, bucketValue) in data.enumerated() {
        let bucketPath = "\(pageName)data[\(bucketIndex)]"
        let bucket = try ExportFile.object(bucketValue, bucketPath, file: file)
        let start = try ExportFile.count(bucket["start_time"], bucketPath + ".start_time", file: file)
        let day = CalendarDay(epochSeconds: start)
        let results = try ExportFile.array(
          bucket["results"] ?? bucket["result"], bucketPath + ".results", file: file)
        for (resultIndex, value) in results.enumerated() {
          let path = "\(bucketPath).results[\(resultIndex)]"
          let result = try ExportFile.object(value, path, file: file)
          var fields: [UsageRecord.Field: Int64] = [:]
          for field in UsageRecord.Field.allCases {
            if let count = try ExportFile.optionalCount(
              result[field.rawValue], "\(path).\(field.rawValue)", file: file)
            {
              fields[field] = count
            }
          }
          records.append(
            UsageRecord(
              location: "\(file): \(path)", day: day, model: result["model"] as? String,
              projectID: result["project_id"] as? String, fields: fields))
        }
      }
    }
    return records
  }

  /// Records of the dashboard's CSV export.
  public static func csv(_ text: String, file: String) throws(ReconcileError) -> [UsageRecord] {
    let table: CSVTable
    do { table = try CSVTable.parse(text, file: file) } catch { throw ReconcileError(error.message) }
    let time = table.column("start_time") ?? table.column("start_time_iso") ?? table.column("date")
    guard let time else {
      throw ReconcileError(
        "\(file):1: no start_time, start_time_iso or date column (columns: \(table.header.joined(separator: ", ")))"
      )
    }
    let columns = UsageRecord.Field.allCases.compactMap { field in
      table.column(field.rawValue).map { (field, $0) }
    }
    guard columns.contains(where: { $0.0 == .inputTokens }) else {
      throw ReconcileError("\(file):1: no input_tokens column: not a completions usage export")
    }
    let model = table.column("model")
    let project = table.column("project_id")
    var records: [UsageRecord] = []
    for (line, row) in table.records {
      let stamp = row[time].trimmingSpaces
      guard let day = ExportFile.day(stamp) else {
        throw ReconcileError(
          "\(file):\(line): \(table.header[time]): not a Unix time or a date, got '\(stamp)'")
      }
      var fields: [UsageRecord.Field: Int64] = [:]
      for (field, column) in columns {
        let text = row[column].trimmingSpaces
        guard !text.isEmpty else { continue }
        guard let count = ExportFile.wholeCount(text) else {
          throw ReconcileError(
            "\(file):\(line): \(field.rawValue): must be a whole count >= 0, got '\(text)'")
        }
        fields[field] = count
      }
      let modelName = model.map { row[$0].trimmingSpaces }.flatMap { $0.isEmpty ? nil : $0 }
      let projectID = project.map { row[$0].trimmingSpaces }.flatMap { $0.isEmpty ? nil : $0 }
      records.append(
        UsageRecord(
          location: "\(file):\(line)", day: day, model: modelName, projectID: projectID, fields: fields))
    }
    return records
  }
}

/// Reading export files: bytes, JSON pages, typed values naming their key path.
enum ExportFile {
  static let maximumBytes = 256 << 20

  static func text(_ path: String) throws(ReconcileError) -> String {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw ReconcileError("\(path): no such file")
    }
    guard !isDirectory.boolValue else { throw ReconcileError("\(path): is a folder, not a file") }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ReconcileError("\(path): cannot be read")
    }
    guard data.count <= maximumBytes else { throw ReconcileError("\(path): larger than 256 MiB") }
    guard let text = String(data: data, encoding: .utf8) else {
      throw ReconcileError("\(path): not UTF-8 text")
    }
    return text
  }

  /// The pages of a JSON export: one page, a list of pages, or JSON Lines of pages, each named for errors.
  static func pages(_ text: String, file: String) throws(ReconcileError) -> [(String, [String: Any])] {
    let data = Data(text.utf8)
    if let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) {
      if let page = value as? [String: Any] { return [("", page)] }
      if let list = value as? [Any] {
        return try list.enumerated().map { index, page throws(ReconcileError) in
          ("[\(index)].", try object(page, "[\(index)]", file: file))
        }
      }
      throw ReconcileError("\(file): not a usage export: expected a page object or a list of pages")
    }
    var pages: [(String, [String: Any])] = []
    for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    where !line.trimmingCharacters(in: .whitespaces).isEmpty {
      guard let value = try? JSONSerialization.jsonObject(with: Data(line.utf8)),
        let page = value as? [String: Any]
      else {
        throw ReconcileError("\(file):\(offset + 1): not JSON (a page object per line, or one JSON document)")
      }
      pages.append(("line \(offset + 1): ", page))
    }
    guard !pages.isEmpty else { throw ReconcileError("\(file): the file is empty") }
    return pages
  }

  static func object(_ value: Any?, _ path: String, file: String) throws(ReconcileError) -> [String: Any] {
    guard let object = value as? [String: Any] else {
      throw ReconcileError("\(file): \(path): must be an object")
    }
    return object
  }

  static func array(_ value: Any?, _ path: String, file: String) throws(ReconcileError) -> [Any] {
    guard let array = value as? [Any] else { throw ReconcileError("\(file): \(path): must be a list") }
    return array
  }

  /// A JSON number that is a whole count ≥ 0 (`59200` or `59200.0`).
  static func count(_ value: Any?, _ path: String, file: String) throws(ReconcileError) -> Int64 {
    guard let number = value as? NSNumber, String(cString: number.objCType) != "c",
      let count = wholeCount(number.doubleValue)
    else { throw ReconcileError("\(file): \(path): must be a whole count >= 0") }
    return count
  }

  static func optionalCount(_ value: Any?, _ path: String, file: String) throws(ReconcileError) -> Int64? {
    if value == nil || value is NSNull { return nil }
    return try count(value, path, file: file)
  }

  static func wholeCount(_ value: Double) -> Int64? {
    guard value.isFinite, value >= 0, value == value.rounded(), value < 9.0e15 else { return nil }
    return Int64(value)
  }

  /// A count written as an integer or a whole float (`59200`, `59200.0`).
  static func wholeCount(_ text: String) -> Int64? {
    if let integer = Int64(text), integer >= 0 { return integer }
    guard let value = Double(text) else { return nil }
    return wholeCount(value)
  }

  /// A day from a Unix time in seconds (`1730419200`, `1730419200.0`) or a date (`2024-11-01`,
  /// `2024-11-01T00:00:00Z`).
  static func day(_ text: String) -> CalendarDay? {
    if let day = CalendarDay(text) { return day }
    guard let seconds = Double(text), seconds.isFinite, abs(seconds) < 1.0e12 else { return nil }
    return CalendarDay(epochSeconds: Int64(seconds.rounded(.down)))
  }
}
