public import ArgumentParser
internal import Forecast

/// `rtcost merge`: combines `forecast --shard` parts into the report one machine would have written.
public struct MergeCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Merge forecast shards into one report, byte-identical to an unsharded run.",
    discussion: """
      Each `rtcost forecast --shard i/n --out part-i.json` writes the exact per-world metrics of its
      worlds. merge checks that the parts come from the same run and together cover every world once,
      then renders the report exactly as `rtcost forecast` without --shard would.

      Examples:
        rtcost merge part-*.json
        rtcost merge part-*.json --format json > forecast.json
        rtcost merge part-*.json --html report.html
      """)

  @Argument(help: "Shard files written by `rtcost forecast --shard i/n --out FILE`.")
  var parts: [String]

  @Option(name: .long, help: "table, json, csv or md.")
  var format: ReportFormat = .table

  @Option(
    name: .long, help: ArgumentHelp("Also write a self-contained HTML report with charts.", valueName: "file")
  )
  var html: String?

  @Option(
    name: .long,
    help: ArgumentHelp("Write the report to a file (atomically) instead of stdout.", valueName: "file"))
  var output: String?

  public init() {}

  public func validate() throws {
    if parts.isEmpty { throw ValidationError("give at least one shard file") }
  }

  public func run() throws {
    let results: ForecastResults
    do {
      results = try ForecastResults.merge(parts.map(ForecastShardFile.decode(path:)))
    } catch let error as ForecastMergeError {
      throw CLIError("cannot merge \(parts.joined(separator: " ")): \(error.description)")
    }
    try ForecastOutput.write(results, format: format, output: output, html: html)
  }
}

/// Writes a finished forecast: the report (stdout or file) and the optional HTML, nothing on failure.
enum ForecastOutput {
  static func write(_ results: ForecastResults, format: ReportFormat, output: String?, html: String?) throws {
    let report = ForecastReport.render(results, format: format)
    let page = html.map { _ in ForecastHTML.render(results) }
    if let html, let page { try OutputFile.write(page, to: html) }
    try OutputFile.write(report, to: output)
  }
}
