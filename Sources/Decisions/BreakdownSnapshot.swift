public import Foundation

/// A cost snapshot a team keeps beside its code (`rtcost breakdown`), compared by `rtcost diff` and
/// `rtcost gate`: recordings priced exactly and forecasts with their per-world values, so that two
/// snapshots pair world by world.
///
/// Money is exact integers (pico-dollars); the JSON has sorted keys, so one input gives one byte
/// sequence. The ``format`` names the version; a reader refuses any other.
public struct BreakdownSnapshot: Sendable, Equatable, Codable {
  /// The format this version writes and reads.
  public static let currentFormat = "rtcost-breakdown/1"

  public var format: String
  public var recordings: [Recording]
  public var forecasts: [Forecast]
  /// Fleet plans (`breakdown --fleet`); nil in snapshots written before plans were kept.
  public var plans: [Plan]?

  public init(recordings: [Recording], forecasts: [Forecast], plans: [Plan]? = nil) {
    format = Self.currentFormat
    self.recordings = recordings
    self.forecasts = forecasts
    self.plans = plans
  }

  /// Prices per token of each billing category (pico-dollars), nil when the card has none.
  public typealias Rates = [String: Int64]

  /// One recording priced as billed.
  public struct Recording: Sendable, Equatable, Codable {
    /// The recording's name as given.
    public var name: String
    public var model: String
    /// The card it was priced with: its source and the day it took effect.
    public var priceSource: String
    public var priceEffectiveFrom: String
    /// Billed tokens and their cost per ``Billing/TokenCategory`` (raw values as keys).
    public var tokens: [String: Int64]
    public var costPico: [String: Int64]
    /// The card's price per token of each category (for re-pricing another snapshot's tokens).
    public var ratesPico: Rates
    /// Everything billed: responses, transcription, GPT-Live session time.
    public var totalPico: Int64
    /// ``totalPico`` as exact decimal dollars.
    public var totalUsd: String
    /// Usage billed other than per response token, by ``SnapshotMeter`` raw value, and the rate of
    /// each (nil in snapshots written before meters were kept: that usage is then not re-priced).
    public var meters: [String: Int64]?
    public var meterRatesPico: Rates?

    public init(
      name: String, model: String, priceSource: String, priceEffectiveFrom: String, tokens: [String: Int64],
      costPico: [String: Int64], ratesPico: Rates, totalPico: Int64, totalUsd: String,
      meters: [String: Int64]? = nil, meterRatesPico: Rates? = nil
    ) {
      self.meters = meters
      self.meterRatesPico = meterRatesPico
      self.name = name
      self.model = model
      self.priceSource = priceSource
      self.priceEffectiveFrom = priceEffectiveFrom
      self.tokens = tokens
      self.costPico = costPico
      self.ratesPico = ratesPico
      self.totalPico = totalPico
      self.totalUsd = totalUsd
    }
  }

  /// One scenario's forecast: the deployed policy (the scenario's) and its baseline (the same
  /// policy without an idle timeout), on the same worlds.
  public struct Forecast: Sendable, Equatable, Codable {
    public var scenario: String
    /// FNV-1a 64 of the scenario text, so a reader sees whether the workload file changed.
    public var scenarioDigest: String
    public var model: String
    public var priceSource: String
    public var priceEffectiveFrom: String
    public var ratesPico: Rates
    public var seed: UInt64
    public var worlds: Int
    /// Simulated time per world (µs); costs per device-day divide by it.
    public var horizonMicros: Int64
    public var baseline: Policy
    public var deployed: Policy
    /// The rate of each ``SnapshotMeter`` the scenario's cards price (nil in older snapshots).
    public var meterRatesPico: Rates?

    public init(
      scenario: String, scenarioDigest: String, model: String, priceSource: String,
      priceEffectiveFrom: String,
      ratesPico: Rates, seed: UInt64, worlds: Int, horizonMicros: Int64, baseline: Policy, deployed: Policy,
      meterRatesPico: Rates? = nil
    ) {
      self.meterRatesPico = meterRatesPico
      self.scenario = scenario
      self.scenarioDigest = scenarioDigest
      self.model = model
      self.priceSource = priceSource
      self.priceEffectiveFrom = priceEffectiveFrom
      self.ratesPico = ratesPico
      self.seed = seed
      self.worlds = worlds
      self.horizonMicros = horizonMicros
      self.baseline = baseline
      self.deployed = deployed
    }

    /// Device-days per world.
    public var days: Double { Double(horizonMicros) / 86_400_000_000 }
  }

  /// A policy's results on every world.
  public struct Policy: Sendable, Equatable, Codable {
    /// The policy's grid label (`timeout=5m check=30s activity=real …`).
    public var label: String
    /// Mean USD per device-day, as text (a summary for people; the per-world values are the truth).
    public var meanUsdPerDeviceDay: String
    /// Per world, in world order: the total billed and the billed tokens per category.
    public var perWorld: [WorldCost]

    public init(label: String, meanUsdPerDeviceDay: String, perWorld: [WorldCost]) {
      self.label = label
      self.meanUsdPerDeviceDay = meanUsdPerDeviceDay
      self.perWorld = perWorld
    }
  }

  /// One world's bill under one policy.
  public struct WorldCost: Sendable, Equatable, Codable {
    public var totalPico: Int64
    /// Billed tokens in ``Billing/TokenCategory`` order.
    public var tokens: [Int64]
    /// Usage billed other than per response token, in ``SnapshotMeter`` order (nil in older
    /// snapshots).
    public var meters: [Int64]?

    public init(totalPico: Int64, tokens: [Int64], meters: [Int64]? = nil) {
      self.totalPico = totalPico
      self.tokens = tokens
      self.meters = meters
    }
  }

  /// The snapshot as JSON: sorted keys, a final newline.
  public func encoded() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
  }

  /// Reads a snapshot written by ``encoded()``; `name` (the file) names every error.
  public static func decode(_ data: Data, name: String) throws(SnapshotError) -> BreakdownSnapshot {
    struct Header: Decodable { var format: String? }
    let decoder = JSONDecoder()
    let header: Header
    do {
      header = try decoder.decode(Header.self, from: data)
    } catch {
      throw SnapshotError("\(name): not a breakdown snapshot (not a JSON object)")
    }
    guard let format = header.format else {
      throw SnapshotError("\(name): not a breakdown snapshot (no \"format\" key)")
    }
    guard format == currentFormat else {
      throw SnapshotError(
        "\(name): unknown snapshot format \"\(format)\" (this rtcost reads \(currentFormat))")
    }
    do {
      return try decoder.decode(BreakdownSnapshot.self, from: data)
    } catch let DecodingError.keyNotFound(key, context) {
      throw SnapshotError("\(name): missing key \"\(path(context.codingPath + [key]))\"")
    } catch let DecodingError.typeMismatch(_, context) {
      throw SnapshotError("\(name): wrong type at \"\(path(context.codingPath))\"")
    } catch let DecodingError.valueNotFound(_, context) {
      throw SnapshotError("\(name): null at \"\(path(context.codingPath))\"")
    } catch {
      throw SnapshotError("\(name): not a breakdown snapshot (\(error))")
    }
  }

  private static func path(_ keys: [any CodingKey]) -> String {
    keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().drop { $0 == "." }
      .description
  }
}

/// A snapshot that cannot be read or compared, in one sentence naming the file.
public struct SnapshotError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
