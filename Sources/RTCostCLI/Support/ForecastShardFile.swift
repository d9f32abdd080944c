internal import Forecast
internal import Foundation

/// A shard's partial results on disk: exact per-world metrics that `rtcost merge` combines.
enum ForecastShardFile {
  struct Envelope: Codable {
    var rtcostForecastShard: Int
    var shard: String
    var results: ForecastResults
  }

  static let version = 1

  static func encode(_ results: ForecastResults, shard: String) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    let data = try encoder.encode(Envelope(rtcostForecastShard: version, shard: shard, results: results))
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  static func decode(path: String) throws -> ForecastResults {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw CLIError("\(path): cannot read the shard file")
    }
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    let envelope: Envelope
    do {
      envelope = try decoder.decode(Envelope.self, from: data)
    } catch let error as DecodingError {
      throw CLIError("\(path): not an rtcost forecast shard: \(DecodingErrorText.describe(error))")
    } catch {
      throw CLIError("\(path): not JSON: \(error)")
    }
    guard envelope.rtcostForecastShard == version else {
      throw CLIError(
        "\(path): shard format version \(envelope.rtcostForecastShard); this rtcost reads version \(version)")
    }
    try check(envelope.results, path: path)
    return envelope.results
  }

  /// Refuses a shard that decodes but cannot be a forecast's output: a damaged or hand-edited file.
  static func check(_ results: ForecastResults, path: String) throws {
    let identity = results.identity
    guard !identity.policies.isEmpty, identity.policies.indices.contains(identity.baseline),
      identity.totalWorlds > 0
    else { throw CLIError("\(path): the shard's policy grid or baseline is damaged") }
    for world in results.worlds {
      let context = "\(path): world \(world.index)"
      guard (0..<identity.totalWorlds).contains(world.index) else {
        throw CLIError("\(context): outside the run's \(identity.totalWorlds) worlds")
      }
      guard world.metrics.count == identity.policies.count else {
        throw CLIError(
          "\(context): \(world.metrics.count) policy results for \(identity.policies.count) policies")
      }
      for metrics in world.metrics {
        let counts = [
          metrics.genuineTurns, metrics.noiseBursts, metrics.responsesGenuine, metrics.responsesNoise,
          metrics.responsesReprompt, metrics.idleDisconnects, metrics.reconnects, metrics.failedReconnects,
          metrics.conversationsWithMemoryLost, metrics.warningsFired, metrics.alertsFired,
          metrics.budgetDisconnects,
          metrics.events,
        ]
        let money = metrics.costByCategory + [metrics.transcriptionPico]
        guard metrics.costByCategory.count == 8, counts.allSatisfy({ $0 >= 0 }),
          money.allSatisfy({ $0 >= 0 }),
          metrics.delayedTurnLatencies.allSatisfy({ $0 >= 0 }), (metrics.firstAlertAt ?? 0) >= 0
        else { throw CLIError("\(context): negative or missing values; the file is damaged") }
        // The categories must sum inside the exact money range, as a real run's do.
        var total: Int64 = 0
        for value in money {
          let (sum, overflow) = total.addingReportingOverflow(value)
          if overflow {
            throw CLIError("\(context): costs beyond the exact money range; the file is damaged")
          }
          total = sum
        }
      }
    }
  }
}

/// `--shard i/n`: which part of the worlds this process runs.
struct ShardSpec: Equatable {
  var index: Int
  var count: Int

  init(index: Int, count: Int) {
    self.index = index
    self.count = count
  }

  /// Parses `i/n` with 0 ≤ i < n (0-based, as Kubernetes' JOB_COMPLETION_INDEX).
  init?(_ text: String) {
    let parts = text.split(separator: "/")
    guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count > 0,
      (0..<count).contains(index)
    else { return nil }
    self.init(index: index, count: count)
  }

  var description: String { "\(index)/\(count)" }
}
