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

  @OptionGroup var output: OutputOptions<ReportFormat>

  @OptionGroup var html: HTMLOption

  @OptionGroup var decision: DecisionOptions

  public init() {}

  public func validate() throws {
    if parts.isEmpty { throw ValidationError("give at least one shard file") }
  }

  public func run() throws {
    let results: ForecastResults
    do {
      let decoded = try parts.map { path in try ForecastShardFile.decode(InputFile.read(path), path: path) }
      results = try ForecastResults.merge(decoded)
    } catch let error as ForecastMergeError {
      throw CLIError("cannot merge \(parts.joined(separator: " ")): \(error.description)")
    } catch let error as ShardFileError {
      throw CLIError(error.description)
    }
    try ForecastOutput.write(
      results, format: output.format, output: output.output, html: html.html, limits: decision.limits)
  }
}

/// Writes a finished forecast: the report (stdout or file) and the optional HTML, nothing on failure.
enum ForecastOutput {
  static func write(
    _ results: ForecastResults, format: ReportFormat, output: String?, html: String?,
    limits: DecisionLimits = DecisionLimits(), sensitivity: Sensitivity? = nil
  ) throws {
    let report = ForecastReport.render(results, format: format, limits: limits, sensitivity: sensitivity)
    let page = html.map { _ in ForecastHTML.render(results, limits: limits, sensitivity: sensitivity) }
    let plan = try OutputPlan.check([("--output", output), ("--html", html)])
    var files: [(path: String?, text: String)] = [(output, report)]
    if let html, let page { files.insert((html, page), at: 0) }
    try plan.commit(files)
  }
}
