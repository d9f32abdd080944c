import Dispatch
import Synchronization

/// The one writer of every session's recording: a serial queue off the relay's threads, bounded in
/// bytes. A session that finds it full drops the message from its recording (and says so in the
/// recording) instead of waiting: the relay never waits on the disk.
public final class RecordingQueue: Sendable {
  /// Bytes of messages waiting to be written, at most.
  public let capacity: Int
  private let queue = DispatchQueue(label: "rtcost.recorder")
  private let pending = Mutex(0)

  /// A queue holding at most `capacity` bytes (default 64 MiB: four of the largest appends).
  public init(capacity: Int = 64 << 20) { self.capacity = capacity }

  /// Bytes waiting now.
  public var pendingBytes: Int { pending.withLock { $0 } }

  /// Runs `work` on the writer unless `bytes` more would pass the capacity; false when refused.
  func enqueue(bytes: Int, _ work: @escaping @Sendable () -> Void) -> Bool {
    let accepted = pending.withLock { pending -> Bool in
      guard pending + bytes <= capacity || pending == 0 else { return false }
      pending += bytes
      return true
    }
    guard accepted else { return false }
    queue.async {
      work()
      self.pending.withLock { $0 -= bytes }
    }
    return true
  }

  /// Runs `work` on the writer whatever the queue holds (headers, closes, finishing).
  func always(_ work: @escaping @Sendable () -> Void) { queue.async(execute: work) }

  /// Returns once everything queued before the call is written.
  public func drain() async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      queue.async { continuation.resume() }
    }
  }
}
