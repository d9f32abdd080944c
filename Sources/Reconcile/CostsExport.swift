public import Billing
internal import CSVFormat
import Foundation

/// One result of an OpenAI costs export (`organization.costs.result`: the Costs API's JSON pages or
/// the dashboard's cost CSV): an amount on a day, for a line item.
public struct CostRecord: Sendable, Equatable {
  public var location: String
  public var day: CalendarDay
  /// As written (`gpt-realtime-2025-08-28, cached audio input`), nil when not grouped by line item.
  public var lineItem: String?
  public var projectID: String?
  /// USD, from the export's float rounded to the pico-dollar.
  public var amount: Money
  public var currency: String
}

/// What a line item names: a model and a billing category, when the text says.
///
/// OpenAI does not document its line-item names (DESIGN §7.5 UNCERTAIN); the dashboard's read
/// `<model>, <kind>`. The kinds understood are ``kinds``; anything else is compared only in the day's
/// total.
public struct LineItem: Sendable, Equatable, Hashable {
  public var model: String?
  public var category: TokenCategory?

  /// Kind names (lowercased, `_` as space) and the category each bills.
  public static let kinds: [(String, TokenCategory)] = [
    ("input", .textIn), ("text input", .textIn), ("input tokens", .textIn),
    ("cached input", .textInCached), ("cached text input", .textInCached),
    ("input cached tokens", .textInCached),
    ("output", .textOut), ("text output", .textOut), ("output tokens", .textOut),
    ("audio input", .audioIn), ("input audio tokens", .audioIn),
    ("cached audio input", .audioInCached), ("input cached audio tokens", .audioInCached),
    ("audio output", .audioOut), ("output audio tokens", .audioOut),
    ("image input", .imageIn), ("input image tokens", .imageIn),
    ("cached image input", .imageInCached), ("input cached image tokens", .imageInCached),
  ]

  /// Parses `model, kind`, or a kind alone.
  public init(_ text: String) {
    let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
      String($0).trimmingCharacters(in: .whitespaces)
    }
    func kind(_ text: String) -> TokenCategory? {
      let key = text.lowercased().replacingOccurrences(of: "_", with: " ")
      return Self.kinds.first { $0.0 == key }?.1
    }
    if parts.count >= 2, let category = kind(parts[parts.count - 1]) {
      model = parts.dropLast().joined(separator: ",")
      self.category = category
    } else if let category = kind(text.trimmingCharacters(in: .whitespaces)) {
      model = nil
      self.category = category
    } else {
      model = parts.count >= 2 ? parts.dropLast().joined(separator: ",") : nil
      category = nil
    }
  }
}

/// Reads costs exports.
public enum CostsExportReader {
  public static func read(path: String) throws(ReconcileError) -> [CostRecord] {
    let text = try ExportFile.text(path)
    return path.lowercased().hasSuffix(".csv") ? try csv(text, file: path) : try json(text, file: path)
  }

  /// Costs API pages: buckets of `{amount: {value, currency}, line_item, project_id}` results.
  public static func json(_ text: String, file: String) throws(ReconcileError) -> [CostRecord] {
    var records: [CostRecord] = []
    for (pageName, page) in try ExportFile.pages(text, file: file) {
      let data = try ExportFile.array(page["data"], "\(pageName)data", file: file)
      for (bucketIndex, bucketValue) in data.enumerated() {
        let bucketPath = "\(pageName)data[\(bucketIndex)]"
        let bucket = try ExportFile.object(bucketValue, bucketPath, file: file)
        let start = try ExportFile.count(bucket["start_time"], bucketPath + ".start_time", file: file)
        let results = try ExportFile.array(
          bucket["results"] ?? bucket["result"], bucketPath + ".results", file: file)
        for (index, value) in results.enumerated() {
          let path = "\(bucketPath).results[\(index)]"
          let result = try ExportFile.object(value, path, file: file)
          let amount = try ExportFile.object(result["amount"], path + ".amount", file: file)
          guard let number = amount["value"] as? NSNumber, String(cString: number.objCType) != "c",
            let money = MoneyText.money(number.doubleValue)
          else { throw ReconcileError("\(file): \(path).amount.value: must be a number") }
          records.append(
            CostRecord(
              location: "\(file): \(path)", day: CalendarDay(epochSeconds: start),
              lineItem: result["line_item"] as? String, projectID: result["project_id"] as? String,
              amount: money,
              currency: (amount["currency"] as? String ?? "usd").lowercased()))
        }
      }
    }
    return records
  }

  /// The dashboard's cost CSV: a day column (`start_time`, `start_time_iso`, `date`), `line_item`,
  /// an amount column (`amount_value`, `amount`, `cost`) and optionally `currency` and `project_id`.
  public static func csv(_ text: String, file: String) throws(ReconcileError) -> [CostRecord] {
    let table: CSVTable
    do { table = try CSVTable.parse(text, file: file) } catch { throw ReconcileError(error.message) }
    guard let time = table.column("start_time") ?? table.column("start_time_iso") ?? table.column("date")
    else {
      throw ReconcileError("\(file):1: no start_time, start_time_iso or date column")
    }
    guard let amountColumn = table.column("amount_value") ?? table.column("amount") ?? table.column("cost")
    else {
      throw ReconcileError("\(file):1: no amount_value, amount or cost column")
    }
    let item = table.column("line_item")
    let currency = table.column("currency") ?? table.column("amount_currency")
    let project = table.column("project_id")
    var records: [CostRecord] = []
    for (line, row) in table.records {
      let stamp = row[time].trimmingSpaces
      guard let day = ExportFile.day(stamp) else {
        throw ReconcileError(
          "\(file):\(line): \(table.header[time]): not a Unix time or a date, got '\(stamp)'")
      }
      let amountText = row[amountColumn].trimmingSpaces
      if amountText.isEmpty { continue }  // an empty day
      guard let money = MoneyText.money(amountText) else {
        throw ReconcileError(
          "\(file):\(line): \(table.header[amountColumn]): must be an amount in USD, got '\(amountText)'")
      }
      let lineItem = item.map { row[$0].trimmingSpaces }.flatMap { $0.isEmpty ? nil : $0 }
      records.append(
        CostRecord(
          location: "\(file):\(line)", day: day, lineItem: lineItem,
          projectID: project.map { row[$0].trimmingSpaces }.flatMap { $0.isEmpty ? nil : $0 }, amount: money,
          currency: currency.map { row[$0].trimmingSpaces.lowercased() }.flatMap { $0.isEmpty ? nil : $0 }
            ?? "usd"))
    }
    return records
  }
}

/// Amounts written as floats, to exact pico-dollars.
enum MoneyText {
  /// `0.06`, `1.2e-05`, `-3.5`: rounded half away from zero to 12 decimals.
  static func money(_ text: String) -> Money? {
    guard let value = Double(text), value.isFinite, abs(value) < 9.0e6 else { return nil }
    if let exact = Money(usd: text) { return exact }
    return money(value)
  }

  static func money(_ value: Double) -> Money? {
    guard value.isFinite, abs(value) < 9.0e6 else { return nil }
    return Money(usd: String(format: "%.12f", value))
  }
}
