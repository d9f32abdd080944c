import Billing
import RealtimeEvents
import SessionGuard
import TestSupport
import Testing

/// The tracker carries each usage block's bounds into its totals (DESIGN §7.3).
@Suite("UsageTracker bounds")
struct UsageTrackerBoundsTests {
  private func tracker() -> UsageTracker {
    var tracker = UsageTracker(configuration: UsageTracker.Configuration(priceCard: gptRealtime))
    tracker.startSession(at: 0)
    return tracker
  }

  /// cached_tokens 300 of text 200 + audio 500, no cached_tokens_details.
  private let undetailed = ResponseUsage(
    inputTokens: 700, outputTokens: 0, input: .init(textTokens: 200, audioTokens: 500, cachedTokens: 300))

  @Test("an undetailed cached split is billed at its upper bound and the slack is summed")
  func cachedSplitSlack() {
    var t = tracker()
    t.handle(done(undetailed), at: s(1))
    t.handle(done(undetailed), at: s(2))
    // gpt-realtime, per block: text first (upper) 200×0.40 + 100×0.40 + 400×32 = 80 + 40 + 12,800 = 12,920 µ$;
    // audio first (lower) 200×4 + 300×0.40 + 200×32 = 800 + 120 + 6,400 = 7,320 µ$; slack 5,600 µ$.
    #expect(t.run.billed == usd("0.02584"))
    #expect(t.run.cachedSplitAssumed == 2)
    #expect(t.run.cachedSplitSlack == usd("0.0112"))
    // 25,840 − 11,200 = 14,640 µ$.
    #expect(t.run.lowerBound == usd("0.01464"))
    #expect(t.run.upperBound == usd("0.02584"))
    #expect(!t.run.isLowerBound)
    #expect(t.session.cachedSplitSlack == usd("0.0112"))
    // The issue states both bounds (warningsWithBounds), not only the assumption.
    #expect(t.issues.count == 2)
    #expect(t.issues[0].message.contains("billed $0.01292 as the upper bound"))
    #expect(t.issues[0].message.contains("would cost $0.00732, the lower bound"))
    #expect(!t.issues[0].unpriced)
  }

  @Test("details below the totals are billed at the totals and flag the total as a lower bound")
  func billedAtTotals() {
    var t = tracker()
    let short = ResponseUsage(
      inputTokens: 150, outputTokens: 0,
      input: .init(
        textTokens: 100, audioTokens: 40, cachedTokens: 0, cached: .init(textTokens: 0, audioTokens: 0)))
    t.handle(done(short), at: s(1))
    // The 10 missing input tokens are billed as uncached text: 110×4 + 40×32 = 440 + 1,280 = 1,720 µ$.
    #expect(t.run.billed == usd("0.00172"))
    #expect(t.run.billedAtTotals == 1)
    #expect(t.run.isLowerBound)
    #expect(t.run.upperBound == nil)
    #expect(t.run.lowerBound == usd("0.00172"))
    #expect(t.run.cachedSplitAssumed == 0)
    #expect(t.issues.first?.message.contains("10 missing tokens were billed as uncached text") == true)
  }

  @Test("a response.done without usage makes the total a lower bound")
  func responseWithoutUsage() {
    var t = tracker()
    t.handle(done(usage(textIn: 100)), at: s(1))
    t.handle(done(nil, status: .cancelled), at: s(2))
    #expect(t.run.responsesWithoutUsage == 1)
    #expect(t.run.responses.total == 2)
    // Only the priced one: 100 × $4/1M.
    #expect(t.run.billed == usd("0.0004"))
    #expect(t.run.isLowerBound)
    #expect(t.run.upperBound == nil)
    #expect(
      t.issues.map(\.message) == [
        "response.done without usage: its cost is unknown, so the billed total is a lower bound"
      ])
    #expect(t.issues.map(\.time) == [s(2)])
  }

  @Test("a transcription without usage makes the total a lower bound")
  func transcriptionWithoutUsage() {
    var t = UsageTracker(
      configuration: UsageTracker.Configuration(
        priceCard: gptRealtime, transcriptionCard: try! PriceBook.bundled.transcriptionCard(for: "whisper-1"))
    )
    t.startSession(at: 0)
    t.handle(.transcriptionCompleted(nil), at: s(1))
    t.handle(.transcriptionCompleted(.duration(microseconds: s(3))), at: s(2))
    #expect(t.run.transcriptionsWithoutUsage == 1)
    // The one with usage: 3 s of whisper-1 at $0.006/min = $0.0003.
    #expect(t.run.transcriptions == 1)
    #expect(t.run.transcriptionCost == usd("0.0003"))
    #expect(t.run.isLowerBound)
    #expect(t.unsaved.transcriptionsWithoutUsage == 1)
  }

  @Test("an exact stream is neither bound")
  func exact() {
    var t = tracker()
    t.handle(done(usage(textIn: 100, audioOut: 10)), at: s(1))
    #expect(!t.run.isLowerBound)
    #expect(t.run.lowerBound == t.run.billed)
    #expect(t.run.upperBound == t.run.billed)
    #expect(t.run.cachedSplitSlack == .zero)
  }

  @Test("adding totals sums every bound and flag; a slack past the money range saturates and says so")
  func addSums() {
    var a = UsageTotals()
    a.cachedSplitAssumed = 1
    a.cachedSplitSlack = usd("0.5")
    a.billedAtTotals = 2
    a.responsesWithoutUsage = 3
    a.transcriptionsWithoutUsage = 4
    var b = a
    b.add(a)
    #expect(b.cachedSplitAssumed == 2)
    #expect(b.cachedSplitSlack == usd("1"))
    #expect(b.billedAtTotals == 4)
    #expect(b.responsesWithoutUsage == 6)
    #expect(b.transcriptionsWithoutUsage == 8)
    #expect(!b.overflowed)
    var huge = UsageTotals()
    huge.cachedSplitSlack = .max
    huge.add(a)
    #expect(huge.cachedSplitSlack == .max)
    #expect(huge.overflowed)
    #expect(!huge.isExact)
  }
}
