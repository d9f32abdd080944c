import Foundation
public import RealtimeEvents

/// An event source read ahead on a thread of its own: the inner source's reading and decoding (for
/// a recording, `read(2)`, line splitting and JSON) runs beside the consumer's work (pricing, the
/// guard), in batches through a bounded hand-off.
///
/// The events, their order, the errors and where they occur are the inner source's, unchanged: an
/// error is thrown after the events read before it, as the inner source would. ``stats`` and
/// ``header`` are the inner source's as of the last batch handed over (at most one batch ahead of
/// the consumer), final once ``next()`` returned nil.
///
/// ```swift
/// let source = PrefetchedEventSource(try RecordingReader(path: "call.jsonl"))
/// let result = try Replay.run(source, options: ReplayOptions(settings: settings))
/// ```
///
/// The inner source belongs to the reading thread from `init` on: do not use it elsewhere. Reading
/// stops at the end, at an error, or at the next batch once this source is released.
public final class PrefetchedEventSource: EventSource {
  public let provenance: EventProvenance
  public private(set) var header: RecordingHeader?
  public private(set) var stats = RecordingReadStats()
  private let channel: BatchChannel
  private var batch: [TimedEvent] = []
  private var position = 0
  private var ending: BatchChannel.Ending = .more

  /// Reads `source` ahead in batches of `batchSize` events, at most `depth` batches ahead.
  public init(_ source: any EventSource, batchSize: Int = 512, depth: Int = 4) {
    precondition(batchSize > 0 && depth > 0, "a batch holds an event and the hand-off a batch")
    provenance = source.provenance
    header = source.header
    let channel = BatchChannel(depth: depth)
    self.channel = channel
    let reading = ReadingThread(source: source, channel: channel, batchSize: batchSize)
    let thread = Thread { reading.run() }
    thread.name = "rtcost.prefetch"
    thread.stackSize = 8 << 20
    thread.start()
  }

  deinit { channel.cancel() }

  public func next() throws(RecordingError) -> TimedEvent? {
    while position == batch.count {
      switch ending {
      case .finished:
        return nil
      case .failed(let error):
        ending = .finished
        throw error
      case .more:
        let item = channel.receive()
        batch = item.events
        position = 0
        header = item.header
        stats = item.stats
        ending = item.ending
      }
    }
    defer { position += 1 }
    return batch[position]
  }
}

/// The reading side: owns the inner source, sends batches until the end, an error or a cancel.
private final class ReadingThread: @unchecked Sendable {
  // @unchecked: `source` is used by the reading thread alone once `init` has returned.
  private let source: any EventSource
  private let channel: BatchChannel
  private let batchSize: Int

  init(source: any EventSource, channel: BatchChannel, batchSize: Int) {
    self.source = source
    self.channel = channel
    self.batchSize = batchSize
  }

  func run() {
    var events: [TimedEvent] = []
    events.reserveCapacity(batchSize)
    while true {
      let ending: BatchChannel.Ending
      do {
        guard let event = try source.next() else {
          channel.send(events, header: source.header, stats: source.stats, ending: .finished)
          return
        }
        events.append(event)
        guard events.count == batchSize else { continue }
        ending = .more
      } catch {
        channel.send(events, header: source.header, stats: source.stats, ending: .failed(error))
        return
      }
      guard channel.send(events, header: source.header, stats: source.stats, ending: ending) else { return }
      events = []
      events.reserveCapacity(batchSize)
    }
  }
}

/// A bounded queue of batches between the reading thread and the consumer.
private final class BatchChannel: @unchecked Sendable {
  // @unchecked: every stored property is read and written under `condition`.
  enum Ending: Sendable {
    case more
    case finished
    case failed(RecordingError)
  }

  struct Item: Sendable {
    var events: [TimedEvent]
    var header: RecordingHeader?
    var stats: RecordingReadStats
    var ending: Ending
  }

  private let condition = NSCondition()
  private var items: [Item] = []
  private var cancelled = false
  private let depth: Int

  init(depth: Int) { self.depth = depth }

  /// Waits for room and queues the batch; false once the consumer is gone.
  @discardableResult
  func send(_ events: [TimedEvent], header: RecordingHeader?, stats: RecordingReadStats, ending: Ending)
    -> Bool
  {
    condition.lock()
    defer { condition.unlock() }
    while items.count >= depth, !cancelled { condition.wait() }
    guard !cancelled else { return false }
    items.append(Item(events: events, header: header, stats: stats, ending: ending))
    condition.broadcast()
    return true
  }

  /// Waits for the next batch.
  func receive() -> Item {
    condition.lock()
    defer { condition.unlock() }
    while items.isEmpty { condition.wait() }
    let item = items.removeFirst()
    condition.broadcast()
    return item
  }

  /// The consumer is gone: the reading thread stops at its next batch.
  func cancel() {
    condition.lock()
    cancelled = true
    items.removeAll()
    condition.broadcast()
    condition.unlock()
  }
}
