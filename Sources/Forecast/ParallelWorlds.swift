import Dispatch
import Synchronization

/// Runs independent worlds on `jobs` threads and returns their results in world order.
///
/// Each world's result depends only on its index (its seed is derived from the run seed and the
/// index), so the output is identical for every job count; threads only change who computes what.
public enum ParallelWorlds {
  /// Calls `body` once for every index in `indices` on up to `jobs` threads; `progress` is called
  /// (from any thread) after each world with the number finished so far.
  public static func map<Result: Sendable>(
    _ indices: Range<Int>, jobs: Int, progress: (@Sendable (Int) -> Void)? = nil,
    _ body: @Sendable (Int) throws -> Result
  ) throws -> [Result] {
    let count = indices.count
    guard count > 0 else { return [] }
    let slots = Mutex<[Result?]>(Array(repeating: nil, count: count))
    let firstError = Mutex<(any Error)?>(nil)
    let next = Atomic<Int>(0)
    let finished = Atomic<Int>(0)
    let workers = max(1, min(jobs, count))
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while true {
        let offset = next.wrappingAdd(1, ordering: .relaxed).oldValue
        guard offset < count, firstError.withLock({ $0 == nil }) else { return }
        do {
          let result = try body(indices.lowerBound + offset)
          slots.withLock { $0[offset] = result }
        } catch {
          firstError.withLock { if $0 == nil { $0 = error } }
          return
        }
        let done = finished.wrappingAdd(1, ordering: .relaxed).newValue
        progress?(done)
      }
    }
    if let error = firstError.withLock({ $0 }) { throw error }
    return slots.withLock { $0.map { $0! } }
  }
}
