public import Forecast
import Foundation
import RealtimeEvents

/// A plan shard on disk: the exact integer tallies that a merge adds up.
///
/// JSON `{"rtcost_plan_shard": 3, "run": {...}}`; version 3 adds GPT-Live concurrency, version 2 carries each variant's policies as guard
/// settings.
public enum PlanShardFile {
  struct Envelope: Codable {
    var rtcostPlanShard: Int
    var run: CapacityRun
  }

  /// The format version written and read.
  public static let version = 3

  /// The file's text for `run`.
  public static func encode(_ run: CapacityRun) throws(ShardFileError) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    do {
      let data = try encoder.encode(Envelope(rtcostPlanShard: version, run: run))
      return String(decoding: data, as: UTF8.self) + "\n"
    } catch {
      throw ShardFileError("cannot encode the plan shard: \(error)")
    }
  }

  /// The run in the file's `bytes`; `path` names it in errors.
  public static func decode(_ bytes: [UInt8], path: String) throws(ShardFileError) -> CapacityRun {
    let envelope: Envelope
    do {
      envelope = try JSONDecoder().decode(Envelope.self, from: Data(bytes))
    } catch let error as DecodingError {
      throw ShardFileError("\(path): not an rtcost plan shard: \(DecodingErrorText.describe(error))")
    } catch {
      throw ShardFileError("\(path): not JSON: \(error)")
    }
    guard envelope.rtcostPlanShard == version else {
      throw ShardFileError(
        "\(path): plan shard format version \(envelope.rtcostPlanShard); this rtcost reads version \(version)"
      )
    }
    return envelope.run
  }
}
