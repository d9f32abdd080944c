import Testing

@testable import Simulation

@Suite struct EventQueueTests {
  @Test func popsByTimeThenByPushOrder() {
    var queue = EventQueue()
    // Many events at equal times: Heap is not stable, the sequence number makes the order total.
    for index in 0..<50 { queue.push(.stimulus(index: Int32(index)), at: 10) }
    queue.push(.stimulus(index: 100), at: 5)
    queue.push(.stimulus(index: 200), at: 20)
    var popped: [(Int64, Int32)] = []
    while let event = queue.pop() {
      guard case .stimulus(let index) = event.work else { continue }
      popped.append((event.time, index))
    }
    #expect(popped.map(\.0) == [5] + Array(repeating: 10, count: 50) + [20])
    #expect(popped.map(\.1) == [100] + Array(0..<50) + [200])
  }

  @Test func nextTimeAndCount() {
    var queue = EventQueue()
    #expect(queue.nextTime == nil)
    #expect(queue.isEmpty)
    queue.push(.commit(index: 0, session: 1), at: 7)
    queue.push(.commit(index: 1, session: 1), at: 3)
    #expect(queue.nextTime == 3)
    #expect(queue.count == 2)
  }

  @Test func sessionWorkNamesItsSession() {
    #expect(ScheduledWork.micTick(session: 4).session == 4)
    #expect(ScheduledWork.audioDelta(slot: 0, response: 9, remaining: 1, session: 2).session == 2)
    #expect(ScheduledWork.policyCheck(due: 5, slot: 0).session == nil)
    #expect(ScheduledWork.sessionReady(readyAt: 5).session == nil)
  }
}
