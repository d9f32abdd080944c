import Testing

@testable import Simulation

@Suite struct EventQueueTests {
  @Test func popsByTimeThenByPushOrder() {
    var queue = EventQueue()
    // Many events at equal times: Heap is not stable, the sequence number makes the order total.
    for slot in 0..<50 { queue.push(.micTick, at: 10, session: 0, slot: Int32(slot)) }
    queue.push(.micTick, at: 5, session: 0, slot: 100)
    queue.push(.micTick, at: 20, session: 0, slot: 200)
    var popped: [(Int64, Int32)] = []
    while let event = queue.pop() { popped.append((event.time, event.slot)) }
    #expect(popped.map(\.0) == [5] + Array(repeating: 10, count: 50) + [20])
    #expect(popped.map(\.1) == [100] + Array(0..<50) + [200])
  }

  @Test func nextTimeAndCount() {
    var queue = EventQueue()
    #expect(queue.nextTime == nil)
    #expect(queue.isEmpty)
    queue.push(.commit, at: 7, session: 1)
    queue.push(.commit, at: 3, session: 1)
    #expect(queue.nextTime == 3)
    #expect(queue.count == 2)
  }
}
