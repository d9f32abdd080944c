/// What a WAV file holds, as read from libsndfile's `SF_INFO` and the file's own header.
public struct WAVFormat: Equatable, Sendable, CustomStringConvertible {
  /// Frames per second.
  public var sampleRate: Int
  /// 1 (mono) or 2 (stereo) for files rtcost reads.
  public var channels: Int
  /// The sample encoding; `.pcm(bits: 16)` for files rtcost reads.
  public var encoding: SampleEncoding
  /// Whether the header is `WAVE_FORMAT_EXTENSIBLE` (format tag 0xFFFE) rather than plain PCM.
  public var isExtensible: Bool

  /// A format.
  public init(sampleRate: Int, channels: Int, encoding: SampleEncoding, isExtensible: Bool) {
    self.sampleRate = sampleRate
    self.channels = channels
    self.encoding = encoding
    self.isExtensible = isExtensible
  }

  /// "WAV" or "WAV (WAVE_FORMAT_EXTENSIBLE)".
  public var containerName: String { isExtensible ? "WAV (WAVE_FORMAT_EXTENSIBLE)" : "WAV" }

  /// "mono", "stereo" or "N channels".
  public var channelText: String {
    switch channels {
    case 1: "mono"
    case 2: "stereo"
    default: "\(channels) channels"
    }
  }

  /// "WAV, 16-bit PCM, 24000 Hz, mono".
  public var description: String { "\(containerName), \(encoding), \(sampleRate) Hz, \(channelText)" }
}
