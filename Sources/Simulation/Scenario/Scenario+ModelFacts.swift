public import Billing

extension Scenario {
  /// The scenario with what its model's price-book row says about the world: the context window
  /// (unless the scenario sets `world_model.context_window`), for a reasoning model the reasoning
  /// effort (the scenario's `session.reasoning_effort`, else the model's default), and whether the
  /// transcription model reports duration or token usage.
  ///
  /// Applied wherever a scenario is priced (``WorldSimulation``, forecasts, plans), before its
  /// worlds are generated, so turn timing and the engine see the same answer latency.
  public func adoptingModelFacts(of card: PriceCard, transcription: TranscriptionPriceCard? = nil) -> Scenario
  {
    var scenario = self
    if let transcription { scenario.session.transcriptionByDuration = transcription.billsByDuration }
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
