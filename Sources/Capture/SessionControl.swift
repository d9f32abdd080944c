import Synchronization

/// The way into one running session from outside its relay: the live guard's closes, a fleet budget,
/// a shutdown. Signals sent before the relay starts wait for it.
final class SessionControl: Sendable {
  private let state = Mutex(State())

  private struct State {
    var continuation: AsyncStream<SessionLifecycle.Signal>.Continuation?
    var pending: [SessionLifecycle.Signal] = []
  }

  /// Sends `signal` to the session (now, or when its relay starts).
  func signal(_ signal: SessionLifecycle.Signal) {
    state.withLock { state in
      if let continuation = state.continuation {
        continuation.yield(signal)
      } else {
        state.pending.append(signal)
      }
    }
  }

  /// The relay starts listening on `continuation`.
  func attach(_ continuation: AsyncStream<SessionLifecycle.Signal>.Continuation) {
    state.withLock { state in
      for signal in state.pending { continuation.yield(signal) }
      state.pending = []
      state.continuation = continuation
    }
  }

  /// The relay stopped listening.
  func detach() { state.withLock { $0.continuation = nil } }

  /// Signals sent while no relay listened (a shutdown during the upstream handshake).
  var pendingSignals: [SessionLifecycle.Signal] { state.withLock { $0.pending } }
}
