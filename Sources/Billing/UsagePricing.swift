/// One usage block split into billing categories and priced by the billing identity of DESIGN §1.
///
/// The billed figure is ``total``. When the block is ambiguous the true cost lies in a range
/// (DESIGN §7.3): ``lowerBound`` is the least it can have cost, ``upperBound`` the most (nil when
/// the block does not bound it: totals without details, or details below the totals). For an
/// unambiguous block both equal ``total``.
public struct PricedUsage: Sendable, Equatable {
  /// Tokens per category; cached input is counted apart from uncached input.
  public var tokens: TokenCounts
  /// Money per category.
  public var costs: CategoryCosts
  /// Things about the block that a reader must know: assumptions made, parts that did not add up.
  public var warnings: [UsageWarning]
  /// The least the block can have cost given what it says (the cheapest consistent split).
  public var lowerBound: Money
  /// The most the block can have cost; nil when the block leaves the cost unbounded above.
  public var upperBound: Money?
  /// When `cached_tokens` came without details: the warning that states both bounds and that the
  /// bill is the upper one (``UsageWarning/cachedSplitBounded(cached:text:audio:image:first:lower:upper:)``).
  /// ``warnings`` flags the same assumption with ``UsageWarning/cachedSplitAssumed(cached:text:audio:image:)``
  /// (its text unchanged, so existing reports stay as they are); ``warningsWithBounds`` has this one
  /// in its place.
  public var boundsWarning: UsageWarning?

  init(
    tokens: TokenCounts, costs: CategoryCosts, warnings: [UsageWarning], lowerBound: Money,
    upperBound: Money?, boundsWarning: UsageWarning? = nil
  ) {
    self.tokens = tokens
    self.costs = costs
    self.warnings = warnings
    self.lowerBound = lowerBound
    self.upperBound = upperBound
    self.boundsWarning = boundsWarning
  }

  /// ``warnings`` with the cached-split assumption stated with its bounds (for reports that show
  /// the range of an ambiguous block).
  public var warningsWithBounds: [UsageWarning] {
    guard let boundsWarning else { return warnings }
    return warnings.map { if case .cachedSplitAssumed = $0 { boundsWarning } else { $0 } }
  }

  /// The cost of the block as billed (the upper bound when the cached split was assumed).
  public var total: Money { costs.total }

  /// `lowerBound...upperBound`, or nil when the cost is unbounded above.
  public var bounds: ClosedRange<Money>? { upperBound.map { lowerBound...$0 } }

  /// Whether the block determines its cost exactly.
  public var isExact: Bool { upperBound == lowerBound }
}

extension PriceCard {
  /// The cost of `tokens` at this card's prices: `Σ count × price per token`, exact; a product or
  /// sum beyond the money range is an error, never a trap.
  public func cost(of tokens: TokenCounts) throws(UsageError) -> CategoryCosts {
    var costs = CategoryCosts.zero
    var total: Int64 = 0
    for category in TokenCategory.allCases {
      let count = tokens[category]
      guard count != 0 else { continue }
      guard let price = perToken(category) else {
        throw .categoryNotPriced(model: model, category: category, tokens: count)
      }
      let (product, productOverflow) = price.picoUSD.multipliedReportingOverflow(by: count)
      let (sum, sumOverflow) = total.addingReportingOverflow(product)
      guard !productOverflow, !sumOverflow else { throw .overflow(category: category, tokens: count) }
      total = sum
      costs[category] = Money(picoUSD: product)
    }
    return costs
  }

  /// Prices a `response.done` usage block, with its bounds when it is ambiguous.
  ///
  /// A `cached_tokens` total without details is billed at the most expensive consistent split:
  /// cached tokens go first to the kind whose caching saves least on this card (text on every
  /// bundled card), which is the upper bound; the cheapest split (audio first) is the lower bound.
  /// ``PricedUsage/boundsWarning`` states both. Details below the totals are billed up to the
  /// totals (the rest as text) and leave the cost unbounded above, like a block of totals only.
  public func price(_ usage: ResponseUsage) throws(UsageError) -> PricedUsage {
    let dearest = cachedAttribution(savingLeastFirst: true)
    let billed = try usage.split(cachedOrder: dearest)
    let costs = try cost(of: billed.tokens)
    var lower = costs.total
    var warnings = billed.warnings
    var boundsWarning: UsageWarning?
    if let cached = billed.assumedCached {
      let cheapest = try usage.split(cachedOrder: cachedAttribution(savingLeastFirst: false))
      lower = try cost(of: cheapest.tokens).total
      let bounded = UsageWarning.cachedSplitBounded(
        cached: cached, text: billed.tokens.textInCached, audio: billed.tokens.audioInCached,
        image: billed.tokens.imageInCached, first: dearest[0].rawValue, lower: lower, upper: costs.total)
      boundsWarning = bounded
      // `cachedSplitAssumed` says "text first": on a card where another kind came first, say so.
      if dearest[0] != .text {
        warnings = warnings.map { if case .cachedSplitAssumed = $0 { bounded } else { $0 } }
      }
    }
    return PricedUsage(
      tokens: billed.tokens, costs: costs, warnings: warnings, lowerBound: lower,
      upperBound: billed.unboundedAbove ? nil : costs.total, boundsWarning: boundsWarning)
  }

  /// The input kinds ordered by what caching one token saves on this card (full minus cached
  /// price), least first or most first; ties keep the order text, audio, image.
  func cachedAttribution(savingLeastFirst: Bool) -> [CachedInputKind] {
    func saving(_ kind: CachedInputKind) -> Int64? {
      let (full, cached): (TokenCategory, TokenCategory) =
        switch kind {
        case .text: (.textIn, .textInCached)
        case .audio: (.audioIn, .audioInCached)
        case .image: (.imageIn, .imageInCached)
        }
      guard let fullPrice = perToken(full), let cachedPrice = perToken(cached) else { return nil }
      return fullPrice.picoUSD - cachedPrice.picoUSD
    }
    // An unpriced kind (no image prices) can hold no tokens: it goes last either way.
    let kinds = CachedInputKind.allCases.enumerated().map { (index: $0.offset, kind: $0.element) }
    return kinds.sorted { a, b in
      switch (saving(a.kind), saving(b.kind)) {
      case (let sa?, let sb?) where sa != sb: savingLeastFirst ? sa < sb : sa > sb
      case (nil, .some): false
      case (.some, nil): true
      default: a.index < b.index
      }
    }.map(\.kind)
  }
}
