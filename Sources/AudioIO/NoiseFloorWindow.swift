/// The adaptive noise floor: the lowest smoothed level in a sliding window around each frame.
///
/// Each frame's level is first smoothed over five frames (the mean power of frames j−2 … j+2,
/// 100 ms), so that a stray frame or two (a digital-silence glitch left by an edit, a click) cannot
/// set the floor by themselves and the random spread of noise levels shrinks. Only whole five-frame
/// windows count: the first two and last two frames of the audio get no smoothed level of their own
/// (audio shorter than five frames gets one, the mean of all its frames). The floor of frame k is the
/// minimum of those smoothed levels from ``lookBackFrames`` before k to ``lookAheadFrames`` after it
/// (clipped at the ends): the quietest sustained moment nearby, the "minimum statistics" idea of
/// noise estimators. Memory is the window: a ring of frames and a sorted copy of their smoothed levels.
struct NoiseFloorWindow {
  let lookBackFrames: Int
  let lookAheadFrames: Int
  private var frames: [FrameLevel?]
  private var smoothed: [Int32?]
  private var sorted: [Int32] = []
  /// Index of the newest frame added; −1 before the first.
  private(set) var newest: Int64 = -1
  /// Index of the newest frame whose smoothed level is known; −1 before the first.
  private(set) var smoothedThrough: Int64 = -1
  /// Index of the oldest frame whose smoothed level is still in the window.
  private(set) var oldest: Int64 = 0

  init(lookBackFrames: Int, lookAheadFrames: Int) {
    self.lookBackFrames = lookBackFrames
    self.lookAheadFrames = lookAheadFrames
    frames = Array(
      repeating: nil, count: lookBackFrames + lookAheadFrames + 2 * Int(NoiseFloorWindow.smoothingRadius) + 2)
    smoothed = Array(repeating: nil, count: frames.count)
  }

  /// The number of frames the window can hold.
  var capacity: Int { frames.count }

  /// Frames each side of a frame in its smoothed level.
  static let smoothingRadius: Int64 = 2

  /// Adds the next frame (its index must follow the previous one) and smooths the one `radius` before it.
  mutating func append(_ frame: FrameLevel) {
    precondition(frame.index == newest + 1)
    precondition(newest - oldest + 2 <= Int64(capacity), "evict before appending")
    newest = frame.index
    frames[slot(frame.index)] = frame
    let radius = NoiseFloorWindow.smoothingRadius
    let centre = frame.index - radius
    if centre >= radius {
      smooth(centre, from: centre - radius, through: frame.index)
    } else {
      smoothedThrough = max(smoothedThrough, centre)
    }
  }

  /// Marks the end of the audio: the last frames get no smoothed level of their own, unless the
  /// audio was too short for any, when its one level is the mean of all frames.
  mutating func close() {
    guard newest >= 0 else { return }
    if sorted.isEmpty {
      smooth(newest, from: 0, through: newest)
    }
    smoothedThrough = newest
  }

  /// Drops every frame before `index`.
  mutating func evict(before index: Int64) {
    while oldest < index, oldest <= smoothedThrough {
      if let level = smoothed[slot(oldest)] { sorted.remove(at: insertionPoint(level)) }
      smoothed[slot(oldest)] = nil
      frames[slot(oldest)] = nil
      oldest += 1
    }
  }

  /// The frame at `index`, which must be held.
  func frame(_ index: Int64) -> FrameLevel { frames[slot(index)]! }

  /// The lowest smoothed level held, in centibels.
  var floorCentibels: Int32 { sorted[0] }

  private mutating func smooth(_ index: Int64, from first: Int64, through last: Int64) {
    var power = 0.0
    for neighbour in first...last { power += frames[slot(neighbour)]!.power }
    let level = FrameLevelMeter.centibels(power: power / Double(last - first + 1))
    smoothed[slot(index)] = level
    sorted.insert(level, at: insertionPoint(level))
    smoothedThrough = max(smoothedThrough, index)
  }

  private func slot(_ index: Int64) -> Int { Int(index % Int64(frames.count)) }

  /// The first position whose level is not below `level`.
  private func insertionPoint(_ level: Int32) -> Int {
    var low = 0
    var high = sorted.count
    while low < high {
      let middle = (low + high) / 2
      if sorted[middle] < level { low = middle + 1 } else { high = middle }
    }
    return low
  }
}
