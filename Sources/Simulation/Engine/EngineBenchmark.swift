public import Billing
import HeapModule
public import RealtimeEvents

/// Measures engine throughput beside a bare heap loop of the same size, in one run.
///
/// The bare loop pushes and pops as many `(time, sequence)` elements through swift-collections'
/// `Heap` as the engine delivered events, so the ratio shows what the engine adds over its own
/// priority queue. Reading the clock is the only effect; the caller prints the result.
public enum EngineBenchmark {
  /// One measurement.
  public struct Result: Sendable, Equatable {
    /// Events the engine delivered.
    public var events: Int
    /// Engine wall time (ns), world generation excluded.
    public var engineNanoseconds: Int64
    /// Wall time of the bare heap loop with the same number of push/pop pairs (ns).
    public var heapNanoseconds: Int64

    /// Engine events per second.
    public var eventsPerSecond: Double { Double(events) / (Double(engineNanoseconds) / 1e9) }
    /// Bare heap push/pop pairs per second.
    public var heapOperationsPerSecond: Double { Double(events) / (Double(heapNanoseconds) / 1e9) }
  }

  /// Runs `trace` under `policy` and the bare heap loop; returns both timings.
  public static func measure<Policy: SessionPolicy>(
    scenario: Scenario, trace: WorldTrace, policy: Policy, detail: EventDetail = .full
  ) -> Result {
    let clock = ContinuousClock()
    var engine = Engine(scenario: scenario, trace: trace, policy: policy, detail: detail)
    var checksum: Int64 = 0
    let engineStart = clock.now
    let stats = engine.run { event in checksum &+= event.time ?? 0 }
    let engineTime = clock.now - engineStart

    var heap = Heap<ScheduledEvent>()
    heap.reserveCapacity(64)
    var sequence: UInt64 = 0
    var time: Micros = 0
    let heapStart = clock.now
    // Keep ~16 pending elements, like the engine's queue, and push one for each one popped.
    for _ in 0..<16 {
      heap.insert(ScheduledEvent(time: time, sequence: sequence, work: .micTick(session: 0)))
      sequence &+= 1
      time &+= 50_000
    }
    for _ in 0..<stats.events {
      let popped = heap.removeMin()
      checksum &+= popped.time
      heap.insert(
        ScheduledEvent(
          time: popped.time &+ 50_000 &* Int64(sequence & 15), sequence: sequence, work: .micTick(session: 0))
      )
      sequence &+= 1
    }
    let heapTime = clock.now - heapStart
    precondition(checksum != 1, "keeps the loops from being optimised away")
    return Result(
      events: stats.events, engineNanoseconds: nanoseconds(engineTime), heapNanoseconds: nanoseconds(heapTime)
    )
  }

  private static func nanoseconds(_ duration: Duration) -> Int64 {
    duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
  }
}

extension EngineBenchmark {
  /// ``measure(scenario:trace:policy:detail:)`` for a ``Simulator/Policy`` (the real guard priced
  /// with `priceCard`), specialised inside this module.
  public static func measure(
    scenario: Scenario, trace: WorldTrace, policy: Simulator.Policy, priceCard: PriceCard, detail: EventDetail
  ) -> Result {
    switch policy {
    case .never:
      return measure(scenario: scenario, trace: trace, policy: NeverDisconnectPolicy(), detail: detail)
    case .guarded(let settings):
      return measure(
        scenario: scenario, trace: trace, policy: GuardPolicy(settings: settings, priceCard: priceCard),
        detail: detail)
    }
  }
}
