/// The spans of time that usage is summed over.
public enum UsageWindow: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
  /// Since the current connection opened; resets on every new session.
  case session
  /// The last 60 minutes, sliding.
  case rollingHour = "rolling_hour"
  /// The current UTC calendar day; resets at midnight UTC.
  case day
  /// Everything ever recorded, including what the stats file held at start.
  case lifetime

  public static func < (lhs: UsageWindow, rhs: UsageWindow) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}
