/// Independent random streams derived from one scenario seed, one per concern.
///
/// Each stream's generator is seeded from a 64-bit FNV-1a hash of its name mixed with the seed
/// (and an optional index), so drawing more values from one stream, or adding a new stream, never
/// changes what another stream yields: adding a noise source does not reshuffle the user turns.
public enum RandomStream: String, Sendable, CaseIterable {
  /// When conversations start and how many turns they have.
  case conversations
  /// Per-turn sizes: utterance, response audio and text, function calls, think time.
  case turns
  /// Ambient noise bursts a VAD would commit (one stream per noise source index).
  case noise
  /// Local user commands (wake word, button).
  case commands
  /// Reconnect latencies attached to each stimulus that may need a reconnect.
  case reconnects
  /// The cache's probabilistic outcomes (a miss after a barge-in, a prompt warm from elsewhere).
  case cache

  /// A generator for this stream under `seed`; `index` separates several sources of one kind.
  public func generator(seed: UInt64, index: UInt64 = 0) -> SplitMix64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in rawValue.utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
    // Mix the name hash, the seed and the index through one SplitMix64 step each so that
    // nearby seeds give unrelated streams.
    var mixer = SplitMix64(seed: hash ^ seed)
    let base = mixer.next()
    var indexMixer = SplitMix64(seed: base ^ (index &* 0x9E37_79B9_7F4A_7C15))
    return SplitMix64(seed: indexMixer.next())
  }
}
