import Dispatch
public import SessionGuard
import Synchronization

/// Adds every session's metered usage to the stats file that `rtcost dashboard` reads, off the relay:
/// one serial queue calls ``SessionGuard/UsageStore/record(_:)`` (locked, atomic, additive, safe with
/// other processes). Totals whose write failed are kept and added to the next write.
public final class StatsWriter: Sendable {
  public let store: UsageStore
  private let queue = DispatchQueue(label: "rtcost.stats")
  private let unsaved = Mutex(UsageTotals())
  private let onFailure: @Sendable (String) -> Void

  public init(store: UsageStore, onFailure: @escaping @Sendable (String) -> Void = { _ in }) {
    self.store = store
    self.onFailure = onFailure
  }

  /// Queues `totals` for the file.
  public func record(_ totals: UsageTotals) {
    unsaved.withLock { $0.add(totals) }
    queue.async { self.write() }
  }

  /// Returns once every queued write is done.
  public func flush() async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      queue.async {
        self.write()
        continuation.resume()
      }
    }
  }

  private func write() {
    let totals = unsaved.withLock { unsaved -> UsageTotals in
      defer { unsaved = UsageTotals() }
      return unsaved
    }
    guard totals != UsageTotals() else { return }
    do {
      _ = try store.record(totals)
    } catch {
      unsaved.withLock { $0.add(totals) }
      onFailure(error.description)
    }
  }
}
