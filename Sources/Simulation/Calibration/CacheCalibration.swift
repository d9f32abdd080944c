import Billing
import Foundation
import RealtimeEvents

/// Fits the cache's behaviours (``CacheBehaviour``) and the context-size behaviours its split
/// depends on to recorded traces; the defaults are this fit on the two banyan captures
/// (docs/simulation.md, "The cache, calibrated").
///
/// In two stages, each on a grid whose ties go to the first point:
/// 1. **Context size** (the cache aside): ``WorldModelParameters/specialTokensPerItem`` and
///    ``CacheBehaviour/truncationDeletesTranscript``, for the smallest total
///    ``Calibration/Result/sizeError``. The grid lists the documented behaviour (the transcript
///    deleted) first.
/// 2. **The cache**: ``CacheBehaviour/unservedTail`` and ``CacheBehaviour/minimumInput``. For each
///    point the model classifies every billed response (which prefix was warm, after a barge-in or
///    not, what a hit would serve, ``CacheDecision``); a recorded cached count that is neither 0 nor
///    that hit is a *mismatch*. The point with the fewest mismatches wins, then the one with the
///    highest likelihood, the two probabilities at their maximum-likelihood estimates:
///    ``CacheBehaviour/missAfterBargeIn`` is the share of responses after a barge-in (with a warm
///    prefix of this device) that had nothing cached, ``CacheBehaviour/promptShared`` the share of
///    responses that could only find the prompt warm from other sessions and did.
///
/// ``CacheBehaviour/warmAcrossReconnects`` is not identifiable from one-session recordings and keeps
/// the value of `base`, as does a probability without eligible responses.
public enum CacheCalibration {
  /// The grids searched.
  public static let specialTokens: [Int64] = Array(1...12)
  public static let tails: [Int64] = [0, 64, 128, 192, 256]
  public static let minimumInputs: [Int64] = [0, 1_024]

  /// How many responses bore on a probability, and how many of them went its way.
  public struct Evidence: Sendable, Equatable {
    /// Responses the probability applied to.
    public var eligible: Int
    /// Of those, responses that missed (for the barge-in miss) or found the prompt warm (shared).
    public var events: Int

    public init(eligible: Int = 0, events: Int = 0) {
      self.eligible = eligible
      self.events = events
    }

    /// The estimate, or nil without eligible responses.
    public var estimate: Double? { eligible == 0 ? nil : Double(events) / Double(eligible) }
  }

  /// The fitted behaviours with the evidence behind them.
  public struct Fit: Sendable, Equatable {
    /// `base` with the fitted values.
    public var parameters: WorldModelParameters
    public var missEvidence: Evidence
    public var sharedEvidence: Evidence
    /// Recorded cached counts the fitted rule cannot produce (neither 0 nor its hit).
    public var mismatches: Int
    /// Σ over traces of the context size error with the fitted size behaviours.
    public var sizeError: Int64
    /// Billed responses the fit saw.
    public var responses: Int
  }

  /// Fits `traces`, starting from `base`.
  /// - Complexity: O(grid points × responses).
  public static func fit(_ traces: [RecordedTrace], base: WorldModelParameters = WorldModelParameters())
    -> Fit
  {
    var sized = base
    var bestSize = Int64.max
    for deletes in [true, false] {
      for special in specialTokens {
        var parameters = base
        parameters.specialTokensPerItem = special
        parameters.cache.truncationDeletesTranscript = deletes
        let error = traces.reduce(Int64(0)) { $0 + Calibration.run($1, parameters: parameters).sizeError }
        if error < bestSize {
          bestSize = error
          sized = parameters
        }
      }
    }
    var best: (fit: Fit, logLikelihood: Double)?
    for minimum in minimumInputs {
      for tail in tails {
        var parameters = sized
        parameters.cache.unservedTail = tail
        parameters.cache.minimumInput = minimum
        let candidate = fitProbabilities(traces, parameters: parameters)
        let fit = Fit(
          parameters: candidate.parameters, missEvidence: candidate.miss, sharedEvidence: candidate.shared,
          mismatches: candidate.mismatches, sizeError: bestSize, responses: candidate.responses)
        if let current = best {
          let better =
            fit.mismatches < current.fit.mismatches
            || (fit.mismatches == current.fit.mismatches && candidate.logLikelihood > current.logLikelihood)
          if !better { continue }
        }
        best = (fit, candidate.logLikelihood)
      }
    }
    return best!.fit
  }

  /// The probabilities at their maximum-likelihood estimates for the deterministic behaviours of
  /// `parameters`, with the mismatches and the log-likelihood of what the traces recorded.
  static func fitProbabilities(_ traces: [RecordedTrace], parameters: WorldModelParameters) -> (
    parameters: WorldModelParameters, miss: Evidence, shared: Evidence, mismatches: Int,
    logLikelihood: Double, responses: Int
  ) {
    // The decisions do not depend on the probabilities: one pass classifies every response.
    var rows: [Calibration.Row] = []
    for trace in traces { rows += Calibration.run(trace, parameters: parameters).rows }
    var miss = Evidence()
    var shared = Evidence()
    for row in rows where row.cache.hitTokens > 0 {
      let cached = cachedTokens(row.recorded)
      guard cached == 0 || cached == row.cache.hitTokens else { continue }
      switch (row.cache.source, row.cache.afterBargeIn) {
      case (.previousInput, true), (.devicePrompt, true):
        miss.eligible += 1
        if cached == 0 { miss.events += 1 }
      case (.sharedPrompt, false):
        shared.eligible += 1
        if cached > 0 { shared.events += 1 }
      default:
        break
      }
    }
    var fitted = parameters
    if let estimate = miss.estimate { fitted.cache.missAfterBargeIn = estimate }
    if let estimate = shared.estimate { fitted.cache.promptShared = estimate }
    var mismatches = 0
    var logLikelihood = 0.0
    for row in rows {
      let cached = cachedTokens(row.recorded)
      let hit = hitProbability(row.cache, cache: fitted.cache)
      let likelihood: Double
      if row.cache.hitTokens == 0 {
        likelihood = cached == 0 ? 1 : 0
      } else if cached == row.cache.hitTokens {
        likelihood = hit
      } else {
        likelihood = cached == 0 ? 1 - hit : 0
      }
      if likelihood > 0 { logLikelihood += log(likelihood) } else { mismatches += 1 }
    }
    return (fitted, miss, shared, mismatches, logLikelihood, rows.count)
  }

  /// The probability that the cache serves its hit for `decision`.
  static func hitProbability(_ decision: CacheDecision, cache: CacheBehaviour) -> Double {
    var probability = decision.source == .sharedPrompt ? cache.promptShared : 1
    if decision.afterBargeIn { probability *= 1 - cache.missAfterBargeIn }
    return probability
  }

  static func cachedTokens(_ counts: TokenCounts) -> Int64 {
    counts.textInCached + counts.audioInCached + counts.imageInCached
  }
}
