public import RealtimeEvents

/// Runs a ``SessionGuard`` (idle monitor, usage tracker, alert policy) on a real `Clock`: the live
/// driver an app or a proxy uses, one per connection.
///
/// All decisions stay in the state machine; this actor only reads the time, sleeps until
/// ``SessionGuard/nextCheck``, and hands every action to `onAction` (and keeps them in ``log``).
/// Use `ContinuousClock` in an app and swift-clocks' `TestClock` in tests. Real mode reads time from
/// the clock (monotonic); seed mode reproduces the seed's `time.time()` with
/// ``LiveTimeSource/wallClock(_:)`` (defect 11).
///
/// ```swift
/// let live = LiveSessionGuard(configuration: settings.configuration(priceCard: card), clock: ContinuousClock()) {
///   action in if case .idle(.disconnect) = action { socket.close() }
/// }
/// await live.connected()
/// for frame in socket { await live.handle(try RealtimeMessage.decode(frame)) }
/// ```
public actor LiveSessionGuard<C: Clock> where C.Duration == Duration {
  private var sessionGuard: SessionGuard
  private let clock: C
  private let start: C.Instant
  private let timeSource: LiveTimeSource
  private let wallStart: Micros
  private let onAction: @Sendable (SessionGuard.Action) -> Void
  private var timer: Task<Void, Never>?
  private var generation = 0
  /// Every action so far, in order.
  public private(set) var log: [SessionGuard.Action] = []

  /// A driver over `clock`; seed configurations default to the system wall clock, real ones to `clock`.
  public init(
    configuration: SessionGuard.Configuration, clock: C, timeSource: LiveTimeSource? = nil,
    lifetimeStart: UsageTracker.LifetimeStart = .init(),
    onAction: @escaping @Sendable (SessionGuard.Action) -> Void = { _ in }
  ) {
    sessionGuard = SessionGuard(configuration: configuration, lifetimeStart: lifetimeStart)
    self.clock = clock
    start = clock.now
    let source = timeSource ?? (configuration.idle.mode == .seed ? .systemWallClock : .monotonic)
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

  /// The guard as it is now (its monitor, meters and fired alerts).
  public var state: SessionGuard { sessionGuard }

  /// The connection opened (first connect, or the reconnect the monitor asked for).
  @discardableResult
  public func connected() -> [SessionGuard.Action] {
    let time = now()
    return deliver(sessionGuard.connected(at: time))
  }

  /// The reconnect the monitor asked for failed.
  @discardableResult
  public func connectionFailed() -> [SessionGuard.Action] {
    let time = now()
    return deliver(sessionGuard.connectionFailed(at: time))
  }

  /// The connection closed for a reason outside the guard (the network, the app, the server).
  @discardableResult
  public func closed() -> [SessionGuard.Action] {
    let time = now()
    return deliver(sessionGuard.closed(at: time))
  }

  /// An event was sent, received, or raised locally.
  @discardableResult
  public func handle(_ event: RealtimeEvent) -> [SessionGuard.Action] {
    let time = now()
    return deliver(sessionGuard.handle(event, at: time))
  }

  /// The totals metered since the last call, for a ``UsageStore``.
  public func takeUnsavedUsage() -> UsageTotals { sessionGuard.takeUnsavedUsage() }

  /// Stops the timer.
  public func stop() {
    timer?.cancel()
    timer = nil
    generation += 1
  }

  private func deliver(_ actions: [SessionGuard.Action]) -> [SessionGuard.Action] {
    log += actions
    for action in actions { onAction(action) }
    reschedule()
    return actions
  }

  private func reschedule() {
    timer?.cancel()
    generation += 1
    guard let next = sessionGuard.nextCheck else {
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
    _ = deliver(sessionGuard.advance(to: time))
  }
}
