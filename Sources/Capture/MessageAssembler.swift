import NIOCore
import NIOWebSocket

/// Joins the frames of one direction into whole messages, for the recorder and the guard only (the
/// relay forwards frames as they come). A single-frame message is handed on without a copy.
struct MessageAssembler {
  /// A whole message.
  enum Output: Equatable {
    case message(ByteBuffer, text: Bool)
    /// A message larger than the limit: relayed, but neither recorded nor decoded.
    case tooLarge(bytes: Int, text: Bool)
  }

  let limit: Int
  private var buffer: ByteBuffer?
  private var text = false
  private var size = 0
  private var inMessage = false

  init(limit: Int) { self.limit = limit }

  /// Adds a data frame; returns the message it completed, if any.
  mutating func add(_ frame: WebSocketFrame) -> Output? {
    switch frame.opcode {
    case .text, .binary:
      text = frame.opcode == .text
      size = frame.length
      inMessage = !frame.fin
      if frame.fin {
        buffer = nil
        return size > limit ? .tooLarge(bytes: size, text: text) : .message(frame.unmaskedData, text: text)
      }
      buffer = size > limit ? nil : frame.unmaskedData
      return nil
    case .continuation:
      guard inMessage else { return nil }
      size += frame.length
      if size > limit {
        buffer = nil
      } else if buffer != nil {
        var data = frame.unmaskedData
        buffer!.writeBuffer(&data)
      }
      guard frame.fin else { return nil }
      inMessage = false
      defer { buffer = nil }
      if let buffer, size <= limit { return .message(buffer, text: text) }
      return .tooLarge(bytes: size, text: text)
    default:
      return nil
    }
  }
}
