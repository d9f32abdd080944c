public import Billing

/// A usage export priced by rtcost against a costs export: per day, model and line item.
public struct CostComparison: Sendable, Equatable {
  /// One (day, model, category): rtcost's price of the usage, the export's amount.
  public struct Row: Sendable, Equatable {
    public var day: CalendarDay
    /// The dated model (as priced), or the line item's text when no model parses.
    public var model: String
    public var category: TokenCategory?
    public var ours: Money
    public var export: Money
    public var delta: Money { ours - export }
  }

  /// Sorted by day, model, category (line items no category parses from last).
  public var rows: [Row]
  /// Per day: rtcost's total and the export's (every line item).
  public var days: [(day: CalendarDay, ours: Money, export: Money)]
  /// Line items whose text names no category rtcost prices, by text, with their total.
  public var otherLineItems: [(lineItem: String, amount: Money)]

  public static func == (lhs: CostComparison, rhs: CostComparison) -> Bool {
    lhs.rows == rhs.rows && lhs.days.map(\.day) == rhs.days.map(\.day)
      && lhs.days.map(\.ours) == rhs.days.map(\.ours)
      && lhs.days.map(\.export) == rhs.days.map(\.export)
      && lhs.otherLineItems.map(\.lineItem)
        == rhs.otherLineItems.map(\.lineItem)
      && lhs.otherLineItems.map(\.amount) == rhs.otherLineItems.map(\.amount)
  }

  /// Compares `usage` (priced) with `costs`; `book` resolves the line items' model names.
  public static func compare(_ usage: UsageReconciliation, _ costs: [CostRecord], book: PriceBook)
    throws(ReconcileError) -> CostComparison
  {
    struct Key: Hashable, Comparable {
      var day: CalendarDay
      var model: String
      var category: Int
      static func < (a: Key, b: Key) -> Bool { (a.day, a.model, a.category) < (b.day, b.model, b.category) }
    }
    var ours: [Key: Money] = [:]
    var oursByDay: [CalendarDay: Money] = [:]
    for day in usage.days {
      guard let card = day.card else { continue }
      for (index, category) in TokenCategory.allCases.enumerated() where day.costs[category] != .zero {
        ours[Key(day: day.day, model: card.model, category: index), default: .zero] += day.costs[category]
      }
      oursByDay[day.day, default: .zero] += day.cost
    }
    var export: [Key: Money] = [:]
    var exportByDay: [CalendarDay: Money] = [:]
    var other: [String: Money] = [:]
    for record in costs {
      guard record.currency == "usd" else {
        throw ReconcileError("\(record.location): currency \(record.currency): rtcost prices in USD")
      }
      exportByDay[record.day, default: .zero] += record.amount
      let item = LineItem(record.lineItem ?? "")
      guard let category = item.category, let index = TokenCategory.allCases.firstIndex(of: category) else {
        other[record.lineItem ?? "(no line item)", default: .zero] += record.amount
        continue
      }
      let model =
        item.model.map { name in (try? book.card(for: name, on: record.day).model) ?? name } ?? "(any model)"
      export[Key(day: record.day, model: model, category: index), default: .zero] += record.amount
    }
    let keys = Set(ours.keys).union(export.keys).sorted()
    let rows = keys.map { key in
      Row(
        day: key.day, model: key.model, category: TokenCategory.allCases[key.category],
        ours: ours[key] ?? .zero,
        export: export[key] ?? .zero)
    }
    let days = Set(oursByDay.keys).union(exportByDay.keys).union(usage.coveredDays).sorted().map {
      (day: $0, ours: oursByDay[$0] ?? .zero, export: exportByDay[$0] ?? .zero)
    }
    return CostComparison(
      rows: rows, days: days, otherLineItems: other.keys.sorted().map { ($0, other[$0]!) })
  }
}
