#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The level of one 20 ms analysis frame.
struct FrameLevel: Equatable {
  /// 0-based frame number.
  var index: Int64
  /// Start and end in microseconds of audio (floor of the sample times).
  var start: Int64
  var end: Int64
  /// AC power (variance, DC removed) relative to full scale squared; 0 for digital silence.
  var power: Double
  /// ``power`` in centibels (0.01 dB), rounded to nearest, at least −10000 (−100 dBFS).
  var centibels: Int32
}

/// Cuts mono PCM16 into 20 ms frames and measures each frame's level. A pure accumulator.
///
/// Frame k holds samples ⌊k·rate/50⌋ ..< ⌊(k+1)·rate/50⌋, so frames are exactly 20 ms at every rate
/// divisible by 50 and within one sample of it otherwise. The level is the frame's variance (its DC
/// offset removed) over full scale squared, `10·log10(var / 32768²)` dB, floored at −100 dB (digital
/// silence). Sums are exact `Int64`; only the final logarithm is floating point. A final partial
/// frame is measured over the samples it has.
struct FrameLevelMeter {
  /// The floor for digital silence, in centibels (−100 dBFS).
  static let silenceCentibels: Int32 = -10_000

  let sampleRate: Int64
  private(set) var samplesSeen: Int64 = 0
  private var frameIndex: Int64 = 0
  private var frameStart: Int64 = 0
  private var frameEnd: Int64
  private var sum: Int64 = 0
  private var sumSquares: Int64 = 0

  init(sampleRate: Int) {
    precondition(sampleRate > 0)
    self.sampleRate = Int64(sampleRate)
    self.frameEnd = Int64(sampleRate) / 50
  }

  /// Adds samples; calls `emit` for every frame they complete.
  mutating func push(_ samples: ArraySlice<Int16>, emit: (FrameLevel) -> Void) {
    for sample in samples {
      let value = Int64(sample)
      sum += value
      sumSquares += value * value
      samplesSeen += 1
      if samplesSeen == frameEnd { emit(closeFrame()) }
    }
  }

  /// Emits the final partial frame, if any samples are left.
  mutating func finish(emit: (FrameLevel) -> Void) {
    if samplesSeen > frameStart { emit(closeFrame()) }
  }

  private mutating func closeFrame() -> FrameLevel {
    let count = samplesSeen - frameStart
    let power = FrameLevelMeter.power(sum: sum, sumSquares: sumSquares, count: count)
    let level = FrameLevel(
      index: frameIndex, start: frameStart * 1_000_000 / sampleRate,
      end: samplesSeen * 1_000_000 / sampleRate,
      power: power, centibels: FrameLevelMeter.centibels(power: power))
    frameIndex += 1
    frameStart = samplesSeen
    frameEnd = (frameIndex + 1) * sampleRate / 50
    sum = 0
    sumSquares = 0
    return level
  }

  /// The variance of `count` samples with these sums, over full scale squared (32768²); never negative.
  static func power(sum: Int64, sumSquares: Int64, count: Int64) -> Double {
    guard count > 0 else { return 0 }
    // n·Σx² − (Σx)² is exact in Int64 for any frame shorter than 2^32 / 32768² · … samples; use
    // Double for the product to stay safe at very high rates.
    let n = Double(count)
    let numerator = n * Double(sumSquares) - Double(sum) * Double(sum)
    return max(0, numerator / (n * n) / (32768.0 * 32768.0))
  }

  /// `10·log10(power)` in centibels, rounded to nearest, floored at −100 dB.
  static func centibels(power: Double) -> Int32 {
    guard power > 1e-10 else { return silenceCentibels }
    return max(silenceCentibels, Int32((1000 * log10(power)).rounded()))
  }
}
