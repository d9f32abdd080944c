public import Billing

/// One (day, model) of a usage export, summed over its rows and priced with the dated price book.
public struct UsageDay: Sendable, Equatable {
  public var day: CalendarDay
  /// The model as the export names it, and the card it was priced with (nil: not priced).
  public var model: String
  public var card: PriceCard?
  public var rows: Int
  public var requests: Int64
  /// Tokens per billing category (cached input apart). With an undetailed cached count, the split
  /// that costs most (the upper bound's).
  public var tokens: TokenCounts
  /// The cost, and its lower bound when the export does not say which modality was cached (equal
  /// otherwise).
  public var cost: Money
  public var lowerBound: Money
  public var costs: CategoryCosts
  /// The meanings of `input_audio_tokens` found in its rows.
  public var meanings: Set<AudioTokenMeaning>
  /// Why it is not priced, or what a reader must know, by row.
  public var notes: [String]

  /// The input's cached share (0 without input).
  public var cachedShare: Double {
    let cached = tokens.textInCached + tokens.audioInCached + tokens.imageInCached
    let input = cached + tokens.textIn + tokens.audioIn + tokens.imageIn
    return input == 0 ? 0 : Double(cached) / Double(input)
  }
}

/// A usage export, reconciled: its (day, model) rows priced, the days it covers, what it could not price.
public struct UsageReconciliation: Sendable, Equatable {
  /// Sorted by day, then model.
  public var days: [UsageDay]
  /// Days the export covers (empty days included: a dashboard writes a row for them).
  public var coveredDays: [CalendarDay]
  /// Rows of models no price book prices: never $0, listed.
  public var unpriced: [String]
  public var meanings: [AudioTokenMeaning: Int]
  public var warnings: [String]

  public var total: MoneySum { days.filter { $0.card != nil }.reduce(into: MoneySum()) { $0.add($1.cost) } }
  public var lowerBound: MoneySum {
    days.filter { $0.card != nil }.reduce(into: MoneySum()) { $0.add($1.lowerBound) }
  }

  /// Prices `records` with `book` on each row's day; `model` stands for rows that name none.
  public static func reconcile(_ records: [UsageRecord], book: PriceBook, model fallback: String? = nil)
    throws(ReconcileError) -> UsageReconciliation
  {
    var byKey: [String: UsageDay] = [:]
    var covered = Set<CalendarDay>()
    var unpriced: [String] = []
    var meanings: [AudioTokenMeaning: Int] = [:]
    var warnings: [String] = []
    for record in records {
      covered.insert(record.day)
      if record.isEmpty { continue }
      guard let model = record.model ?? fallback else {
        throw ReconcileError(
          "\(record.location): model: the export is not grouped by model (export with group_by=model, or pass --model)"
        )
      }
      let meaning = try AudioTokenMeaning.of(record)
      meanings[meaning, default: 0] += 1
      let usage = AudioTokenMeaning.usage(record, meaning: meaning)
      let key = "\(record.day) \(model)"
      var day =
        byKey[key]
        ?? UsageDay(
          day: record.day, model: model, card: nil, rows: 0, requests: 0, tokens: .zero, cost: .zero,
          lowerBound: .zero, costs: .zero, meanings: [], notes: [])
      day.rows += 1
      day.requests += record[.requests] ?? 0
      day.meanings.insert(meaning)
      let card: PriceCard
      do {
        card = try book.card(for: model, on: record.day)
      } catch {
        unpriced.append("\(record.location): \(model): \(error.description)")
        // Its tokens are still the export's: counted, in the export's own split (no card says
        // which undetailed cached modality costs most, so they are counted as text, in order).
        let counted = try Self.split(usage, card: nil, location: record.location).upper
        day.tokens.add(counted)
        day.notes.append("\(record.location): not priced")
        if usage.input?.cached == nil, let cached = usage.input?.cachedTokens, cached > 0 {
          day.notes.append(
            "\(record.location): \(cached) cached tokens of no stated modality, counted against text input first"
          )
        }
        byKey[key] = day
        continue
      }
      let split = try Self.split(usage, card: card, location: record.location)
      day.card = card
      day.tokens.add(split.upper)
      do {
        let upper = try card.cost(of: split.upper)
        let lower = try card.cost(of: split.lower).checkedTotal()
        day.costs.add(upper)
        day.cost = try day.cost.adding(try upper.checkedTotal())
        day.lowerBound = try day.lowerBound.adding(lower)
      } catch {
        throw ReconcileError("\(record.location): \(error)")
      }
      if split.upper != split.lower {
        day.notes.append(
          "\(record.location): \(usage.input?.cachedTokens ?? 0) cached tokens of no stated modality: the cost is a range"
        )
      }
      if let images = record[.outputImageTokens], images > 0 {
        day.notes.append(
          "\(record.location): \(images) output image tokens: a Realtime card has no price for them")
      }
      if let write = record[.inputCacheWriteTokens], write > 0 {
        day.notes.append(
          "\(record.location): \(write) cache-write tokens of no stated modality, priced as text input")
      }
      byKey[key] = day
    }
    if (meanings[.inclusive] ?? 0) > 0, (meanings[.uncached] ?? 0) > 0 {
      warnings.append(
        "the export mixes both meanings of input_audio_tokens (\(meanings[.inclusive]!) rows include cached tokens, "
          + "\(meanings[.uncached]!) count uncached ones): it spans openai-python 2.46.0's change of 2026-07-16"
      )
    }
    let days = byKey.values.sorted { ($0.day, $0.model) < ($1.day, $1.model) }
    return UsageReconciliation(
      days: days, coveredDays: covered.sorted(), unpriced: unpriced, meanings: meanings, warnings: warnings)
  }

  /// The usage's tokens per category: exact with cached details; without, the split that costs
  /// most (cached tokens where caching saves least first) and the one that costs least. Without a
  /// card (an unpriced model) both are the split in the export's order: text, audio, image.
  static func split(_ usage: ResponseUsage, card: PriceCard?, location: String) throws(ReconcileError) -> (
    upper: TokenCounts, lower: TokenCounts
  ) {
    let input = usage.input
    let totals: [(full: TokenCategory, cached: TokenCategory, tokens: Int64, detail: Int64?)] = [
      (.textIn, .textInCached, input?.textTokens ?? 0, input?.cached?.textTokens),
      (.audioIn, .audioInCached, input?.audioTokens ?? 0, input?.cached?.audioTokens),
      (.imageIn, .imageInCached, input?.imageTokens ?? 0, input?.cached?.imageTokens),
    ]
    var base = TokenCounts.zero
    base.textOut = usage.output?.textTokens ?? 0
    base.audioOut = usage.output?.audioTokens ?? 0
    for kind in totals { base[kind.full] = kind.tokens }
    let cachedTotal = input?.cachedTokens ?? 0
    func attribute(_ order: [Int]) throws(ReconcileError) -> TokenCounts {
      var counts = base
      if input?.cached != nil {
        for kind in totals {
          let cached = kind.detail ?? 0
          guard cached <= kind.tokens else {
            throw ReconcileError(
              "\(location): \(cached) cached \(kind.cached.rawValue) tokens exceed the \(kind.tokens) input of that kind"
            )
          }
          counts[kind.full] = kind.tokens - cached
          counts[kind.cached] = cached
        }
        return counts
      }
      var rest = cachedTotal
      for index in order where rest > 0 {
        let kind = totals[index]
        let cached = min(rest, kind.tokens)
        counts[kind.full] = kind.tokens - cached
        counts[kind.cached] = cached
        rest -= cached
      }
      guard rest == 0 else {
        throw ReconcileError("\(location): input_cached_tokens \(cachedTotal) exceed the input tokens")
      }
      return counts
    }
    func saving(_ index: Int) -> Int64 {
      let kind = totals[index]
      guard let card else { return 0 }
      guard let full = card.perToken(kind.full), let cached = card.perToken(kind.cached) else { return .max }
      return full.picoUSD - cached.picoUSD
    }
    let leastSavingFirst = [0, 1, 2].sorted { (saving($0), $0) < (saving($1), $1) }
    let mostSavingFirst = [0, 1, 2].sorted { (-saving($0), $0) < (-saving($1), $1) }
    return (try attribute(leastSavingFirst), try attribute(mostSavingFirst))
  }
}
