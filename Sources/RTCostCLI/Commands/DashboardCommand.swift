public import ArgumentParser
internal import SessionGuard

/// `rtcost dashboard`: the lifetime usage stats file, as the seed's dashboard showed it and as billed.
public struct DashboardCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "dashboard",
    abstract:
      "Show a usage stats file: the seed dashboard's fields, the real meters, and the gap between them.",
    discussion: """
      Reads the stats file that rtcost's UsageStore writes (a JSON superset of the original \
      design's usage_stats.json) or a file the seed design wrote itself. It shows the seed \
      dashboard's eight fields; when the file has rtcost's exact meters, it also shows what was \
      billed per category, responses by status, and the discrepancy between the billed total and \
      the seed's estimate.

      STATS_FILE defaults to ./usage_stats.json, the file name the original design used in the \
      app's working folder. A missing, corrupt or unknown-version file is an error naming the file \
      and the line or key; the file is never modified.

      Examples:
        rtcost dashboard
        rtcost dashboard /var/lib/robot/usage_stats.json
        rtcost dashboard usage_stats.json --format json
      """)

  @Argument(help: ArgumentHelp("The stats file to show.", valueName: "stats-file"))
  var statsFile: String = "./usage_stats.json"

  @Option(name: .long, help: "table or json.")
  var format: TableOrJSON = .table

  public init() {}

  public func validate() throws {
  }

  public func run() throws {
    try OutputFile.write(try report(), to: nil)
  }

  /// The report text, for `run()` and for tests.
  public func report() throws -> String {
    let store = UsageStore(path: statsFile)
    let stats: UsageStats
    do {
      guard try store.exists() else {
        throw CLIError(
          "\(statsFile): no such stats file (pass the path of the usage_stats.json your app writes)")
      }
      stats = try store.load()
    } catch let error as UsageStoreError {
      throw CLIError(error.description)
    }
    return format == .json
      ? DashboardReport.json(path: statsFile, stats: stats)
      : DashboardReport.table(path: statsFile, stats: stats)
  }
}
