/// The sizes and timings of the relay, each a named parameter with its default and its source.
public struct RelayLimits: Sendable, Equatable {
  /// The largest WebSocket frame accepted from either side. NIO's default is 16 KiB, far below the
  /// 15 MiB of base64 one `input_audio_buffer.append` may carry (DESIGN §2, §7.7): 16 MiB.
  public var maxFrameSize: Int
  /// The largest message (frames joined) handed to the recorder and the guard; a larger one is still
  /// relayed, and recorded as a `local.message_not_recorded` marker.
  public var maxMessageSize: Int
  /// How often the proxy pings the upstream: about every 20 s (DESIGN §7.7), so idle NATs and load
  /// balancers keep the connection.
  public var upstreamPingInterval: Duration
  /// How long the proxy waits for the other side's close frame after sending its own.
  public var closeTimeout: Duration
  /// How long opening the upstream (TCP, TLS and the HTTP upgrade) may take.
  public var connectTimeout: Duration

  public init(
    maxFrameSize: Int = 1 << 24, maxMessageSize: Int = 1 << 24, upstreamPingInterval: Duration = .seconds(20),
    closeTimeout: Duration = .seconds(5), connectTimeout: Duration = .seconds(10)
  ) {
    self.maxFrameSize = maxFrameSize
    self.maxMessageSize = maxMessageSize
    self.upstreamPingInterval = upstreamPingInterval
    self.closeTimeout = closeTimeout
    self.connectTimeout = connectTimeout
  }
}
