public import Billing

extension Scenario {
  /// The scenario with what its model's price-book row says about the world: the context window
  /// (unless the scenario sets `world_model.context_window`), for a reasoning model the reasoning
  /// effort (the scenario's `session.reasoning_effort`, else the model's default), and whether the
  /// transcription model reports duration or token usage.
  ///
  /// Applied wherever a scenario is priced (``WorldSimulation``, forecasts, plans), before its
  /// worlds are generated, so turn timing and the engine see the same answer latency.
  public func adoptingModelFacts(of cards: PriceCards) -> Scenario {
    guard let card = cards.model else {
      // GPT-Live: the session manages its own context and does not reason itself (the backend does).
      var scenario = self
      scenario.session.effectiveReasoningEffort = nil
      scenario.session.transcriptionModel = nil
      // Realtime's server-VAD `idle_timeout_ms` re-prompt has no GPT-Live counterpart.
      scenario.session.idleTimeout = nil
      return scenario
    }
    return adoptingModelFacts(of: card, transcription: cards.transcription)
  }

  /// ``adoptingModelFacts(of:)`` for a Realtime model's card.
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
