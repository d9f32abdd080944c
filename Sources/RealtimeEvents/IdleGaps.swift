/// Idle gaps of a timed recording: the time between consecutive activity events (plus from the first
/// event to the first activity, and from the last activity to the last event), with a fixed histogram.
///
/// Pure and incremental: ``record(activityAt:)`` for each activity, ``closed(at:)`` for the totals
/// including the trailing gap. Only gaps longer than zero are counted.
public struct IdleGaps: Sendable, Equatable {
  /// Upper bounds of the histogram buckets in seconds; the last bucket is open (≥ 30 min).
  public static let bucketUpperBoundsSeconds: [Int64] = [1, 5, 30, 60, 120, 300, 600, 1800]

  /// Bucket labels in order: `<1s`, `1-5s`, ..., `>=1800s`.
  public static var bucketLabels: [String] {
    var labels: [String] = []
    var lower: Int64 = 0
    for upper in bucketUpperBoundsSeconds {
      labels.append(lower == 0 ? "<\(upper)s" : "\(lower)-\(upper)s")
      lower = upper
    }
    labels.append(">=\(lower)s")
    return labels
  }

  /// Gaps counted.
  public private(set) var count = 0
  /// The longest gap and the time it started.
  public private(set) var longest: Micros = 0
  public private(set) var longestStart: Micros?
  /// Sum of all gaps.
  public private(set) var total: Micros = 0
  /// Gaps per bucket (``bucketUpperBoundsSeconds`` plus the open bucket).
  public private(set) var histogram = [Int](repeating: 0, count: IdleGaps.bucketUpperBoundsSeconds.count + 1)
  /// The time of the last mark (first event or activity).
  public private(set) var lastMark: Micros?

  public init() {}

  /// The first event of the recording: gaps are measured from it.
  public mutating func start(at time: Micros) {
    if lastMark == nil { lastMark = time }
  }

  /// An activity event at `time`.
  public mutating func record(activityAt time: Micros) {
    if let last = lastMark { add(gap: time - last, startingAt: last) }
    lastMark = time
  }

  /// The totals when the recording ends at `end` (the trailing quiet stretch included).
  public func closed(at end: Micros) -> IdleGaps {
    var copy = self
    if let last = lastMark, end > last { copy.add(gap: end - last, startingAt: last) }
    copy.lastMark = end
    return copy
  }

  private mutating func add(gap: Micros, startingAt start: Micros) {
    guard gap > 0 else { return }
    count += 1
    total += gap
    if gap > longest {
      longest = gap
      longestStart = start
    }
    let bucket =
      Self.bucketUpperBoundsSeconds.firstIndex { gap < $0 * Micros.perSecond }
      ?? Self.bucketUpperBoundsSeconds.count
    histogram[bucket] += 1
  }
}
