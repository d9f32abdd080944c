/// The server-VAD emulation: mono PCM16 in, speech segments out, in bounded memory.
///
/// An energy detector, not OpenAI's model: each 20 ms frame's level (``FrameLevelMeter``) is compared
/// with an adaptive noise floor (the lowest 100 ms-smoothed level from ``lookBackMicros`` before
/// to ``lookAheadMicros`` after the frame) and with an absolute gate; both come from `threshold`
/// (see ``VADParameters``). Frame decisions become turns as on the server: speech starts at the first
/// active frame and ends after `silence_duration_ms` of inactive frames; prefix padding is added
/// before the start. The look-ahead delays every decision by 1.5 s, which the server's
/// streaming model does not do; segment times are unaffected.
///
/// Feed samples with ``push(_:)``, then call ``finish()``; each returns the segments completed.
/// Memory is the noise window (231 frame levels), whatever the length of the audio.
public struct SpeechSegmenter: Sendable {
  /// Analysis frame length: 20 ms.
  public static let frameMicros: Int64 = 20_000
  /// How far back the noise floor looks: 3 s.
  public static let lookBackMicros: Int64 = 3_000_000
  /// How far ahead the noise floor looks: 1.5 s.
  public static let lookAheadMicros: Int64 = 1_500_000

  /// The settings in use.
  public let parameters: VADParameters
  /// The sample rate of the audio fed in.
  public let sampleRate: Int
  private var meter: FrameLevelMeter
  private var window: NoiseFloorWindow
  private var turns: TurnDetector
  private var decided: Int64 = 0
  /// Frames analysed so far that were speech.
  public private(set) var activeFrames: Int64 = 0
  /// Frames analysed so far.
  public private(set) var framesDecided: Int64 = 0

  /// A segmenter for mono audio at `sampleRate` Hz.
  public init(sampleRate: Int, parameters: VADParameters = .serverDefault) {
    self.sampleRate = sampleRate
    self.parameters = parameters
    meter = FrameLevelMeter(sampleRate: sampleRate)
    window = NoiseFloorWindow(
      lookBackFrames: Int(SpeechSegmenter.lookBackMicros / SpeechSegmenter.frameMicros),
      lookAheadFrames: Int(SpeechSegmenter.lookAheadMicros / SpeechSegmenter.frameMicros))
    turns = TurnDetector(
      prefixPadding: parameters.prefixPaddingMicros, silenceDuration: parameters.silenceDurationMicros)
  }

  /// The most frame levels the noise window holds: the segmenter's whole memory.
  public var windowCapacity: Int { window.capacity }

  /// Analyses more samples; returns the segments they commit.
  public mutating func push(_ samples: ArraySlice<Int16>) -> [SpeechSegment] {
    var segments: [SpeechSegment] = []
    var meter = self.meter
    meter.push(samples) { frame in
      window.append(frame)
      // Frame d is decided once the smoothed levels through d + lookAhead are known.
      let ready = window.smoothedThrough - Int64(window.lookAheadFrames)
      if ready >= 0, let segment = decide(ready) { segments.append(segment) }
    }
    self.meter = meter
    return segments
  }

  /// Ends the audio: decides the frames still waiting for look-ahead and returns the segments they
  /// commit, then the pending segment (``SpeechSegment/committedAt`` nil) if speech was still open.
  public mutating func finish() -> [SpeechSegment] {
    var segments: [SpeechSegment] = []
    var meter = self.meter
    meter.finish { frame in window.append(frame) }
    self.meter = meter
    window.close()
    while decided <= window.newest {
      if let segment = decide(decided) { segments.append(segment) }
    }
    if let pending = turns.finish() { segments.append(pending) }
    return segments
  }

  /// Decides frame `index` (the next undecided one) against the floor of its window.
  private mutating func decide(_ index: Int64) -> SpeechSegment? {
    precondition(index == decided)
    window.evict(before: index - Int64(window.lookBackFrames))
    let frame = window.frame(index)
    let active = SpeechSegmenter.isActive(
      level: frame.centibels, floor: window.floorCentibels, parameters: parameters)
    decided += 1
    framesDecided += 1
    if active { activeFrames += 1 }
    return turns.frame(start: frame.start, end: frame.end, active: active)
  }

  /// The frame rule: at least `requiredSNR` above the floor and at least the absolute gate.
  static func isActive(level: Int32, floor: Int32, parameters: VADParameters) -> Bool {
    level >= floor + parameters.requiredSNRCentibels && level >= parameters.absoluteGateCentibels
  }
}
