public import Billing
public import RealtimeEvents
public import Simulation

/// A recording as a forecast's input: its own world, re-simulated under every policy of a grid
/// ("what would a 3-minute timeout have saved on this recording?").
extension ScenarioForecast {
  /// The forecast of the recording `source` under `grid`: one world, its user turns and answer
  /// sizes from the recording, the prompt fitted as `replay --resimulate` fits it.
  public static func recording(
    _ source: any EventSource, book: PriceBook, grid: PolicyGrid
  ) throws(ForecastInputError) -> ScenarioForecast {
    let name = source.provenance.name
    let recorded: RecordedTrace
    do {
      recorded = try Calibration.extract(from: source)
    } catch {
      throw ForecastInputError(error.message)
    }
    guard let model = recorded.model else {
      throw ForecastInputError(
        "\(name): no session event names the model, so the recording cannot be re-simulated")
    }
    guard recorded.timed else {
      throw ForecastInputError(
        "\(name): this recording has no timestamps: idle timeouts cannot be re-simulated on it")
    }
    let card: PriceCard
    do {
      card = try book.card(for: model)
    } catch {
      throw ForecastInputError("\(name): \(error.description)")
    }
    let calibration = Calibration.run(recorded)
    var scenario = RecordingWorld.scenario(
      name: name, model: card.model, promptTokens: calibration.promptTokens, horizon: 0)
    let trace = RecordingWorld.trace(recorded, session: scenario.session)
    scenario.horizon = trace.horizon
    var forecast = ScenarioForecast(
      scenario: scenario, input: name, priceCard: card, transcriptionCard: nil, policies: grid.policies,
      baseline: grid.baseline, worlds: 1, seed: 0)
    forecast.fixedTrace = trace
    return forecast
  }
}

/// A forecast input that cannot be used, in one sentence naming it.
public struct ForecastInputError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
