#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reproducible test audio: a background bed with sounds placed on it, rendered in blocks.
///
/// Levels are RMS in dBFS (0 dBFS = a full-scale square wave). Sounds:
/// - `tone`: a sine at a whole number of hertz;
/// - `noise`: uniform white noise;
/// - `speechLike`: a vowel-like buzz (harmonics 1…12 of 125 Hz at amplitude 1/h) whose amplitude
///   swings between 40 % and 100 % four times a second, like syllables; not speech, but a signal
///   with speech's pitch, spectrum slope and syllable rhythm.
/// The bed is digital silence or white noise (−80 dBFS is a quiet converter's hiss). Noise comes
/// from seeded SplitMix64 streams, so the same description always gives the same samples. Sample
/// i of a sound starting at sample s uses phase (i − s), so every burst starts the same way.
/// Memory is one block and a one-second sine table, whatever the duration.
public struct SyntheticAudio: Sendable, Equatable {
  /// A sound to place on the bed.
  public enum Sound: Sendable, Equatable {
    case tone(hertz: Int, dBFS: Double)
    case noise(dBFS: Double)
    case speechLike(dBFS: Double)
  }

  /// The background under every sound.
  public enum Bed: Sendable, Equatable {
    case digitalSilence
    case noise(dBFS: Double)
  }

  /// Which channels a sound is in (stereo only; mono files have one).
  public enum Placement: Sendable, Equatable {
    case allChannels
    case leftOnly
    case rightOnly
  }

  /// A sound from `start` to `end` (microseconds; within the period when the program repeats).
  public struct Event: Sendable, Equatable {
    public var start: Int64
    public var end: Int64
    public var sound: Sound
    public var placement: Placement

    /// An event.
    public init(start: Int64, end: Int64, sound: Sound, placement: Placement = .allChannels) {
      self.start = start
      self.end = end
      self.sound = sound
      self.placement = placement
    }
  }

  public var sampleRate: Int
  public var channels: Int
  public var durationMicros: Int64
  public var bed: Bed
  public var events: [Event]
  /// When set, the events repeat every `period` microseconds (their times are within one period).
  public var period: Int64?
  public var seed: UInt64

  /// A description of audio to render.
  public init(
    sampleRate: Int, channels: Int = 1, durationMicros: Int64, bed: Bed, events: [Event] = [],
    period: Int64? = nil, seed: UInt64 = 1
  ) {
    self.sampleRate = sampleRate
    self.channels = channels
    self.durationMicros = durationMicros
    self.bed = bed
    self.events = events
    self.period = period
    self.seed = seed
  }

  /// Frames in the whole audio: ⌊duration × rate⌋.
  public var frameCount: Int64 { durationMicros * Int64(sampleRate) / 1_000_000 }

  /// Renders the audio as interleaved PCM16 blocks of at most `blockFrames` frames.
  public func render(blockFrames: Int = 4096, body: (ArraySlice<Int16>) throws -> Void) rethrows {
    var renderer = Renderer(self)
    var block = [Int16](repeating: 0, count: blockFrames * channels)
    var frame: Int64 = 0
    while frame < frameCount {
      let count = Int(min(Int64(blockFrames), frameCount - frame))
      for offset in 0..<count {
        for channel in 0..<channels {
          block[offset * channels + channel] = renderer.sample(frame: frame + Int64(offset), channel: channel)
        }
      }
      try body(block[0..<(count * channels)])
      frame += Int64(count)
    }
  }

  /// Writes the audio to `path` (16-bit PCM WAV unless another `format` is asked for).
  public func write(to path: String, format: WAVWriterFormat = .pcm16) throws(AudioError) {
    let writer = try WAVWriter(path: path, sampleRate: sampleRate, channels: channels, format: format)
    do {
      try render { block in try writer.write(interleaved: block) }
    } catch let error as AudioError {
      throw error
    } catch {
      throw AudioError(path: path, reason: "\(error)")
    }
    try writer.close()
  }

  /// The sample generator: a sine table and the noise streams.
  private struct Renderer {
    let audio: SyntheticAudio
    let rate: Int64
    let sine: [Double]
    var bedNoise: SplitMix64
    var soundNoise: SplitMix64
    let eventSamples: [(start: Int64, end: Int64)]
    let periodSamples: Int64?

    init(_ audio: SyntheticAudio) {
      self.audio = audio
      rate = Int64(audio.sampleRate)
      let count = audio.sampleRate
      sine = (0..<count).map { sin(2 * Double.pi * Double($0) / Double(count)) }
      bedNoise = SplitMix64(seed: audio.seed)
      soundNoise = SplitMix64(seed: audio.seed ^ 0x5EED_0F_50_17D5)
      eventSamples = audio.events.map {
        ($0.start * Int64(audio.sampleRate) / 1_000_000, $0.end * Int64(audio.sampleRate) / 1_000_000)
      }
      periodSamples = audio.period.map { $0 * Int64(audio.sampleRate) / 1_000_000 }
    }

    mutating func sample(frame: Int64, channel: Int) -> Int16 {
      var value = 0.0
      if case .noise(let dBFS) = audio.bed {
        value += SyntheticAudio.amplitude(dBFS) * 3.0.squareRoot() * bedNoise.nextSigned()
      }
      let local = periodSamples.map { frame % $0 } ?? frame
      for (index, event) in audio.events.enumerated() {
        let span = eventSamples[index]
        guard local >= span.start, local < span.end else { continue }
        if event.placement == .leftOnly && channel != 0 { continue }
        if event.placement == .rightOnly && channel != 1 { continue }
        value += sound(event.sound, at: local - span.start)
      }
      return Int16(max(-32768, min(32767, value.rounded())))
    }

    /// Sample `i` of `sound` since its start.
    private mutating func sound(_ sound: Sound, at i: Int64) -> Double {
      switch sound {
      case .tone(let hertz, let dBFS):
        return SyntheticAudio.amplitude(dBFS) * 2.0.squareRoot() * sinTable(Int64(hertz) * i)
      case .noise(let dBFS):
        return SyntheticAudio.amplitude(dBFS) * 3.0.squareRoot() * soundNoise.nextSigned()
      case .speechLike(let dBFS):
        var buzz = 0.0
        for harmonic in 1...12 { buzz += sinTable(Int64(125 * harmonic) * i) / Double(harmonic) }
        let envelope = 0.7 + 0.3 * sinTable(4 * i)
        return SyntheticAudio.amplitude(dBFS) / SyntheticAudio.speechLikeRMS * envelope * buzz
      }
    }

    /// sin(2π · cycles / rate) for a whole number of cycles-times-samples.
    private func sinTable(_ cyclesTimesSamples: Int64) -> Double { sine[Int(cyclesTimesSamples % rate)] }
  }

  /// The RMS, in PCM16 units, of a signal at `dBFS` (0 dBFS RMS is 32768).
  static func amplitude(_ dBFS: Double) -> Double { 32768 * pow(10, dBFS / 20) }

  /// The RMS of the unscaled speech-like signal: √(Σ 1/h² / 2 · E[envelope²]) for h = 1…12.
  static let speechLikeRMS: Double = {
    let harmonics = (1...12).reduce(0.0) { $0 + 1 / Double($1 * $1) } / 2
    let envelopeMeanSquare = 0.7 * 0.7 + 0.3 * 0.3 / 2
    return (harmonics * envelopeMeanSquare).squareRoot()
  }()
}
