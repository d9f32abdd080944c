public import Billing
import Foundation

/// A forecast's per-device-day figures, as `rtcost forecast --format json` writes them.
public struct ForecastFigures: Sendable, Equatable {
  public var input: String
  /// The dated model the forecast priced with.
  public var model: String
  public var policy: String
  /// Responses (requests) and billed tokens per category per device-day.
  public var requestsPerDay: Double
  public var tokensPerDay: [TokenCategory: Double]

  public init(
    input: String, model: String, policy: String, requestsPerDay: Double,
    tokensPerDay: [TokenCategory: Double]
  ) {
    self.input = input
    self.model = model
    self.policy = policy
    self.requestsPerDay = requestsPerDay
    self.tokensPerDay = tokensPerDay
  }

  /// Reads a forecast report (JSON); `policy` picks a policy by its grid label, else the baseline.
  public static func read(path: String, policy wanted: String?) throws(ReconcileError) -> ForecastFigures {
    let text = try ExportFile.text(path)
    guard let value = try? JSONSerialization.jsonObject(with: Data(text.utf8)),
      let root = value as? [String: Any],
      root["rtcost_forecast"] != nil
    else { throw ReconcileError("\(path): not an rtcost forecast report (rtcost forecast --format json)") }
    let policies = try ExportFile.array(root["policies"], "policies", file: path)
    var chosen: (Int, [String: Any])?
    for (index, entry) in policies.enumerated() {
      let object = try ExportFile.object(entry, "policies[\(index)]", file: path)
      let label = object["policy"] as? String
      let matches = wanted.map { label == $0 } ?? (object["baseline"] as? Bool == true)
      if matches {
        chosen = (index, object)
        break
      }
    }
    guard let (index, object) = chosen else {
      let labels = policies.compactMap { ($0 as? [String: Any])?["policy"] as? String }
      throw ReconcileError(
        "\(path): policies: no policy \(wanted.map { "'\($0)'" } ?? "marked baseline") (policies: \(labels.joined(separator: "; ")))"
      )
    }
    let path0 = "policies[\(index)]"
    guard let requests = (object["requests_per_device_day"] as? NSNumber)?.doubleValue else {
      throw ReconcileError(
        "\(path): \(path0).requests_per_device_day: missing (a forecast report from before rtcost reported tokens)"
      )
    }
    let tokens = try ExportFile.object(
      object["tokens_per_device_day"], path0 + ".tokens_per_device_day", file: path)
    var perDay: [TokenCategory: Double] = [:]
    for category in TokenCategory.allCases {
      guard let number = (tokens[category.rawValue] as? NSNumber)?.doubleValue, number >= 0 else {
        throw ReconcileError(
          "\(path): \(path0).tokens_per_device_day.\(category.rawValue): must be a number >= 0")
      }
      perDay[category] = number
    }
    guard let model = root["model"] as? String else { throw ReconcileError("\(path): model: missing") }
    return ForecastFigures(
      input: root["input"] as? String ?? path, model: model, policy: object["policy"] as? String ?? "?",
      requestsPerDay: requests, tokensPerDay: perDay)
  }
}

/// A forecast's simulated month against the actual month, field by field, with the cost gap split
/// into workload, context, cache and price.
///
/// The split substitutes, in turn, what the actual month did for what the forecast assumed; each
/// step's cost change is its part, so the parts add up to the gap exactly:
/// 1. **workload**: the forecast's tokens scaled by actual requests / forecast requests;
/// 2. **context**: the actual tokens per modality (text, audio, image in; text, audio out) with the
///    forecast's cached share of each input modality;
/// 3. **cache**: the actual cached split;
/// (all three priced with the forecast model's card on the month's first day), then
/// 4. **price**: the actual tokens priced as billed (each day's model and dated card) instead.
public struct MonthComparison: Sendable, Equatable {
  /// One month's figures.
  public struct Totals: Sendable, Equatable {
    public var requests: Int64
    public var tokens: TokenCounts
    public var cost: Money

    /// Cached input over all input.
    public var cachedShare: Double {
      let cached = tokens.textInCached + tokens.audioInCached + tokens.imageInCached
      let input = cached + tokens.textIn + tokens.audioIn + tokens.imageIn
      return input == 0 ? 0 : Double(cached) / Double(input)
    }
  }

  public var month: CalendarDay
  public var days: Int
  public var devices: Int
  public var forecastModel: String
  public var forecast: Totals
  public var actual: Totals
  public var workload: Money
  public var context: Money
  public var cache: Money
  public var price: Money

  /// actual − forecast cost: workload + context + cache + price.
  public var gap: Money { actual.cost - forecast.cost }

  /// Compares `figures` scaled to `month` (`devices` devices) with the actual month in `usage`.
  public static func compare(
    _ figures: ForecastFigures, usage: UsageReconciliation, month: CalendarDay, devices: Int, book: PriceBook
  ) throws(ReconcileError) -> MonthComparison {
    let days = CalendarDay.days(inMonth: month.month, year: month.year)
    let scale = Double(days * devices)
    var forecastTokens = TokenCounts.zero
    for category in TokenCategory.allCases {
      forecastTokens[category] = Int64(((figures.tokensPerDay[category] ?? 0) * scale).rounded())
    }
    let forecastRequests = Int64((figures.requestsPerDay * scale).rounded())
    guard forecastRequests > 0 else {
      throw ReconcileError("\(figures.input): the forecast makes no requests")
    }
    let card: PriceCard
    do {
      card = try book.card(for: figures.model, on: month)
    } catch {
      throw ReconcileError("\(figures.input): \(error.description)")
    }
    var actualTokens = TokenCounts.zero
    var actualRequests: Int64 = 0
    var actualCost = MoneySum()
    for day in usage.days where day.day.year == month.year && day.day.month == month.month && day.card != nil
    {
      actualTokens.add(day.tokens)
      actualRequests += day.requests
      actualCost.add(day.cost)
    }
    func cost(_ tokens: TokenCounts) throws(ReconcileError) -> Money {
      do {
        return try card.cost(of: tokens).checkedTotal()
      } catch {
        throw ReconcileError("\(figures.input): \(error)")
      }
    }
    let c0 = try cost(forecastTokens)
    // 1. Workload: the forecast's tokens at the actual number of requests.
    var scaled = TokenCounts.zero
    for category in TokenCategory.allCases {
      scaled[category] = rounded(
        Int128(forecastTokens[category]) * Int128(actualRequests), Int128(forecastRequests))
    }
    let c1 = try cost(scaled)
    // 2. Context: the actual tokens per modality, cached as the forecast's shares.
    var context = actualTokens
    for (full, cached) in [
      (TokenCategory.textIn, TokenCategory.textInCached), (.audioIn, .audioInCached),
      (.imageIn, .imageInCached),
    ] {
      let total = actualTokens[full] + actualTokens[cached]
      let forecastTotal = forecastTokens[full] + forecastTokens[cached]
      let share =
        forecastTotal == 0
        ? 0 : rounded(Int128(total) * Int128(forecastTokens[cached]), Int128(forecastTotal))
      context[cached] = share
      context[full] = total - share
    }
    let c2 = try cost(context)
    // 3. Cache: the actual split, still at the forecast's card.
    let c3 = try cost(actualTokens)
    // 4. Price: as billed.
    let c4: Money
    do {
      c4 = try actualCost.money()
    } catch {
      throw ReconcileError("the actual month's cost: \(error)")
    }
    return MonthComparison(
      month: month, days: days, devices: devices, forecastModel: card.model,
      forecast: Totals(requests: forecastRequests, tokens: forecastTokens, cost: c0),
      actual: Totals(requests: actualRequests, tokens: actualTokens, cost: c4), workload: c1 - c0,
      context: c2 - c1,
      cache: c3 - c2, price: c4 - c3)
  }

  /// a / b rounded half away from zero.
  static func rounded(_ a: Int128, _ b: Int128) -> Int64 {
    let quotient = a / b
    let remainder = a % b
    let up = 2 * abs(remainder) >= abs(b) ? (a >= 0) == (b >= 0) ? 1 : -1 : 0
    return Int64(quotient + Int128(up))
  }
}
