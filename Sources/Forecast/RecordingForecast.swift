public import Billing
public import RealtimeEvents
public import Replay
public import Simulation

/// A recording as a forecast's input: its own world, re-simulated under every policy of a grid
/// ("what would a 3-minute timeout have saved on this recording?").
extension ScenarioForecast {
  /// The forecast of a recording under `grid`: one world, its user turns and answer sizes from the
  /// recording, the prompt fitted as `replay --resimulate` fits it, and every run anchored to the
  /// recording's bill (``RunMetrics/anchored(to:baseline:)``).
  ///
  /// The grid's baseline is taken as the policy the recording was made under: its row bills exactly
  /// what `replay` bills (typed turns, tool answers, barge-ins and transcription included), and every
  /// other policy is that bill plus the simulated difference. `open` is called twice (the replay and
  /// the trace each read the recording once). A recording without timestamps is spaced
  /// ``RecordedTrace/nominalSpacing`` per event: no idle timeout can act on it.
  ///
  /// Per-day figures divide by the horizon: the recording's span plus one minute
  /// (``RecordingWorld/trace(_:session:)``), scaled to 24 h.
  public static func recording(
    open: () throws -> any EventSource, options: ReplayOptions, grid: PolicyGrid
  ) throws(ForecastInputError) -> ScenarioForecast {
    let replayed: ReplayResult
    let recorded: RecordedTrace
    let name: String
    do {
      let source = try open()
      name = source.provenance.name
      replayed = try Replay.run(source, options: options)
      recorded = try Calibration.extract(from: try open())
    } catch let error as ReplayError {
      throw ForecastInputError(error.message)
    } catch let error as CalibrationError {
      throw ForecastInputError(error.message)
    } catch {
      throw ForecastInputError("\(error)")
    }
    let card: PriceCard
    do {
      card = try options.book.card(for: replayed.model)
    } catch {
      throw ForecastInputError(
        "\(name): \(replayed.model) is not billed by tokens (a GPT-Live recording): "
          + "it cannot be re-simulated yet; `rtcost replay \(name)` prices it")
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
    forecast.recordedBill = RecordedBill(replayed)
    forecast.recordingIsTimed = recorded.timed
    return forecast
  }
}

/// A forecast input that cannot be used, in one sentence naming it.
public struct ForecastInputError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
