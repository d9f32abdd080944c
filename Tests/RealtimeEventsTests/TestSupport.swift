import Billing
import Foundation
import TestSupport

@testable import RealtimeEvents

/// Everything one read of a file gives.
struct ReadResult {
  var events: [TimedEvent]
  var header: RecordingHeader?
  var style: RecordingStyle?
  var stats: RecordingReadStats
  var summary: RecordingSummary

  init(path: String, options: RecordingReadOptions = .strict, rule: ActivityRule = .real) throws {
    let (events, reader) = try RecordingReader.readAll(path: path, options: options)
    self.events = events
    header = reader.header
    style = reader.style
    stats = reader.stats
    summary = RecordingSummary(events, activityRule: rule)
  }

  var usages: [ResponseUsage] {
    events.compactMap { if case .responseDone(let done) = $0.event { done.usage } else { nil } }
  }

  var transcriptionUsages: [TranscriptionUsage] {
    events.compactMap { if case .transcriptionCompleted(let usage?) = $0.event { usage } else { nil } }
  }

  /// Tokens and cost of every response at the bundled price of `model`.
  func priced(model: String) throws -> (tokens: TokenCounts, costs: CategoryCosts) {
    let card = try PriceBook.bundled.card(for: model)
    var tokens = TokenCounts.zero
    var costs = CategoryCosts.zero
    for usage in usages {
      let priced = try card.price(usage)
      tokens.add(priced.tokens)
      costs.add(priced.costs)
    }
    return (tokens, costs)
  }
}

/// Micro-dollars (10⁻⁶ USD) as money; fractional micro-dollars are written as pico-dollars.
func microUSD(_ value: Int64) -> Money { Money(picoUSD: value * 1_000_000) }
