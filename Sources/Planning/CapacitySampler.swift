import Simulation

/// Builds device months from a library of device-days and tallies them (docs/planning.md).
///
/// Each device's month `m` is drawn with its own SplitMix64, seeded from (run seed, group, device,
/// month): `days + 2` device-days, uniformly with replacement, for local days −1 … `days`. Local days
/// 0 … `days − 1` are the device's month of cost; all of them, shifted by the group's UTC offset, fill
/// the UTC minutes of the profile month (month 0). A device's draws depend on nothing else, so any
/// split of the devices (threads, shards) gives the same tally.
public enum CapacitySampler {
  /// Tallies `devices[g]` of each group `g` from `libraries[g]` over `months` sampled months.
  ///
  /// `liveModel[g]` is the index of group `g`'s GPT-Live model among the tally's live models (its
  /// sessions also count towards that model's concurrent sessions), or nil for a Realtime group.
  public static func tally(
    libraries: [FleetDeviceDays], offsets: [Int], devices: [Range<Int>], months: Int, days: Int, seed: UInt64,
    liveModel: [Int?] = [], liveModels: Int = 0
  ) -> CapacityTally {
    precondition(libraries.count == offsets.count && offsets.count == devices.count, "one library per group")
    var tally = CapacityTally(months: months, groups: libraries.count, days: days, liveModels: liveModels)
    var draws = Array(repeating: 0, count: days + 2)
    for group in libraries.indices {
      let library = libraries[group]
      let size = UInt64(library.count)
      precondition(size > 0, "an empty device-day library")
      for device in devices[group] {
        for month in 0..<months {
          var random = SplitMix64(seed: FleetSeeds.mix(seed, UInt64(group), UInt64(device), UInt64(month)))
          for index in draws.indices { draws[index] = Int(random.next().multipliedFullWidth(by: size).high) }
          add(
            device: library, draws: draws, month: month, group: group, offsetMinutes: offsets[group],
            profile: month == 0, liveModel: group < liveModel.count ? liveModel[group] : nil, into: &tally)
        }
        tally.devices[group] += 1
      }
    }
    return tally
  }

  /// Adds one device's month: `draws[k]` is the library day for local day `k − 1`.
  public static func add(
    device library: FleetDeviceDays, draws: [Int], month: Int, group: Int, offsetMinutes: Int, profile: Bool,
    liveModel: Int? = nil, into tally: inout CapacityTally
  ) {
    let days = tally.days
    precondition(draws.count == days + 2, "a device month draws days + 2 device-days")
    let costBase = (month * tally.groups + group) * days
    for day in 0..<days {
      let (sum, overflow) = tally.dailyCostPico[costBase + day].addingReportingOverflow(
        library.costPico[draws[day + 1]])
      tally.dailyCostPico[costBase + day] = sum
      if overflow { tally.overflowed = true }
    }
    guard profile else { return }
    let perDay = FleetDeviceDays.minutesPerDay
    let monthMinutes = days * perDay
    tally.sessions.withUnsafeMutableBufferPointer { sessions in
      tally.requests.withUnsafeMutableBufferPointer { requests in
        tally.tokens.withUnsafeMutableBufferPointer { tokens in
          library.sessions.withUnsafeBufferPointer { daySessions in
            library.requests.withUnsafeBufferPointer { dayRequests in
              library.tokens.withUnsafeBufferPointer { dayTokens in
                for (slot, drawn) in draws.enumerated() {
                  // UTC minute of local minute j of local day (slot − 1): (slot − 1)·1440 + j − offset.
                  let shift = (slot - 1) * perDay - offsetMinutes
                  let low = max(0, -shift)
                  let high = min(perDay, monthMinutes - shift)
                  guard low < high else { continue }
                  let source = drawn * perDay
                  for minute in low..<high {
                    let target = shift + minute
                    sessions[target] &+= Int32(daySessions[source + minute])
                    requests[target] &+= Int32(dayRequests[source + minute])
                    tokens[target] &+= Int64(dayTokens[source + minute])
                  }
                }
              }
            }
          }
        }
      }
    }
    guard let liveModel else { return }
    let base = liveModel * monthMinutes
    tally.liveSessions.withUnsafeMutableBufferPointer { live in
      library.sessions.withUnsafeBufferPointer { daySessions in
        for (slot, drawn) in draws.enumerated() {
          let shift = (slot - 1) * perDay - offsetMinutes
          let low = max(0, -shift)
          let high = min(perDay, monthMinutes - shift)
          guard low < high else { continue }
          let source = drawn * perDay
          for minute in low..<high { live[base + shift + minute] &+= Int32(daySessions[source + minute]) }
        }
      }
    }
  }
}
