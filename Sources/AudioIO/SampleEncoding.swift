/// The sample encoding of an audio file, as libsndfile (or, failing that, the WAV header) reports it.
public enum SampleEncoding: Equatable, Sendable, CustomStringConvertible {
  /// Signed integer PCM with this many bits per sample (8, 16, 24, 32).
  case pcm(bits: Int)
  /// Unsigned 8-bit PCM (the usual 8-bit WAV encoding).
  case pcmUnsigned8
  /// IEEE floating point with this many bits (32 or 64).
  case float(bits: Int)
  /// G.711 μ-law.
  case ulaw
  /// G.711 A-law.
  case alaw
  /// Any other codec, by name ("IMA ADPCM", "GSM 6.10", "format tag 0x0055").
  case other(String)

  /// Whether rtcost reads this encoding: 16-bit signed PCM only.
  public var isPCM16: Bool { self == .pcm(bits: 16) }

  /// "16-bit PCM", "32-bit float", "G.711 μ-law", …
  public var description: String {
    switch self {
    case .pcm(let bits): "\(bits)-bit PCM"
    case .pcmUnsigned8: "8-bit PCM"
    case .float(let bits): "\(bits)-bit float"
    case .ulaw: "G.711 μ-law"
    case .alaw: "G.711 A-law"
    case .other(let name): name
    }
  }
}
