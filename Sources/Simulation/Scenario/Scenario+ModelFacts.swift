public import Billing

extension Scenario {
  /// The scenario with what its model's price-book row says about the world: the context window
  /// (unless the scenario sets `world_model.context_window`) and, for a reasoning model, the
  /// reasoning effort (the scenario's `session.reasoning_effort`, else the model's default).
  ///
  /// Applied wherever a scenario is priced (``WorldSimulation``, forecasts, plans), before its
  /// worlds are generated, so turn timing and the engine see the same answer latency.
  public func adoptingModelFacts(of card: PriceCard) -> Scenario {
    var scenario = self
    if scenario.worldModel.contextWindow == nil, let window = card.contextWindow {
      scenario.worldModel.contextWindow = Int64(window)
    }
    if card.reasons {
      scenario.session.effectiveReasoningEffort =
        session.reasoningEffort ?? card.defaultReasoningEffort.flatMap(ReasoningEffort.init(rawValue:))
        ?? .low
    } else {
      scenario.session.effectiveReasoningEffort = nil
    }
    return scenario
  }
}
