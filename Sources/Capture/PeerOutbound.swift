import DequeModule
import NIOCore
import NIOWebSocket
import Synchronization

/// The one way frames go out to one side of a session, in order.
///
/// The relay task forwarding the other side's frames, the reader answering pings and the session's
/// farewell all write here, one at a time (an async lock, uncontended in the common case), so a
/// close frame never lands inside a fragmented message and nothing follows it. Writes wait for the
/// channel to be writable: that is the backpressure that slows the other side's reader.
final class PeerOutbound: Sendable {
  private let writer: NIOAsyncChannelOutboundWriter<WebSocketFrame>
  /// Whether frames to this side are masked (the proxy is the client: upstream).
  let masked: Bool
  private let state = Mutex(State())

  private struct State {
    var locked = false
    var waiters: Deque<CheckedContinuation<Void, Never>> = []
    var closeSent = false
    /// A data message was started (fin false) and not finished.
    var midMessage = false
  }

  init(_ writer: NIOAsyncChannelOutboundWriter<WebSocketFrame>, masked: Bool) {
    self.writer = writer
    self.masked = masked
  }

  /// Whether this side was sent a close frame.
  var closeSent: Bool { state.withLock { $0.closeSent } }

  /// Forwards a data frame received from the other side; false (nothing written) once closing.
  @discardableResult
  func relay(_ frame: WebSocketFrame) async throws -> Bool {
    await acquire()
    defer { release() }
    let open = state.withLock { state in
      guard !state.closeSent else { return false }
      state.midMessage = !frame.fin
      return true
    }
    guard open else { return false }
    try await writer.write(frame.forwarded(masked: masked))
    return true
  }

  /// Writes a control frame of the proxy's own (a pong, a ping) unless closing.
  func control(_ opcode: WebSocketOpcode, data: ByteBuffer) async throws {
    await acquire()
    defer { release() }
    guard !closeSent else { return }
    try await writer.write(
      WebSocketFrame(fin: true, opcode: opcode, maskKey: masked ? .random() : nil, data: data))
  }

  /// Sends a text message of the proxy's own (an `error` event), then the close frame; nothing after.
  /// The message is left out when a fragmented message is in flight (it cannot be interleaved).
  /// Returns whether the message was sent.
  @discardableResult
  func farewell(message: [UInt8]?, close: CloseDetail) async -> Bool {
    await acquire()
    defer { release() }
    let (alreadyClosed, midMessage) = state.withLock { state in
      defer { state.closeSent = true }
      return (state.closeSent, state.midMessage)
    }
    guard !alreadyClosed else { return false }
    var sent = false
    do {
      if let message, !midMessage {
        var buffer = ByteBuffer()
        buffer.writeBytes(message)
        try await writer.write(
          WebSocketFrame(fin: true, opcode: .text, maskKey: masked ? .random() : nil, data: buffer))
        sent = true
      }
      try await writer.write(close.frame(masked: masked))
    } catch {
      return sent
    }
    return sent
  }

  /// Sends the reply to a close frame the other side sent (unless a close was already sent).
  func replyToClose(_ detail: CloseDetail) async {
    _ = await farewell(message: nil, close: detail.reply)
  }

  private func acquire() async {
    let acquired = state.withLock { state in
      if state.locked { return false }
      state.locked = true
      return true
    }
    if acquired { return }
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      let now = state.withLock { state in
        if !state.locked {
          state.locked = true
          return true
        }
        state.waiters.append(continuation)
        return false
      }
      if now { continuation.resume() }
    }
  }

  private func release() {
    let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
      if let next = state.waiters.popFirst() { return next }
      state.locked = false
      return nil
    }
    next?.resume()
  }
}
