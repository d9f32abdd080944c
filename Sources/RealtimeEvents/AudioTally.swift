/// Decoded audio bytes per format, with their exact duration.
public struct AudioTally: Sendable, Equatable {
  public private(set) var pcm16Bytes: Int64 = 0
  public private(set) var g711UlawBytes: Int64 = 0
  public private(set) var g711AlawBytes: Int64 = 0

  public init() {}

  public mutating func add(bytes: Int64, format: AudioFormat) {
    switch format {
    case .pcm16: pcm16Bytes += bytes
    case .g711Ulaw: g711UlawBytes += bytes
    case .g711Alaw: g711AlawBytes += bytes
    }
  }

  public func bytes(_ format: AudioFormat) -> Int64 {
    switch format {
    case .pcm16: pcm16Bytes
    case .g711Ulaw: g711UlawBytes
    case .g711Alaw: g711AlawBytes
    }
  }

  /// The duration of `format`'s audio in microseconds, rounded down (48,000 or 8,000 bytes/s).
  public func micros(_ format: AudioFormat) -> Micros {
    bytes(format) * Micros.perSecond / format.bytesPerSecond
  }

  /// The total duration in microseconds over every format.
  public var totalMicros: Micros { AudioFormat.allCases.reduce(0) { $0 + micros($1) } }

  /// Seconds of `format`'s audio, for display.
  public func seconds(_ format: AudioFormat) -> Double {
    Double(bytes(format)) / Double(format.bytesPerSecond)
  }
}
