/// The eight billing categories of one Realtime response (DESIGN §1, billing identity).
///
/// Cached input is counted apart from uncached input: `textIn` holds the *uncached* text input tokens.
public enum TokenCategory: String, CaseIterable, Sendable, Hashable, Comparable {
  case textIn = "text_in"
  case textInCached = "text_in_cached"
  case audioIn = "audio_in"
  case audioInCached = "audio_in_cached"
  case imageIn = "image_in"
  case imageInCached = "image_in_cached"
  case textOut = "text_out"
  case audioOut = "audio_out"

  /// The position in ``allCases``, which is the order of every report.
  public var index: Int {
    switch self {
    case .textIn: 0
    case .textInCached: 1
    case .audioIn: 2
    case .audioInCached: 3
    case .imageIn: 4
    case .imageInCached: 5
    case .textOut: 6
    case .audioOut: 7
    }
  }

  /// Whether the category is billed input (re-billed context), as opposed to generated output.
  public var isInput: Bool { index < 6 }

  /// Whether the category is the cached part of an input kind.
  public var isCached: Bool { self == .textInCached || self == .audioInCached || self == .imageInCached }

  public static func < (lhs: TokenCategory, rhs: TokenCategory) -> Bool { lhs.index < rhs.index }
}

/// A value per billing category, always iterated in ``TokenCategory/allCases`` order.
///
/// Stored inline (eight fields, no heap allocation) because the simulator keeps one per response.
public struct PerCategory<Value: Sendable & Equatable>: Sendable, Equatable {
  public var textIn, textInCached, audioIn, audioInCached, imageIn, imageInCached, textOut, audioOut: Value

  /// Every category set to `initial`.
  public init(repeating initial: Value) {
    (textIn, textInCached, audioIn, audioInCached) = (initial, initial, initial, initial)
    (imageIn, imageInCached, textOut, audioOut) = (initial, initial, initial, initial)
  }

  public subscript(category: TokenCategory) -> Value {
    get {
      switch category {
      case .textIn: textIn
      case .textInCached: textInCached
      case .audioIn: audioIn
      case .audioInCached: audioInCached
      case .imageIn: imageIn
      case .imageInCached: imageInCached
      case .textOut: textOut
      case .audioOut: audioOut
      }
    }
    set {
      switch category {
      case .textIn: textIn = newValue
      case .textInCached: textInCached = newValue
      case .audioIn: audioIn = newValue
      case .audioInCached: audioInCached = newValue
      case .imageIn: imageIn = newValue
      case .imageInCached: imageInCached = newValue
      case .textOut: textOut = newValue
      case .audioOut: audioOut = newValue
      }
    }
  }

  /// The values in the fixed category order.
  public var values: [Value] { TokenCategory.allCases.map { self[$0] } }

  /// `(category, value)` pairs in the fixed category order.
  public var entries: [(category: TokenCategory, value: Value)] {
    TokenCategory.allCases.map { ($0, self[$0]) }
  }
}

/// Token counts per billing category.
public typealias TokenCounts = PerCategory<Int64>

/// Money per billing category.
public typealias CategoryCosts = PerCategory<Money>

extension PerCategory where Value == Int64 {
  /// All counts zero.
  public static var zero: TokenCounts { TokenCounts(repeating: 0) }

  /// Adds another set of counts category by category.
  public mutating func add(_ other: TokenCounts) {
    textIn += other.textIn
    textInCached += other.textInCached
    audioIn += other.audioIn
    audioInCached += other.audioInCached
    imageIn += other.imageIn
    imageInCached += other.imageInCached
    textOut += other.textOut
    audioOut += other.audioOut
  }

  /// The sum over every category.
  public var total: Int64 {
    textIn + textInCached + audioIn + audioInCached + imageIn + imageInCached + textOut + audioOut
  }
}

extension PerCategory where Value == Money {
  /// All costs zero.
  public static var zero: CategoryCosts { CategoryCosts(repeating: .zero) }

  /// Adds another set of costs category by category. Traps past the money range: for a few
  /// blocks' costs; sums across many blocks belong in ``CategoryCostSums`` (128 bits).
  public mutating func add(_ other: CategoryCosts) {
    for category in TokenCategory.allCases { self[category] = self[category] + other[category] }
  }

  /// The sum over every category. One priced block's total is checked when it is priced
  /// (``PriceCard/cost(of:)``); for accumulated costs use ``checkedTotal()``.
  public var total: Money { TokenCategory.allCases.reduce(.zero) { $0 + self[$1] } }

  /// The sum over every category, or ``MoneyError/outOfRange(picoUSD:)`` past the money range.
  public func checkedTotal() throws(MoneyError) -> Money {
    var sum = MoneySum()
    sum.add(self)
    return try sum.money()
  }
}
