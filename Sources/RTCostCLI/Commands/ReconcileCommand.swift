public import ArgumentParser
internal import Billing
internal import Reconcile

/// `rtcost reconcile`: an OpenAI usage export priced with the dated book, against a costs export
/// and a forecast.
public struct ReconcileCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "reconcile",
    abstract: "Price an OpenAI usage export and compare it with the bill and with a forecast.",
    discussion: """
      Reads a usage export of the completions usage endpoint: the Usage API's JSON pages (GET \
      /v1/organization/usage/completions, a page, a list of pages or JSON Lines of pages) or the \
      dashboard's CSV (counts as floats, a day and model on several rows, rows for empty days). Each \
      row's input_audio_tokens means one of two things (it includes cached tokens in exports made \
      before 2026-07-16, and counts uncached ones since): the identities input = text + audio + image \
      and input = cached + cache writes + uncached tell them apart, and a row that fits neither is \
      refused. Every (day, model) is priced with the price book row in force that day.

      --costs compares the result with a costs export (Costs API JSON pages or the dashboard's cost \
      CSV) per day, model and line item. --forecast compares a forecast's simulated month (rtcost \
      forecast --format json; the baseline policy unless --policy) with the actual month field by field \
      (requests, tokens by modality, cached share, cost) and splits the cost gap into workload, \
      context, cache and price.

      Examples:
        rtcost reconcile usage.json
        rtcost reconcile usage-march.csv --costs costs-march.csv
        rtcost reconcile usage.json --costs costs.json --format json -o reconcile.json
        rtcost forecast robot.yaml --format json --output forecast.json
        rtcost reconcile usage.csv --forecast f.json --devices 250 --month 2026-03
      """)

  @Argument(
    help: ArgumentHelp("Usage exports (JSON pages or the dashboard's CSV).", valueName: "usage-export"))
  var files: [String] = []

  @Option(name: .long, help: ArgumentHelp("A costs export to compare with (repeatable).", valueName: "file"))
  var costs: [String] = []

  @Option(
    name: .long, help: ArgumentHelp("A forecast report (JSON) to compare the month with.", valueName: "file"))
  var forecast: String?

  @Option(
    name: .long, help: ArgumentHelp("The forecast policy to compare (its grid label; default: the baseline).")
  )
  var policy: String?

  @Option(
    name: .long, parsing: .unconditional, help: "Devices the forecast's per-device-day figures stand for.")
  var devices = 1

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The month to compare with the forecast (default: the export's).", valueName: "YYYY-MM"))
  var month: String?

  @Option(name: .long, help: "The model of rows that name none (an export not grouped by model).")
  var model: String?

  @OptionGroup var output: OutputOptions<TableOrJSON>

  @OptionGroup var priceOptions: PriceOptions

  public init() {}

  public func validate() throws {
    guard !files.isEmpty else { throw ValidationError("give at least one usage export") }
    guard (1...100_000_000).contains(devices) else {
      throw ValidationError("--devices must be between 1 and 100000000, got \(devices)")
    }
    if let month, Self.monthDay(month) == nil {
      throw ValidationError("--month must be YYYY-MM, got '\(month)'")
    }
    if forecast == nil, policy != nil || month != nil || devices != 1 {
      throw ValidationError("--policy, --month and --devices are for --forecast")
    }
  }

  static func monthDay(_ text: String) -> CalendarDay? {
    guard text.count == 7, let day = CalendarDay(text + "-01") else { return nil }
    return day
  }

  public func run() throws {
    let book = try priceOptions.priceBook()
    do {
      var records: [UsageRecord] = []
      for file in files { records += try UsageExportReader.read(path: file) }
      let usage = try UsageReconciliation.reconcile(records, book: book, model: model)
      var costRecords: [CostRecord] = []
      for file in costs { costRecords += try CostsExportReader.read(path: file) }
      let comparison = costs.isEmpty ? nil : try CostComparison.compare(usage, costRecords, book: book)
      var monthComparison: MonthComparison?
      if let forecast {
        let figures = try ForecastFigures.read(path: forecast, policy: policy)
        let months = Set(usage.coveredDays.map(\.firstOfMonth))
        let chosen: CalendarDay
        if let month {
          chosen = Self.monthDay(month)!
        } else if months.count == 1 {
          chosen = months.first!
        } else {
          throw CLIError(
            "\(files.joined(separator: ", ")): the export covers \(months.count) months; choose one with --month"
          )
        }
        monthComparison = try MonthComparison.compare(
          figures, usage: usage, month: chosen, devices: devices, book: book)
      }
      try output.write(
        ReconcileReport.render(
          files: files, usage: usage, costs: comparison, month: monthComparison, format: output.format))
    } catch let error as ReconcileError {
      throw CLIError(error.description)
    }
  }
}
