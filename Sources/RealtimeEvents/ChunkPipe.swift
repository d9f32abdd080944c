import Dispatch
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a regular file ahead on a thread of its own, into a ring of fixed chunks, so that the
/// kernel's copy in `read(2)` runs beside the reader's scanning instead of before it.
///
/// One thread reads (``produce()``), one consumes (``acquire()``, ``release()``); each chunk passes from
/// one to the other through two counting semaphores, which also order the chunk's bytes and length
/// between the threads. The consumer owns the file descriptor's lifetime: ``stop()`` ends the
/// reading thread and closes it. Bytes arrive exactly as `read(2)` returns them, in order, with the
/// same end of file and the same error (`errno`) at the same point.
final class ChunkPipe: @unchecked Sendable {
  // @unchecked: `storage` and `lengths` slots are written by the reading thread before
  // `filled.signal()` and read by the consumer after `filled.wait()`, one owner at a time; the
  // consumer's position fields are touched by the consumer alone; `cancelled` is atomic.
  private let fd: Int32
  private let chunkSize: Int
  private let slotCount: Int
  private let storage: UnsafeMutableRawPointer
  /// Per slot: bytes read (0 at the end of the file), or `-errno`.
  private let lengths: UnsafeMutablePointer<Int>
  /// Free slots. Created at 0 and raised to `slots`: libdispatch traps when a semaphore is
  /// released below the value it was created with, which a stopped pipe may be.
  private let free = DispatchSemaphore(value: 0)
  private let filled = DispatchSemaphore(value: 0)
  private let stopped = DispatchSemaphore(value: 0)
  private let cancelled = Atomic<Bool>(false)

  // The consumer's side.
  private var slot = 0
  private var holding = false
  /// 0 once the end was read, `errno` once an error was; nil before.
  private var ended: Int32?
  private var isStopped = false

  /// Starts reading `fd` (a regular file) in `chunkSize` pieces, at most `slots` ahead.
  init?(fd: Int32, chunkSize: Int, slots: Int = 4) {
    precondition(chunkSize > 0 && slots > 1, "a pipe needs chunks and room for two")
    self.fd = fd
    self.chunkSize = chunkSize
    slotCount = slots
    storage = .allocate(byteCount: chunkSize * slots, alignment: 64)
    lengths = .allocate(capacity: slots)
    lengths.initialize(repeating: 0, count: slots)
    for _ in 0..<slots { free.signal() }
    guard Self.startThread(running: self) else {
      // No thread: the caller reads the file itself.
      isStopped = true
      return nil
    }
  }

  deinit {
    storage.deallocate()
    lengths.deallocate()
  }

  /// A chunk as the consumer sees it.
  enum Chunk {
    /// Bytes read, valid until ``release()``.
    case bytes(UnsafeRawBufferPointer)
    /// The end of the file (again on every later call).
    case end
    /// `read(2)` failed with this `errno` (again on every later call).
    case failed(Int32)
  }

  /// Waits for the next chunk. A chunk held must be released before the next is acquired.
  func acquire() -> Chunk {
    precondition(!holding, "release the chunk before acquiring the next")
    while true {
      if let ended { return ended == 0 ? .end : .failed(ended) }
      filled.wait()
      let length = lengths[slot]
      guard length > 0 else {
        // The reading thread stopped after this slot: nothing to hand back.
        ended = length == 0 ? 0 : Int32(-length)
        continue
      }
      holding = true
      return .bytes(UnsafeRawBufferPointer(start: storage + slot * chunkSize, count: length))
    }
  }

  /// Hands the chunk last acquired back to the reading thread.
  func release() {
    precondition(holding, "no chunk is held")
    holding = false
    slot = (slot + 1) % slotCount
    free.signal()
  }

  /// Ends the reading thread (it stops before its next chunk) and closes the file. Idempotent.
  func stop() {
    guard !isStopped else { return }
    isStopped = true
    cancelled.store(true, ordering: .releasing)
    free.signal()
    stopped.wait()
    close(fd)
  }

  /// The reading thread's loop: a chunk per free slot until the end, an error or ``stop()``.
  fileprivate func produce() {
    defer { stopped.signal() }
    var index = 0
    while true {
      free.wait()
      if cancelled.load(ordering: .acquiring) { return }
      let destination = storage + index * chunkSize
      let got = readRetryingInterrupts(fd, destination, chunkSize)
      lengths[index] = got
      filled.signal()
      if got <= 0 { return }
      index = (index + 1) % slotCount
    }
  }

  /// A detached POSIX thread running `pipe.produce()` (not a Dispatch worker: the consumer may
  /// itself run on one, and a pool of two could wait on itself).
  private static func startThread(running pipe: ChunkPipe) -> Bool {
    let context = Unmanaged.passRetained(pipe).toOpaque()
    #if canImport(Glibc)
      var thread = pthread_t()
      let started = pthread_create(&thread, nil, chunkPipeThreadMain, context)
      guard started == 0 else {
        Unmanaged<ChunkPipe>.fromOpaque(context).release()
        return false
      }
      pthread_detach(thread)
    #else
      var thread: pthread_t?
      let started = pthread_create(&thread, nil, chunkPipeThreadMain, context)
      guard started == 0, let thread else {
        Unmanaged<ChunkPipe>.fromOpaque(context).release()
        return false
      }
      pthread_detach(thread)
    #endif
    return true
  }
}

#if canImport(Glibc)
  private func chunkPipeThreadMain(_ context: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    Unmanaged<ChunkPipe>.fromOpaque(context!).takeRetainedValue().produce()
    return nil
  }
#else
  private func chunkPipeThreadMain(_ context: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer? {
    Unmanaged<ChunkPipe>.fromOpaque(context).takeRetainedValue().produce()
    return nil
  }
#endif
