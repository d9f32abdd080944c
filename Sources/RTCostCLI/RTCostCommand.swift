public import ArgumentParser

/// The `rtcost` command: prices, replays, simulates and forecasts OpenAI Realtime API sessions.
public struct RTCostCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "rtcost",
    abstract: "Price, replay, simulate and forecast OpenAI Realtime API voice sessions.",
    discussion: """
      rtcost holds the session-guard components a voice app runs (idle monitor, usage tracker,
      cost alerts) and drives them under a virtual clock to answer: what does this cost, and what
      would another idle timeout or alert setting have saved?
      """,
    version: RTCostVersion.current,
    subcommands: [
      PricesCommand.self,
      ReplayCommand.self,
      AudioCommand.self,
      SimulateCommand.self,
      ForecastCommand.self,
      MergeCommand.self,
      PlanCommand.self,
      DashboardCommand.self,
      FitCommand.self,
      ImportCommand.self,
      ReconcileCommand.self,
      BreakdownCommand.self,
      DiffCommand.self,
      GateCommand.self,
      ProxyCommand.self,
      ServeCommand.self,
      RecordCommand.self,
    ]
  )

  public init() {}
}

/// The tool's version.
public enum RTCostVersion {
  public static let current = "0.1.0"
}
