internal import Foundation
internal import RealtimeEvents

/// A forecast shard's partial results on disk: exact per-world metrics that a merge combines into
/// the report one machine would have written.
///
/// The file is JSON: `{"rtcost_forecast_shard": 2, "shard": "0/4", "results": {...}}` with keys
/// in snake case and sorted, money in pico-dollars and time in microseconds.
public enum ForecastShardFile {
  /// The format version written and read. Version 2 carries the policies as guard settings;
  /// version 3 adds the models compared, GPT-Live session time, each run's never-cached and
  /// always-cached cost bounds and its billed tokens.
  public static let version = 3

  struct Envelope: Codable {
    var rtcostForecastShard: Int
    var shard: String
    var results: ForecastResults
  }

  /// The file's text for `results` of shard `shard` (`i/n`).
  public static func encode(_ results: ForecastResults, shard: String) throws(ShardFileError) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    do {
      let data = try encoder.encode(Envelope(rtcostForecastShard: version, shard: shard, results: results))
      return String(decoding: data, as: UTF8.self) + "\n"
    } catch {
      throw ShardFileError("cannot encode the shard: \(error)")
    }
  }

  /// The results in the file's `bytes`; `path` names it in errors. A damaged or hand-edited file
  /// that decodes but cannot be a forecast's output is refused.
  public static func decode(_ bytes: [UInt8], path: String) throws(ShardFileError) -> ForecastResults {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    let envelope: Envelope
    do {
      envelope = try decoder.decode(Envelope.self, from: Data(bytes))
    } catch let error as DecodingError {
      throw ShardFileError("\(path): not an rtcost forecast shard: \(DecodingErrorText.describe(error))")
    } catch {
      throw ShardFileError("\(path): not JSON: \(error)")
    }
    guard envelope.rtcostForecastShard == version else {
      throw ShardFileError(
        "\(path): shard format version \(envelope.rtcostForecastShard); this rtcost reads version \(version)")
    }
    try check(envelope.results, path: path)
    return envelope.results
  }

  /// Refuses a shard that decodes but cannot be a forecast's output: a damaged or hand-edited file.
  static func check(_ results: ForecastResults, path: String) throws(ShardFileError) {
    let identity = results.identity
    guard !identity.policies.isEmpty, !identity.models.isEmpty,
      identity.policies.indices.contains(identity.baseline),
      identity.totalWorlds > 0
    else { throw ShardFileError("\(path): the shard's policy grid or baseline is damaged") }
    for world in results.worlds {
      let context = "\(path): world \(world.index)"
      guard (0..<identity.totalWorlds).contains(world.index) else {
        throw ShardFileError("\(context): outside the run's \(identity.totalWorlds) worlds")
      }
      guard world.metrics.count == identity.policies.count * identity.models.count else {
        throw ShardFileError(
          "\(context): \(world.metrics.count) results for \(identity.models.count) "
            + (identity.models.count == 1 ? "model" : "models") + " × "
            + "\(identity.policies.count) policies")
      }
      for metrics in world.metrics {
        let counts = [
          metrics.genuineTurns, metrics.noiseBursts, metrics.responsesGenuine, metrics.responsesNoise,
          metrics.responsesReprompt, metrics.idleDisconnects, metrics.reconnects, metrics.failedReconnects,
          metrics.conversationsWithMemoryLost, metrics.warningsFired, metrics.alertsFired,
          metrics.budgetDisconnects, metrics.events,
        ]
        let money =
          metrics.costByCategory + [
            metrics.transcriptionPico, metrics.liveSessionPico, metrics.liveBackendPico,
          ]
        guard metrics.neverCachedPico >= 0, metrics.alwaysCachedPico >= 0,
          metrics.tokensByCategory.count == 8,
          metrics.tokensByCategory.allSatisfy({ $0 >= 0 }),
          [
            metrics.transcriptionMicros, metrics.transcriptionAudioTokens, metrics.transcriptionTextTokens,
            metrics.backendInputTokens, metrics.backendCachedTokens, metrics.backendOutputTokens,
          ].allSatisfy({ $0 >= 0 })
        else {
          throw ShardFileError("\(context): negative cache bounds or tokens; the file is damaged")
        }
        guard metrics.costByCategory.count == 8, counts.allSatisfy({ $0 >= 0 }),
          money.allSatisfy({ $0 >= 0 }),
          metrics.delayedTurnLatencies.allSatisfy({ $0 >= 0 }), (metrics.firstAlertAt ?? 0) >= 0
        else { throw ShardFileError("\(context): negative or missing values; the file is damaged") }
        // The categories must sum inside the exact money range, as a real run's do.
        var total: Int64 = 0
        for value in money {
          let (sum, overflow) = total.addingReportingOverflow(value)
          if overflow {
            throw ShardFileError("\(context): costs beyond the exact money range; the file is damaged")
          }
          total = sum
        }
      }
    }
  }
}

/// A shard file that cannot be written or read, in one sentence naming the file.
public struct ShardFileError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// `--shard i/n`: which part of the worlds (or devices) one process runs.
public struct ShardSpec: Sendable, Hashable, CustomStringConvertible {
  /// 0-based, as Kubernetes' `JOB_COMPLETION_INDEX`.
  public var index: Int
  public var count: Int

  public init(index: Int, count: Int) {
    precondition(count > 0 && (0..<count).contains(index), "a shard index must be in 0..<count")
    self.index = index
    self.count = count
  }

  /// Parses `i/n` with 0 ≤ i < n; nil otherwise.
  public init?(_ text: String) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count > 0,
      (0..<count).contains(index)
    else { return nil }
    self.init(index: index, count: count)
  }

  /// The whole run as one shard.
  public static let whole = ShardSpec(index: 0, count: 1)

  public var description: String { "\(index)/\(count)" }

  /// The part of `0..<total` this shard runs: a contiguous block, sizes differing by at most one.
  public func range(of total: Int) -> Range<Int> {
    ForecastResults.worldRange(shard: index, of: count, totalWorlds: total)
  }
}
