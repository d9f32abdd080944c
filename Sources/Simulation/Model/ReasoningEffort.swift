/// A reasoning model's effort setting (`reasoning.effort`): how long it thinks before it speaks.
public enum ReasoningEffort: String, Sendable, Equatable, Hashable, CaseIterable {
  case minimal, low, medium, high, xhigh
}

/// A value per reasoning effort (tokens, or microseconds of latency).
public struct ReasoningBudget: Sendable, Equatable {
  public var minimal: Int64
  public var low: Int64
  public var medium: Int64
  public var high: Int64
  public var xhigh: Int64

  public init(minimal: Int64, low: Int64, medium: Int64, high: Int64, xhigh: Int64) {
    self.minimal = minimal
    self.low = low
    self.medium = medium
    self.high = high
    self.xhigh = xhigh
  }

  public subscript(effort: ReasoningEffort) -> Int64 {
    get {
      switch effort {
      case .minimal: minimal
      case .low: low
      case .medium: medium
      case .high: high
      case .xhigh: xhigh
      }
    }
    set {
      switch effort {
      case .minimal: minimal = newValue
      case .low: low = newValue
      case .medium: medium = newValue
      case .high: high = newValue
      case .xhigh: xhigh = newValue
      }
    }
  }
}
