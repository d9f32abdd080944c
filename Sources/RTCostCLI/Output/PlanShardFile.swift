internal import Foundation
internal import Planning

/// A plan shard on disk: the exact integer tallies that `rtcost plan --merge` adds up.
enum PlanShardFile {
  struct Envelope: Codable {
    var rtcostPlanShard: Int
    var run: CapacityRun
  }

  static let version = 1

  static func encode(_ run: CapacityRun) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let data = try encoder.encode(Envelope(rtcostPlanShard: version, run: run))
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  static func decode(path: String) throws -> CapacityRun {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw CLIError("\(path): cannot read the plan shard file")
    }
    let decoder = JSONDecoder()
    let envelope: Envelope
    do {
      envelope = try decoder.decode(Envelope.self, from: data)
    } catch let error as DecodingError {
      throw CLIError("\(path): not an rtcost plan shard: \(DecodingErrorText.describe(error))")
    } catch {
      throw CLIError("\(path): not JSON: \(error)")
    }
    guard envelope.rtcostPlanShard == version else {
      throw CLIError(
        "\(path): plan shard format version \(envelope.rtcostPlanShard); this rtcost reads version \(version)"
      )
    }
    return envelope.run
  }
}
