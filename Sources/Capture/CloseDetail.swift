import NIOCore
public import NIOWebSocket

/// The status code and reason of a WebSocket close frame (RFC 6455 §5.5.1).
public struct CloseDetail: Sendable, Equatable, CustomStringConvertible {
  /// The status code; nil when the frame carried none (seen by the other side as 1005).
  public var code: Int?
  /// The reason text (at most 123 bytes of UTF-8 on the wire).
  public var reason: String

  public init(code: Int?, reason: String = "") {
    self.code = code
    self.reason = reason
  }

  /// Normal closure.
  public static let normal = CloseDetail(code: 1000)

  /// The code and reason of a received close frame.
  public init(frame: WebSocketFrame) {
    var data = frame.unmaskedData
    guard data.readableBytes >= 2, let code = data.readInteger(as: UInt16.self) else {
      self.init(code: nil)
      return
    }
    self.init(code: Int(code), reason: data.readString(length: data.readableBytes) ?? "")
  }

  /// A close frame carrying this code and reason (the reason cut to 123 bytes on a character boundary).
  /// Codes that must never be sent (1005, 1006, 1015) are sent as a close without a code.
  public func frame(masked: Bool) -> WebSocketFrame {
    var buffer = ByteBuffer()
    if let code, ![1005, 1006, 1015].contains(code), (1000...4999).contains(code) {
      buffer.writeInteger(UInt16(code))
      var cut = reason
      while cut.utf8.count > 123 { cut.removeLast() }
      buffer.writeString(cut)
    }
    return WebSocketFrame(
      fin: true, opcode: .connectionClose, maskKey: masked ? .random() : nil, data: buffer)
  }

  /// The reply to a close frame with this detail: the same code, no reason.
  public var reply: CloseDetail { CloseDetail(code: code) }

  public var description: String {
    guard let code else { return "no status" }
    return reason.isEmpty ? "\(code)" : "\(code) \(reason)"
  }
}

extension WebSocketFrame {
  /// This frame as it goes on to the other side: the same flags and payload, masked when the proxy
  /// sends it as a client (upstream), unmasked when it sends it as a server (to the app).
  func forwarded(masked: Bool) -> WebSocketFrame {
    WebSocketFrame(
      fin: fin, rsv1: rsv1, rsv2: rsv2, rsv3: rsv3, opcode: opcode, maskKey: masked ? .random() : nil,
      data: unmaskedData)
  }
}
