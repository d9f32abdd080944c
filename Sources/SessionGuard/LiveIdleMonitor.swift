public import RealtimeEvents

/// Runs an ``IdleMonitor`` on a real `Clock`: a thin driver that sleeps until ``IdleMonitor/nextCheck``.
///
/// All decisions stay in the state machine; this actor only reads the time, sleeps, and hands the
/// actions to `onAction` (and keeps them in ``log``). Use `ContinuousClock` in an app and
/// swift-clocks' `TestClock` in tests. Real mode reads time from the clock (monotonic); seed mode
/// reproduces the seed's `time.time()` with ``LiveTimeSource/wallClock(_:)`` (defect 11).
public actor LiveIdleMonitor<C: Clock> where C.Duration == Duration {
  private var monitor: IdleMonitor
  private let clock: C
  private let start: C.Instant
  private let timeSource: LiveTimeSource
  private let wallStart: Micros
  private let onAction: @Sendable (IdleMonitor.Action) -> Void
  private var timer: Task<Void, Never>?
  private var generation = 0
  /// Every action so far, in order.
  public private(set) var log: [IdleMonitor.Action] = []

  /// A driver over `clock`; seed configurations default to the system wall clock, real ones to `clock`.
  public init(
    configuration: IdleMonitor.Configuration, clock: C, timeSource: LiveTimeSource? = nil,
    onAction: @escaping @Sendable (IdleMonitor.Action) -> Void = { _ in }
  ) {
    monitor = IdleMonitor(configuration: configuration)
    self.clock = clock
    start = clock.now
    let source = timeSource ?? (configuration.mode == .seed ? .systemWallClock : .monotonic)
    self.timeSource = source
    if case .wallClock(let read) = source { wallStart = read() } else { wallStart = 0 }
    self.onAction = onAction
  }

  /// Microseconds since the driver started, from the time source.
  public func now() -> Micros {
    switch timeSource {
    case .monotonic: start.duration(to: clock.now).wholeMicroseconds
    case .wallClock(let read): read() - wallStart
    }
  }

  /// The state machine as it is now.
  public var state: IdleMonitor { monitor }

  /// The connection opened (first connect, or the reconnect the monitor asked for).
  @discardableResult
  public func connected() -> [IdleMonitor.Action] {
    let time = now()
    return deliver(monitor.connected(at: time))
  }

  /// The reconnect the monitor asked for failed.
  @discardableResult
  public func connectionFailed() -> [IdleMonitor.Action] {
    let time = now()
    return deliver(monitor.connectionFailed(at: time))
  }

  /// An event was sent, received, or raised locally.
  @discardableResult
  public func handle(_ event: RealtimeEvent) -> [IdleMonitor.Action] {
    let time = now()
    return deliver(monitor.handle(event, at: time))
  }

  /// Stops the timer.
  public func stop() {
    timer?.cancel()
    timer = nil
    generation += 1
  }

  private func deliver(_ actions: [IdleMonitor.Action]) -> [IdleMonitor.Action] {
    log += actions
    for action in actions { onAction(action) }
    reschedule()
    return actions
  }

  private func reschedule() {
    timer?.cancel()
    generation += 1
    guard let next = monitor.nextCheck else {
      timer = nil
      return
    }
    let delay = max(0, next - now())
    let expected = generation
    let clock = self.clock
    timer = Task { [weak self] in
      do {
        try await clock.sleep(for: .microseconds(delay))
      } catch {
        return
      }
      await self?.fire(expected)
    }
  }

  private func fire(_ expected: Int) {
    guard expected == generation else { return }
    let time = now()
    _ = deliver(monitor.advance(to: time))
  }
}
