/// The work a run is allowed before it starts: simulated world-seconds (each world's horizon,
/// summed over every world, policy and model it runs), refused past ``worldSeconds`` unless the
/// user asks for a long run.
///
/// The engine's cost is close to linear in simulated time (the rates and intervals it draws from
/// are capped by ``ScenarioLimits``), so the estimate is known from the options alone. The default
/// forecast (200 home-robot weeks under its grid) is about 6 × 10^8 world-seconds; the budget is
/// some 150 times that, half an hour or more on a laptop.
public enum WorkBudget {
  /// The most world-seconds a run takes without `--allow-long-run`.
  public static let worldSeconds: Double = 100_000_000_000

  /// The refusal for a run of `worldSeconds` described by `what` (`200 worlds × 3 policies × 7d`),
  /// or nil when it fits the budget.
  public static func refusal(worldSeconds: Double, what: String) -> String? {
    guard worldSeconds > Self.worldSeconds else { return nil }
    let shown = worldSeconds < 9e18 ? String(Int64(worldSeconds)) : "\(worldSeconds)"
    return "this run would simulate \(shown) world-seconds (\(what)); the limit is 100000000000 "
      + "(about half an hour): run fewer worlds or a shorter horizon, or give --allow-long-run"
  }
}
